"""The council of the two national networks, its secretariat, and an agreement in force."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

import pytest
from pypdf import PdfWriter

from council.cooperation.models import Agreement, Council, CouncilMember
from council.cooperation.services.agreements import (
    agreement_create,
    agreement_sign,
    signatory_add,
)


def real_pdf(*, pages: int = 1, password: str = "") -> bytes:
    """A PDF that readers open: blank A4 pages, password-protected when given one."""
    writer = PdfWriter()
    for _page in range(pages):
        writer.add_blank_page(595, 842)
    if password:
        writer.encrypt(password)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


@pytest.fixture
def private_files(settings: Any, tmp_path: Any) -> None:
    """Private files (signed copies) stored in the test's own temporary directory."""
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }


@pytest.fixture
def council(ru_network: Any, kz_network: Any) -> Council:
    council = Council.objects.create(
        name_en="Volunteer Council", name_ru="Волонтерский совет", founded_on=date(2019, 11, 8)
    )
    CouncilMember.objects.create(council=council, organisation=ru_network)
    CouncilMember.objects.create(council=council, organisation=kz_network)
    return council


# The day the council was founded, in Omsk: its agreements start and are signed then.
FOUNDED = date(2019, 11, 8)


def draft_agreement(council: Council, actor: Any, parties: list[Any], **values: Any) -> Agreement:
    """A draft agreement between `parties` from the founding day, titled in English and
    Russian unless `values` say otherwise."""
    values = {
        "title_en": "Agreement on the Volunteer Council",
        "title_ru": "Соглашение о Волонтерском совете",
        "starts_on": FOUNDED,
        **values,
    }
    return agreement_create(actor=actor, council=council, parties=parties, **values)


def sign_on_founding_day(actor: Any, agreement: Agreement, today: date, **places: str) -> Agreement:
    """Record the agreement's signature on the founding day, at the `places` given (in each
    language), as read on `today`."""
    return agreement_sign(
        actor=actor, agreement=agreement, signed_on=FOUNDED, today=today, **places
    )


def signed_agreement(
    council: Council,
    actor: Any,
    parties: list[Any],
    *,
    ends_on: date | None = date(2029, 11, 8),
    today: date = date(2026, 11, 22),
) -> Agreement:
    """An agreement between `parties`, signed in Omsk (by default in force until 2029, as
    read on 22 November 2026)."""
    agreement = draft_agreement(council, actor, parties, ends_on=ends_on)
    for party in parties:
        signatory_add(
            actor=actor,
            agreement=agreement,
            name=f"Head of {party.name}",
            position_en="Chair",
            organisation=party,
        )
    return sign_on_founding_day(actor, agreement, today, signed_at_en="Omsk")
