"""Words that synthetic projects and opportunities are made of, in Russian, Kazakh and English.

Each theme has project names, three opportunity titles and three description sentences, the
same meaning at the same position in every language. The sentences use the words of the titles
in other forms (посадка → посадим, посаженное; отырғызу → отырғызамыз, отырғызылған; plant →
planting), so the full-text search of the demo data has inflections to find.
"""

from __future__ import annotations

from dataclasses import dataclass

from council.demo.datafiles import table, values

Texts = tuple[str, str, str]  # ru, kk, en


@dataclass(frozen=True)
class Theme:
    key: str
    causes: tuple[str, ...]  # cause slugs, the first is the main one
    skills: tuple[str, ...]  # skill slugs
    targets: tuple[str, ...]  # SDG target codes
    projects: tuple[Texts, ...]
    titles: tuple[Texts, Texts, Texts]
    sentences: tuple[Texts, Texts, Texts]
    online: bool = False  # may be done online
    restricted: str = ""  # RestrictedCategory
    min_age: int = 0
    medical: bool = False


# The words: council/demo/data/words.json.
THEMES: tuple[Theme, ...] = table("words", "THEMES", Theme)
# What the organisers add after the title, at the same index in every language.
TITLE_SUFFIXES: tuple[Texts, ...] = values("words", "TITLE_SUFFIXES")
# The sentences added to a synthetic description; {age}, {city} and {organisation} are filled in.
AGE_SENTENCE: Texts = values("words", "AGE_SENTENCE")
MEDICAL_SENTENCE: Texts = values("words", "MEDICAL_SENTENCE")
PLACE_SENTENCE: Texts = values("words", "PLACE_SENTENCE")
ONLINE_SENTENCE: Texts = values("words", "ONLINE_SENTENCE")
PROJECT_SENTENCE: Texts = values("words", "PROJECT_SENTENCE")
JOINT_SENTENCE: Texts = values("words", "JOINT_SENTENCE")
BIOS: tuple[Texts, ...] = values("words", "BIOS")
# Street names by country code, for synthetic addresses.
STREETS: dict[str, tuple[str, ...]] = values("words", "STREETS")

REJECTION_REASON = "Набор на эту смену закрыт."
