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
