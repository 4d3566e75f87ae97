"""Compile every ru/kk/en catalogue (.po → .mo) with Babel, so that `make run` needs nothing but
Python (GNU gettext's msgfmt is not required)."""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

ROOTS = ("locale", "locale_vendor/allauth", "locale_vendor/django")


def main(base: Path) -> int:
    compiled = 0
    for root in ROOTS:
        for po_path in sorted((base / root).glob("*/LC_MESSAGES/*.po")):
            mo_path = po_path.with_suffix(".mo")
            if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
                continue
            with po_path.open("rb") as po_file:
                catalogue = read_po(po_file, locale=po_path.parent.parent.name)
            with mo_path.open("wb") as mo_file:
                write_mo(mo_file, catalogue, use_fuzzy=False)
            compiled += 1
    print(f"compiled {compiled} catalogue(s)")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(__file__).resolve().parent.parent))
