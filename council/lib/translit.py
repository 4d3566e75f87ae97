"""Machine transliteration of names, used only as search keys (never as a person's Latin name).

Russian: ICAO Doc 9303 (passport standard) through the `iuliia` library.
Kazakh: the 2021 Latin alphabet (Ä Ğ Ñ Ö Ş Ū Ü Q İ), applied to the letters that Kazakh adds
to the Russian alphabet before the ICAO pass, so mixed text comes out whole.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

import iuliia

# Kazakh-specific Cyrillic letters → 2021 Latin alphabet (Decree of the President, 2021).
KAZAKH_2021 = {
    "ә": "ä",
    "ғ": "ğ",
    "қ": "q",
    "ң": "ñ",
    "ө": "ö",
    "ұ": "ū",
    "ү": "ü",
    "һ": "h",
    "і": "ı",
}


def _kazakh_letters(text: str) -> str:
    out = []
    for char in text:
        lower = char.lower()
        if lower in KAZAKH_2021:
            latin = KAZAKH_2021[lower]
            out.append(latin.upper() if char != lower else latin)
        else:
            out.append(char)
    return "".join(out)


@lru_cache(maxsize=65536)
def to_latin(text: str) -> str:
    """Transliterate Cyrillic (Russian or Kazakh) text to Latin; Latin text passes unchanged.
    Cached: an import of 100,000 people transliterates the same common names again and
    again."""
    return iuliia.ICAO_DOC_9303.translate(_kazakh_letters(text))


def fold(text: str) -> str:
    """Lower-case ASCII fold for matching: 'Ä' and 'a' match, so do 'Ё' and 'е'."""
    decomposed = unicodedata.normalize("NFKD", text.replace("ı", "i"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def search_key(*parts: str) -> str:
    """Everything a person might type to find a name: as entered, and its transliteration."""
    words: list[str] = []
    for part in parts:
        if not part:
            continue
        for folded in _folded_variants(part):
            if folded not in words:
                words.append(folded)
    return " ".join(words)[:400]


@lru_cache(maxsize=65536)
def _folded_variants(part: str) -> tuple[str, ...]:
    """A name as entered and transliterated, folded (the empty ones left out). Cached like
    `to_latin`: the same given and family names come back row after row."""
    return tuple(folded for folded in (fold(part), fold(to_latin(part))) if folded)
