"""Every catalogue is complete: no empty and no fuzzy entry in ru, kk or en."""

import shutil
import subprocess
from pathlib import Path

import pytest
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
    msgfmt = shutil.which("msgfmt")
    assert msgfmt, "GNU gettext's msgfmt is needed (apt-get install gettext)"
    result = subprocess.run(  # noqa: S603 — fixed program, our own file
        [msgfmt, "--check", "--statistics", "-o", "/dev/null", str(catalogue)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "untranslated" not in result.stderr, result.stderr
    assert "fuzzy" not in result.stderr, result.stderr
    assert "translated message" in result.stderr
