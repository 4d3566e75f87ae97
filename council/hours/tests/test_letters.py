"""Letters of recommendation: written by an organiser for a volunteer with verified hours,
printed as a PDF in the organisation's name (in Russian, Kazakh or English, with the code and
QR code), checked on the verification page, revoked with a reason, mailed, audited."""

from __future__ import annotations

import io
from typing import Any

import pypdf
import pytest
from django.utils import formats, timezone, translation

from council.audit.models import AuditEvent
from council.hours.models import RecommendationLetter
from council.hours.services.letters import letter_issue, letter_revoke
from council.hours.tests.conftest import verified_entry
from council.hours.tests.test_check_in import signed_in

TEXTS = {
    "kk": "Әсел біздің ұйымда жарты жыл бойы еріктілер тобын басқарды."
    "\n\nОны шын жүректен ұсынамыз.",
    "ru": "Асель полгода руководила группой волонтёров.\n\nРекомендуем её от всей души.",
    "en": "Asel led a group of volunteers for half a year.\n\nWe recommend her warmly.",
}


@pytest.fixture
def worked(volunteer: Any, org_admin: Any, place: Any, project: Any) -> Any:
    volunteer.given_name, volunteer.family_name = "Әсел", "Ғалымжанова"
    volunteer.save(update_fields=["given_name", "family_name"])
    verified_entry(volunteer, project, org_admin, description="Штаб", hours="7.5")
    return volunteer


def _text(pdf: bytes) -> tuple[str, pypdf.PdfReader]:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return "".join(page.extract_text() for page in reader.pages), reader


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_the_letter_is_a_pdf_in_the_organisations_name(
    worked: Any, org_admin: Any, org: Any, language: str
) -> None:
    answer = signed_in(org_admin).post(
        f"/hours/orgs/{org.pk}/letters/",
        {"email": worked.email, "language": language, "text": TEXTS[language]},
    )
    assert answer.status_code == 302
    letter = RecommendationLetter.objects.get()
    assert letter.language == language
    assert letter.hours == 7.5
    response = signed_in(worked).get(f"/hours/letters/{letter.pk}.pdf")
    assert response["Content-Type"] == "application/pdf"
    text, reader = _text(response.content)
    flat = "".join(text.split())
    for paragraph in TEXTS[language].split("\n\n"):
        assert "".join(paragraph.split()) in flat
    assert "ӘселҒалымжанова" in flat
    assert "AstanaVolunteerCentre" in flat
    assert str(org_admin.display_name).replace(" ", "") in flat  # the signatory
    with translation.override(language):
        issued = formats.date_format(timezone.localdate(letter.issued_at), "DATE_FORMAT")
    assert "".join(issued.split()) in flat
    assert letter.code in flat
    assert reader.trailer["/Root"]["/Lang"] == language
    assert any(page.images for page in reader.pages)  # the QR code
    # The organisation reads it too; nobody else.
    assert signed_in(org_admin).get(f"/hours/letters/{letter.pk}.pdf").status_code == 200


def test_the_volunteers_language_by_default_and_the_mail_in_it(
    worked: Any, org_admin: Any, org: Any, mailbox: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        letter = letter_issue(actor=org_admin, organisation=org, volunteer=worked, text=TEXTS["en"])
    assert letter.language == "en"
    assert letter.signatory_name == str(org_admin.display_name)
    [message] = mailbox
    assert message.to == [worked.email]
    assert message.subject == "A letter of recommendation from Astana Volunteer Centre"
    assert letter.code in message.body
    assert f"/verify/{letter.code}/" in message.body
    assert AuditEvent.objects.filter(
        action="letter.issued", target_id=str(letter.pk), organisation_id=org.pk
    ).exists()
    assert "Astana Volunteer Centre" in signed_in(worked).get("/hours/references/").content.decode()


def test_no_letter_without_verified_hours(
    volunteer: Any, org_admin: Any, org: Any, place: Any
) -> None:
    page = signed_in(org_admin).post(
        f"/hours/orgs/{org.pk}/letters/", {"email": volunteer.email, "text": "Good."}
    )
    assert page.status_code == 400
    assert "no verified hours with your organisation" in page.content.decode()
    assert not RecommendationLetter.objects.exists()


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"email": "not-an-address", "text": "x"}, "email"),
        ({"email": "volunteer@example.org", "text": ""}, "text"),
        ({"email": "volunteer@example.org", "text": "x", "language": "de"}, "language"),
        ({"email": "volunteer@example.org", "text": "x" * 4001}, "text"),
        ({"email": "nobody@example.org", "text": "x"}, "email"),
    ],
)
def test_bad_input_is_a_field_error(
    worked: Any, org_admin: Any, org: Any, data: dict[str, str], field: str
) -> None:
    page = signed_in(org_admin).post(f"/hours/orgs/{org.pk}/letters/", data)
    assert page.status_code == 400
    assert field in page.context["form"].errors
    assert not RecommendationLetter.objects.exists()


def test_anyone_checks_the_letter_until_it_is_revoked(
    worked: Any, org_admin: Any, org: Any, client: Any
) -> None:
    letter = letter_issue(actor=org_admin, organisation=org, volunteer=worked, text="Reliable.")
    page = client.get(f"/verify/{letter.code.lower()}/")
    text = " ".join(page.content.decode().split())
    assert page.status_code == 200
    assert "Valid" in text and "letter of recommendation" in text
    assert "Әсел Ғалымжанова" in text
    answer = signed_in(org_admin).post(
        f"/hours/letters/{letter.pk}/revoke/", {"reason": "Issued by mistake"}
    )
    assert answer.status_code == 302
    page = client.get(f"/verify/{letter.code}/")
    assert "Revoked" in page.content.decode()
    assert "Issued by mistake" in page.content.decode()
    assert AuditEvent.objects.filter(action="letter.revoked").count() == 1
    with pytest.raises(Exception, match="already been revoked"):
        letter_revoke(actor=org_admin, letter=letter, reason="again")
    assert client.get("/verify/ZZZZZZZZ/").status_code == 404


def test_only_the_organisations_organisers_write_and_revoke(
    worked: Any, org_admin: Any, org: Any, org_member: Any, outsider: Any
) -> None:
    url = f"/hours/orgs/{org.pk}/letters/"
    assert signed_in(outsider).get(url).status_code == 404
    assert signed_in(org_member).get(url).status_code == 403
    assert signed_in(worked).get(url).status_code == 404
    letter = letter_issue(actor=org_admin, organisation=org, volunteer=worked, text="Reliable.")
    assert signed_in(outsider).get(f"/hours/letters/{letter.pk}.pdf").status_code == 404
    revoke = f"/hours/letters/{letter.pk}/revoke/"
    assert signed_in(outsider).post(revoke, {"reason": "x"}).status_code == 404
    assert signed_in(worked).post(revoke, {"reason": "x"}).status_code == 404
    letter.refresh_from_db()
    assert letter.is_valid


def test_the_organisations_letters_page_lists_them(
    worked: Any, org_admin: Any, org: Any, django_assert_max_num_queries: Any
) -> None:
    for _ in range(3):
        letter_issue(actor=org_admin, organisation=org, volunteer=worked, text="Reliable.")
    client = signed_in(org_admin)
    with django_assert_max_num_queries(12):
        page = client.get(f"/hours/orgs/{org.pk}/letters/")
    assert page.content.decode().count("Әсел Ғалымжанова") == 3
