"""Every catalogue is complete: no empty and no fuzzy entry in ru, kk or en."""

from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.conf import settings

CATALOGUES = sorted(
    path for root in settings.LOCALE_PATHS for path in Path(root).glob("*/LC_MESSAGES/django.po")
)


def test_there_is_a_catalogue_per_language() -> None:
    languages = {path.parent.parent.name for path in CATALOGUES}
    assert languages >= {"ru", "kk", "en"}


@pytest.mark.parametrize(
    "catalogue", CATALOGUES, ids=lambda p: str(p.relative_to(settings.BASE_DIR))
)
def test_catalogue_has_no_empty_or_fuzzy_entry(catalogue: Path) -> None:
    with catalogue.open("rb") as po_file:
        messages = [m for m in read_po(po_file, locale=catalogue.parent.parent.name) if m.id]
    assert messages, f"{catalogue} is empty"
    empty = [
        m.id
        for m in messages
        if not m.string or not all(m.string if isinstance(m.string, tuple) else [m.string])
    ]
    fuzzy = [m.id for m in messages if m.fuzzy]
    assert not empty, f"untranslated in {catalogue}: {empty[:10]}"
    assert not fuzzy, f"fuzzy in {catalogue}: {fuzzy[:10]}"


KAZAKH = [path for path in CATALOGUES if path.parent.parent.name == "kk"]


@pytest.mark.parametrize("catalogue", KAZAKH, ids=lambda p: str(p.relative_to(settings.BASE_DIR)))
def test_kazakh_catalogue_follows_the_glossary(catalogue: Path) -> None:
    """docs/kazakh-glossary.md: no "ё" in Kazakh, and a volunteer is "ерікті" (the council is
    "Еріктілер кеңесі"), never "волонтёр"."""
    with catalogue.open("rb") as po_file:
        messages = [m for m in read_po(po_file, locale="kk") if m.id]
    texts = [
        (m.id, text)
        for m in messages
        for text in (m.string if isinstance(m.string, tuple) else (m.string,))
    ]
    with_yo = [msgid for msgid, text in texts if "ё" in text.lower()]
    volunteer = [msgid for msgid, text in texts if "волонт" in text.lower()]
    assert not with_yo, f"'ё' in Kazakh: {with_yo[:10]}"
    assert not volunteer, f"'волонтёр' in Kazakh: {volunteer[:10]}"


def test_kazakh_dates_have_lower_case_months_and_one_name_for_the_council() -> None:
    from datetime import datetime

    from django.utils import formats, translation

    with translation.override("kk"):
        assert formats.date_format(datetime(2026, 12, 6, 18, 0), "DATETIME_FORMAT") == (
            "6 желтоқсан 2026 ж. 18:00"
        )
        assert formats.date_format(datetime(2026, 3, 1), "DATE_FORMAT") == "1 наурыз 2026 ж."
        assert translation.gettext("Report of the Volunteer Council") == "Еріктілер кеңесінің есебі"
