"""Agreements refuse implausible input: a "signed copy" that is no readable PDF, dates outside
2000 … ten years ahead, names that show nothing or carry text-direction controls — each
message names the field, and nothing is stored."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from council.cooperation.models import Agreement, AgreementStatus
from council.cooperation.services.agreements import agreement_create
from council.cooperation.tests.conftest import real_pdf, signed_agreement
from council.forums.models import Forum
from council.forums.services.forums import forum_create
from council.forums.tests.test_registration import signed_in

LABEL = "Signed copy (PDF, up to 20 MB)"


pytestmark = pytest.mark.usefixtures("private_files")


@pytest.fixture
def agreement(council: Any, secretariat: Any, ru_network: Any, kz_network: Any) -> Agreement:
    return signed_agreement(council, secretariat, [ru_network, kz_network])


@pytest.fixture
def draft(council: Any, secretariat: Any, ru_network: Any, kz_network: Any) -> Agreement:
    return agreement_create(
        actor=secretariat,
        council=council,
        parties=[ru_network, kz_network],
        title_en="Agreement on exchanges",
    )


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"%PDF-1.7\n" + bytes(range(256)) * 40, "The file is damaged or not a real PDF"),
        (b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", "The file is damaged or not"),
        (real_pdf(pages=0), "The PDF has no pages"),
        (real_pdf(password="secret"), "The PDF is protected by a password"),
    ],
)
def test_a_signed_copy_must_be_a_readable_pdf(
    agreement: Agreement, secretariat: Any, content: bytes, message: str
) -> None:
    answer = signed_in(secretariat).post(
        f"/agreements/{agreement.pk}/documents/",
        {"title": "Scan", "file": SimpleUploadedFile("scan.pdf", content)},
        follow=True,
    )
    assert f"{LABEL}: {message}" in answer.content.decode()
    assert not agreement.documents.exists()


def test_a_readable_pdf_is_attached(agreement: Agreement, secretariat: Any) -> None:
    content = real_pdf(pages=2)
    answer = signed_in(secretariat).post(
        f"/agreements/{agreement.pk}/documents/",
        {"title": "Signed in Omsk", "file": SimpleUploadedFile("omsk.pdf", content)},
        follow=True,
    )
    assert "The signed copy is attached." in answer.content.decode()
    assert agreement.documents.get().size == len(content)


def test_the_signature_date_is_plausible(
    draft: Agreement, secretariat: Any, ru_network: Any
) -> None:
    keeper = signed_in(secretariat)
    keeper.post(
        f"/agreements/{draft.pk}/signatories/",
        {"name": "Irina Petrova", "position_en": "Chair", "organisation": ru_network.pk},
    )
    for day in ("0001-01-01", "9999-12-31"):
        answer = keeper.post(
            f"/agreements/{draft.pk}/sign/", {"signed_on": day, "signed_at_en": "Omsk"}, follow=True
        )
        assert "Signed on: Enter a date between 2000-01-01 and" in answer.content.decode()
    draft.refresh_from_db()
    assert draft.status == AgreementStatus.DRAFT and draft.signed_on is None


@pytest.mark.parametrize("name", ["\u200b\u200b", "Irina \u202eavorteP", "\u2067Irina\u2069"])
def test_a_signatory_name_shows_what_it_says(
    draft: Agreement, secretariat: Any, ru_network: Any, name: str
) -> None:
    answer = signed_in(secretariat).post(
        f"/agreements/{draft.pk}/signatories/",
        {"name": name, "position_en": "Chair", "organisation": ru_network.pk},
        follow=True,
    )
    assert "Name: " in answer.content.decode()
    assert not draft.signatories.exists()


def test_the_agreement_form_names_an_implausible_end(
    council: Any, secretariat: Any, ru_network: Any, kz_network: Any
) -> None:
    answer = signed_in(secretariat).post(
        f"/councils/{council.pk}/agreements/new/",
        {
            "title_en": "Agreement on exchanges",
            "parties": [ru_network.pk, kz_network.pk],
            "starts_on": "2026-01-01",
            "ends_on": "9999-12-31",
        },
    )
    errors = answer.context["form"].errors
    assert list(errors) == ["ends_on"], errors
    assert errors["ends_on"][0].startswith("Enter a date between 2000-01-01 and")
    assert not Agreement.objects.exists()


def test_a_forum_in_the_year_9999_is_refused(org: Any, org_admin: Any, astana: Any) -> None:
    with pytest.raises(ValidationError) as caught:
        forum_create(
            actor=org_admin,
            host=org,
            title_en="Forum",
            city=astana,
            capacity=10,
            starts_on=date(9999, 1, 1),
            ends_on=date(9999, 1, 2),
            registration_opens=datetime(2026, 1, 1, tzinfo=UTC),
            registration_closes=datetime(2026, 2, 1, tzinfo=UTC),
        )
    assert {"starts_on", "ends_on"} <= set(caught.value.message_dict)
    assert not Forum.objects.exists()
