"""Every path and dotted name that README.md, docs/*.md and deploy/README.md mention exists.

A path is recognised when it starts with one of the repository's own top-level folders
(`council/forums/services/`, `docs/locking.md`, `scripts/dev_secrets.py`); a dotted name when
it starts with `council.` and is not part of an address (`council.lib.tables`,
`council.lib.views.post_action`, but not `admin@council.example`). A placeholder (`<app>`)
ends what is checked; a `*` is a glob that must match something."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest
from django.conf import settings

ROOT: Path = settings.BASE_DIR
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md")), ROOT / "deploy" / "README.md"]
FOLDERS = "council|deploy|docs|scripts|tests|bench|locale|locale_vendor|\\.ci"
# Not inside another path, an address or an assignment (`reports/council.pdf`, `x=council.y`);
# a dotted name in double quotes is a literal value (`"council.exchange"`), not a module.
PATH = re.compile(rf"(?<![\w/.@=:-])(?:{FOLDERS})/[\w./<>*-]*")
DOTTED = re.compile(r"(?<![\w/.@=:\"-])council(?:\.[A-Za-z_]\w*)+(?![\w-])")


def mentioned(pattern: re.Pattern[str], doc: Path) -> list[str]:
    return sorted(set(pattern.findall(doc.read_text(encoding="utf-8"))))


def path_exists(text: str) -> bool:
    text = text.split("<", 1)[0].rstrip(".")
    if "*" in text:
        return any(ROOT.glob(text))
    return (ROOT / text).exists()


def dotted_exists(name: str) -> bool:
    parts = name.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            target: object = importlib.import_module(".".join(parts[:cut]))
        except ModuleNotFoundError:
            continue
        for attribute in parts[cut:]:
            if not hasattr(target, attribute):
                return False
            target = getattr(target, attribute)
        return True
    return False


@pytest.mark.parametrize("doc", DOCS, ids=lambda doc: doc.name)
def test_every_path_a_doc_mentions_exists(doc: Path) -> None:
    missing = [text for text in mentioned(PATH, doc) if not path_exists(text)]
    assert missing == [], f"{doc.name} names paths that do not exist"


@pytest.mark.parametrize("doc", DOCS, ids=lambda doc: doc.name)
def test_every_dotted_name_a_doc_mentions_exists(doc: Path) -> None:
    missing = [name for name in mentioned(DOTTED, doc) if not dotted_exists(name)]
    assert missing == [], f"{doc.name} names modules or attributes that do not exist"


def test_the_recognisers_take_paths_and_names_not_prose() -> None:
    text = (
        "See `council/forums/services/` and docs/locking.md, (`council/*/access.py`), "
        "`council/<app>/views.py`; mail admin@council.example, ALLOWED_HOSTS=council.example, "
        "https://council.example/docs/x, reports/council.pdf, the council. The council's "
        '"council.record-book" '
        "docs/. `council.lib.tables` and council.lib.views.post_action."
    )
    assert PATH.findall(text) == [
        "council/forums/services/",
        "docs/locking.md",
        "council/*/access.py",
        "council/<app>/views.py",
        "docs/.",
    ]
    assert DOTTED.findall(text) == ["council.lib.tables", "council.lib.views.post_action"]
