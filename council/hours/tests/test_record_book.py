"""The record book: only verified hours, totals, the PDF, and the signed JSON that another
platform verifies with the published key alone."""

from __future__ import annotations

import io
import json
from datetime import date
from decimal import Decimal
from typing import Any

import pypdf
import pytest
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from council.hours.services.entries import hours_log, hours_reject, hours_verify
from council.hours.tests.test_check_in import signed_in
from council.lib.signing import verify


@pytest.fixture
def book_owner(volunteer: Any, org_admin: Any, place: Any, project: Any) -> Any:
    def log(day: date, hours: str) -> Any:
        return hours_log(
            volunteer=volunteer,
            project=project,
            opportunity=place.opportunity,
            day=day,
            hours=hours,
            description="First aid",
        )

    hours_verify(actor=org_admin, entry=log(date(2025, 12, 30), "4"), feedback="Calm and kind")
    hours_verify(actor=org_admin, entry=log(date(2026, 3, 11), "5.5"))
    log(date(2026, 3, 12), "7")  # submitted: not in the book
    hours_reject(actor=org_admin, entry=log(date(2026, 3, 13), "9"), reason="Duplicate")
    volunteer.given_name, volunteer.family_name = "Әсел", "Құрманғалиева"
    volunteer.save(update_fields=["given_name", "family_name"])
    return volunteer


def test_only_verified_hours_appear_with_totals(book_owner: Any) -> None:
    page = signed_in(book_owner).get("/hours/record-book/")
    text = page.content.decode()
    assert page.status_code == 200
    assert "Verified hours of volunteer work: 9.50" in " ".join(text.split())
    assert "Calm and kind" in text
    assert page.context["book"].by_year == {2025: Decimal("4.00"), 2026: Decimal("5.50")}
    assert page.context["book"].by_goal == {3: Decimal("9.50")}
    assert [entry.hours for entry in page.context["book"].entries] == [
        Decimal("4.00"),
        Decimal("5.50"),
    ]


def test_the_record_book_page_reads_a_fixed_number_of_queries(
    book_owner: Any, django_assert_max_num_queries: Any
) -> None:
    client = signed_in(book_owner)
    # 9 for the entries and totals; one for the references shown, four at most for the
    # milestones (hours by day, the first cross-border project and its title, first forum).
    with django_assert_max_num_queries(14):
        client.get("/hours/record-book/")


def test_the_pdf_has_the_name_and_hours(book_owner: Any) -> None:
    response = signed_in(book_owner).get("/hours/record-book.pdf")
    assert response["Content-Type"] == "application/pdf"
    text = pypdf.PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    flat = "".join(text.split())
    assert "ӘселҚұрманғалиева" in flat
    assert "9.5" in flat


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("kk", ["желтоқсан", "наурыз", "сағаттар"]),
        ("ru", ["декабря", "марта", "часы"]),
    ],
)
def test_the_pdf_table_keeps_its_words_whole(
    book_owner: Any, language: str, words: list[str]
) -> None:
    """Each column is as wide as its longest word: "желтоқсан" is never cut into "Желтоқса"
    and "н" on two lines, nor the heading "Сағаттар" into "Сағат" and "тар"."""
    client = signed_in(book_owner)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get("/hours/record-book.pdf")
    text = pypdf.PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    with translation.override(language):
        entries = text.split(_("Hours by year"))[0]
    found = [word.lower() for word in entries.split()]
    for word in words:
        assert word in found, entries


def test_the_signed_json_verifies_with_the_published_key_and_fails_when_changed(
    book_owner: Any, client: Any
) -> None:
    signed = json.loads(signed_in(book_owner).get("/hours/record-book.json").content)
    keys = client.get("/hours/signing-keys.json").json()["keys"]
    key = next(key for key in keys if key["kid"] == signed["signature"]["key_id"])
    import base64

    public = base64.b64encode(base64.urlsafe_b64decode(key["x"] + "==")).decode()
    document = signed["record_book"]
    assert document["volunteer"]["name"] == "Әсел Құрманғалиева"
    assert [entry["hours"] for entry in document["entries"]] == ["4.00", "5.50"]
    assert document["totals"]["volunteer_work_hours"] == "9.50"
    assert verify(document, signed["signature"], public)
    # One byte changed anywhere in the document: 5.50 → 5.51 hours.
    raw = json.dumps(document, ensure_ascii=False).replace('"5.50"', '"5.51"')
    assert not verify(json.loads(raw), signed["signature"], public)


def test_the_record_book_is_personal(client: Any) -> None:
    assert client.get("/hours/record-book/").status_code == 302
    assert client.get("/hours/record-book.json").status_code == 302
