"""Certificates: issued for verified hours, rendered with Kazakh and Russian letters, checked
by anyone by their code, revoked with a reason."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal
from typing import Any

import pypdf
import pytest
from django.core.exceptions import ValidationError

from council.audit.models import AuditEvent
from council.hours.models import Certificate, CertificateKind
from council.hours.services.certificates import (
    certificate_issue,
    certificate_revoke,
    certificates_issue_for_project,
)
from council.hours.services.entries import hours_log, hours_verify
from council.hours.tests.conftest import confirm, project_certificate, verified_entry
from council.hours.tests.test_check_in import signed_in

KAZAKH_LETTERS = "әғқңөұүһі"


@pytest.fixture
def worked(volunteer: Any, org_admin: Any, place: Any, project: Any) -> Any:
    volunteer.given_name = "Әсел Ізбасқызы"
    volunteer.family_name = "Ғалымжанова"
    volunteer.preferred_language = "kk"
    volunteer.save()
    project.title_kk = "Шаһар денсаулығы: әже мен ағаға көмек, құрылыс, үй, білім, қаңқа"
    project.save(update_fields=["title_kk"])
    verified_entry(volunteer, project, org_admin, description="Қан қысымын өлшеу")
    return volunteer


def test_a_certificate_renders_kazakh_and_russian_names(
    worked: Any, org_admin: Any, project: Any
) -> None:
    certificate = project_certificate(org_admin, project, worked)
    assert certificate.hours == Decimal("6.00")
    assert certificate.language == "kk"
    response = signed_in(worked).get(f"/hours/certificates/{certificate.pk}.pdf")
    assert response["Content-Type"] == "application/pdf"
    reader = pypdf.PdfReader(io.BytesIO(response.content))
    text = "".join(reader.pages[0].extract_text().split())
    assert "ӘселІзбасқызыҒалымжанова" in text
    assert "Шаһарденсаулығы:әжеменағағакөмек,құрылыс,үй,білім,қаңқа" in text
    for letter in KAZAKH_LETTERS:
        assert letter in text, letter
    assert certificate.code in text
    assert reader.pages[0].images  # the QR code


def test_a_russian_volunteer_gets_it_in_russian(worked: Any, org_admin: Any, project: Any) -> None:
    worked.preferred_language = "ru"
    worked.save()
    certificate = certificate_issue(
        actor=org_admin,
        organisation=project.owner,
        volunteer=worked,
        kind=CertificateKind.HOURS,
        period_start=date(2026, 1, 1),
        period_end=date(2026, 12, 31),
    )
    response = signed_in(worked).get(f"/hours/certificates/{certificate.pk}.pdf")
    text = pypdf.PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    assert "Сертификат" in text


def test_the_verification_page_says_valid_then_revoked(
    worked: Any, org_admin: Any, project: Any, client: Any
) -> None:
    certificate = project_certificate(org_admin, project, worked)
    page = client.get(f"/verify/{certificate.code}/")
    assert page.status_code == 200
    assert "Valid" in page.content.decode()
    assert "Әсел" in page.content.decode()
    certificate_revoke(actor=org_admin, certificate=certificate, reason="Issued by mistake")
    page = client.get(f"/verify/{certificate.code.lower()}/")
    text = page.content.decode()
    assert "Revoked" in text and "Issued by mistake" in text and ">Valid<" not in text
    assert client.get("/verify/NOSUCHCODE/").status_code == 404
    assert client.get("/verify/", {"code": certificate.code}).status_code == 302
    actions = list(
        AuditEvent.objects.filter(target_type="hours.certificate").values_list("action", flat=True)
    )
    assert sorted(actions) == ["certificate.issued", "certificate.revoked"]


def test_no_verified_hours_no_certificate(
    volunteer: Any, org_admin: Any, place: Any, project: Any
) -> None:
    with pytest.raises(ValidationError) as caught:
        project_certificate(org_admin, project, volunteer)
    assert caught.value.messages == ["This volunteer has no verified hours to certify."]


def test_bulk_issue_for_a_project_skips_who_has_one(
    worked: Any, outsider: Any, org_admin: Any, past_shift: Any, project: Any
) -> None:
    confirm(outsider, past_shift)
    hours_verify(
        actor=org_admin,
        entry=hours_log(
            volunteer=outsider, project=project, day=date(2026, 3, 11), hours="2", description="x"
        ),
    )
    assert len(certificates_issue_for_project(actor=org_admin, project=project)) == 2
    assert certificates_issue_for_project(actor=org_admin, project=project) == []
    assert Certificate.objects.count() == 2


def test_the_organisers_page_issues_and_revokes(worked: Any, org_admin: Any, project: Any) -> None:
    client = signed_in(org_admin)
    url = f"/hours/orgs/{project.owner_id}/certificates/"
    answer = client.post(url, {"issue": "project", "project": project.pk}, follow=True)
    assert "Certificates issued: 1." in answer.content.decode()
    certificate = Certificate.objects.get()
    bad = client.post(url, {"issue": "single", "email": "nobody@example.org", "kind": "hours"})
    assert bad.status_code == 400
    assert "Nobody has this email address here." in bad.content.decode()
    client.post(f"/hours/certificates/{certificate.pk}/revoke/", {"reason": "Wrong person"})
    certificate.refresh_from_db()
    assert certificate.revocation_reason == "Wrong person"


def test_outsiders_cannot_issue_revoke_or_download(
    worked: Any, org_admin: Any, outsider: Any, project: Any
) -> None:
    certificate = project_certificate(org_admin, project, worked)
    client = signed_in(outsider)
    assert client.get(f"/hours/orgs/{project.owner_id}/certificates/").status_code == 404
    assert (
        client.post(f"/hours/certificates/{certificate.pk}/revoke/", {"reason": "x"}).status_code
        == 404
    )
    assert client.get(f"/hours/certificates/{certificate.pk}.pdf").status_code == 404
    certificate.refresh_from_db()
    assert certificate.revoked_at is None
