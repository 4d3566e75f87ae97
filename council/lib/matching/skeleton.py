"""The phonetic skeleton of a name word: one key for its Cyrillic (Russian or Kazakh) and Latin
spellings, whichever romanisation made the Latin one.

Two steps. Cyrillic goes to a plain Latin spelling first (Kazakh letters to their nearest
Russian ones: ә→a, ғ→g, қ→k, ң→n, ө→o, ұ/ү→u, і→i, һ→h; ъ and ь dropped); Latin text is
folded (the 2021 Kazakh letters ä ğ ñ ö ş ç ū ü q ı, then every diacritic: ICAO, BGN/PCGN,
GOST and ALA-LC spellings lose their marks). Then the same rules run on both, so whatever
the Cyrillic side becomes, a Latin spelling of it becomes the same:

- digraphs become one symbol: shch/sch/shh/sh/ş → S, ch/tch/ç → C, zh/dzh → Z, kh/h → H,
  ts/tc/tz (and c before e, i, y, v) → T; gh → g, ph → f, w → v, q and the other c → k;
  x → ks (a first x → H, the X of the scientific scheme);
- y and i are one letter (й, ы, и, і, and the iotation of ю, я, е, ё: Yuliya/Iuliia/Julia);
- the iotation is dropped where spellings disagree about it: -yev/-iev/-ev, Natalya/Natalia/
  Nataliya/Natala (after a consonant ia→a, iu→u, ie→e, io→e: Fyodorov/Fedorov); a vowel, i,
  vowel loses the i (Sergeyev/Sergeev); a word starting ye/yo starts e (Yelena/Elena);
- ae, oe, ue (the informal ә, ө, ү) become a, o, u;
- doubled letters become one (Assel/Asel, Dmitrii/Dmitriy/Dmitry).

Latin j is ж for some writers (Janar, the 2021 alphabet's J) and й for others (Julia,
Majorov): a word with j has both skeletons (`skeletons`), at most four.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from itertools import product

CYRILLIC = {
    "а": "a",
    "б": "b",
    "в": "v",
    "г": "g",
    "д": "d",
    "е": "e",
    "ё": "e",
    "ж": "zh",
    "з": "z",
    "и": "i",
    "й": "y",
    "к": "k",
    "л": "l",
    "м": "m",
    "н": "n",
    "о": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ф": "f",
    "х": "kh",
    "ц": "ts",
    "ч": "ch",
    "ш": "sh",
    "щ": "shch",
    "ъ": "",
    "ы": "y",
    "ь": "",
    "э": "e",
    "ю": "yu",
    "я": "ya",
    # Kazakh letters: their nearest Russian letter, which is how Kazakh names are spelt in
    # Russian-language documents (Сәрсенбаева → Сарсенбаева, Нұрлан → Нурлан).
    "ә": "a",
    "ғ": "g",
    "қ": "k",
    "ң": "n",
    "ө": "o",
    "ұ": "u",
    "ү": "u",
    "һ": "h",
    "і": "i",
    # Ukrainian and Belarusian letters seen in family names.
    "ї": "i",
    "є": "e",
    "ў": "u",
}

# The 2021 Kazakh Latin letters (and Turkish-style ones) whose diacritic carries a sound that
# plain folding would lose (ş is not s).
LATIN_LETTERS = {
    "ş": "sh",
    "ç": "ch",
    "ž": "zh",
    "š": "sh",
    "č": "ch",
    "ŝ": "shch",
    "ı": "i",
    "ğ": "g",
    "ñ": "n",
    "ä": "a",
    "ö": "o",
    "ü": "u",
    "ū": "u",
    "ß": "ss",
}

# Ordered: longer spellings first.
DIGRAPHS = (
    ("shch", "S"),
    ("shh", "S"),
    ("sch", "S"),
    ("sh", "S"),
    ("tch", "C"),
    ("ch", "C"),
    ("dzh", "Z"),
    ("zh", "Z"),
    ("kh", "H"),
    ("gh", "g"),
    ("ph", "f"),
    ("ts", "T"),
    ("tc", "T"),
    ("tz", "T"),
)
VOWELS = "aeiou"
MAX_VARIANTS = 4

_DIGRAPH = re.compile("|".join(spelling for spelling, _ in DIGRAPHS))
_DIGRAPH_SYMBOL = dict(DIGRAPHS)
_C_AS_TS = re.compile(r"c(?=[eiyv])")
_NOT_LETTER = re.compile(r"[^a-zSCZHT]")
_DOUBLED = re.compile(r"(.)\1+")
_VOWEL_I_VOWEL = re.compile(r"(?<=[aeou])i(?=[aeou])")
_CONSONANT_IO = re.compile(r"(?<=[^aeiou])io")
_CONSONANT_IOTATED = re.compile(r"(?<=[^aeiou])i(?=[aeu])")
_INFORMAL_UMLAUT = re.compile(r"(?<=[aou])e")


def plain(text: str) -> str:
    """Lower-case Latin letters: Cyrillic transliterated plainly, diacritics folded."""
    out = []
    for char in text.lower():
        if char in CYRILLIC:
            out.append(CYRILLIC[char])
        elif char in LATIN_LETTERS:
            out.append(LATIN_LETTERS[char])
        else:
            out.append(char)
    decomposed = unicodedata.normalize("NFKD", "".join(out))
    return "".join(c for c in decomposed if c.isascii() and c.isalpha())


def _letters(word: str) -> str:
    """Digraphs as one symbol, y as i, no doubled letters: the spelling rules, without those
    about iotation (`light`)."""
    if word.startswith("x"):
        word = "H" + word[1:]
    word = word.replace("x", "ks").replace("w", "v")
    word = _DIGRAPH.sub(lambda m: _DIGRAPH_SYMBOL[m.group(0)], word)
    word = _C_AS_TS.sub("T", word).replace("c", "k").replace("q", "k").replace("h", "H")
    word = word.replace("y", "i")
    return _DOUBLED.sub(r"\1", word)


def _rules(word: str) -> str:
    """The shared rules on one plain word in which j is already decided."""
    word = _letters(word)
    if word[:2] in ("ie", "io"):
        word = "e" + word[2:]
    word = _VOWEL_I_VOWEL.sub("", word)
    # Consonant + iotated vowel: ia→a, iu→u, ie→e and io→e (ё is e in ICAO and in speech
    # romanised as yo/io).
    word = _CONSONANT_IO.sub("e", word)
    word = _CONSONANT_IOTATED.sub("", word)
    word = _INFORMAL_UMLAUT.sub("", word)
    return _DOUBLED.sub(r"\1", word)


@lru_cache(maxsize=65536)
def skeletons(word: str) -> tuple[str, ...]:
    """The phonetic skeletons of one name word (one, or up to four when it has a Latin j)."""
    base = _NOT_LETTER.sub("", plain(word))
    if not base:
        return ()
    if "j" not in base:
        return (_rules(base),)
    pieces = base.split("j")
    choices = list(product(("zh", "y"), repeat=len(pieces) - 1))[:MAX_VARIANTS]
    found: list[str] = []
    for choice in choices:
        spelled = pieces[0] + "".join(j + rest for j, rest in zip(choice, pieces[1:], strict=True))
        key = _rules(spelled)
        if key not in found:
            found.append(key)
    return tuple(found)


@lru_cache(maxsize=65536)
def light(word: str) -> str:
    """A lighter key for measuring typos: the skeleton's spelling rules without the iotation
    rules, which can turn one slip into two differences ("Миаил" is "mail" in skeleton,
    one letter from "miail" in this key)."""
    return _letters(_NOT_LETTER.sub("", plain(word)))


def skeleton(word: str) -> str:
    """The first (main) skeleton of one word; "" for a word with no letters."""
    found = skeletons(word)
    return found[0] if found else ""
