"""Documents downloaded in the browser are in the language the page is read in, and every
link they carry (text, QR code, the signed record book's issuer) is the served address."""

from __future__ import annotations

import io
import json
from typing import Any

import pypdf
import pytest

from council.hours import documents
from council.hours.tests.conftest import project_certificate, verified_entry
from council.hours.tests.test_check_in import signed_in
from council.lib.tests.languages import in_each_language

SERVED = "http://127.0.0.1:8101"  # what `make run PORT=8101` sets SITE_URL to


def pdf_text(content: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(content))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


@pytest.fixture
def worked(volunteer: Any, org_admin: Any, place: Any, project: Any) -> Any:
    """A volunteer whose stored language is Russian, with verified hours and a certificate."""
    volunteer.preferred_language = "ru"
    volunteer.save()
    verified_entry(volunteer, project, org_admin, description="First aid")
    project_certificate(org_admin, project, volunteer)
    return volunteer


@in_each_language(
    kk=("Осымен расталады", "Еріктінің жеке кітапшасы"),
    en=("This certifies that", "Record book of volunteer work"),
)
def test_the_certificate_and_record_book_follow_the_chosen_language(
    worked: Any, settings: Any, language: str, certificate: str, record_book: str
) -> None:
    client = signed_in(worked)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language  # chosen in the switcher
    pk = worked.certificates.get().pk
    text = pdf_text(client.get(f"/hours/certificates/{pk}.pdf").content)
    assert certificate in text
    assert "Настоящим подтверждается" not in text  # the stored language, Russian
    assert record_book in pdf_text(client.get("/hours/record-book.pdf").content)


def test_every_link_carries_the_served_address(
    worked: Any, settings: Any, monkeypatch: Any
) -> None:
    settings.SITE_URL = SERVED
    encoded: list[str] = []
    real_qr = documents.qr_png
    monkeypatch.setattr(documents, "qr_png", lambda text: encoded.append(text) or real_qr(text))
    client = signed_in(worked)
    certificate = worked.certificates.get()

    text = pdf_text(client.get(f"/hours/certificates/{certificate.pk}.pdf").content)
    assert f"{SERVED}/verify/{certificate.code}/" in text.replace(" ", "")
    assert encoded == [f"{SERVED}/verify/{certificate.code}/"]
    assert "127.0.0.1:8101" in pdf_text(client.get("/hours/record-book.pdf").content)

    signed = json.loads(client.get("/hours/record-book.json").content)
    assert signed["record_book"]["issuer"] == SERVED
    assert signed["signature"]["public_keys"].startswith(f"{SERVED}/")
    assert ":8000" not in json.dumps(signed)
