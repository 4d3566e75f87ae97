"""Search keys for Russian, Kazakh and English text: the same code turns a document and a
query into plain keys, so PostgreSQL and SQLite only compare tokens and find the same things.

- Russian and English words get their Snowball stem (`snowballstemmer`); `ё` is read as `е`.
- Kazakh has no Snowball stemmer. A Kazakh word is folded to the letters of the Russian
  alphabet (ә→а, ғ→г, қ→к, ң→н, ө→о, ұ→у, ү→у, һ→х, і→и, so text typed on a Russian keyboard
  still matches), then a light stripper cuts its endings layer by layer from the outside in
  (personal, case, possessive, plural, then the -лық and -шы derivations), each layer at most
  once, longest ending first, keeping at least three letters with a vowel, and undoes the
  voicing of the last consonant (мектебі → мектеп). A document keeps both the folded word and
  its stem; a query word matches as a prefix on the first six letters of its stem. Endings are
  ambiguous (алма|ты or алмат|ы), so the prefix and the double key make up for a cut too many
  on either side, and for the verb forms the stripper does not know: "еріктілерге" → "ерикти*"
  finds "ерікті"; "Алматыда" → "алмат*" finds "Алматы".
- Which stemmer: Latin script → English; a word with a Kazakh letter → Kazakh; other Cyrillic
  → the language of the field in a document; in a query, where the language is unknown, both
  the Russian stem and the Kazakh prefix (either may match).

A query is a list of words that must all match (AND), each with its alternative keys (OR).

Prefix keys are matched exactly, not by a prefix scan (which makes a GIN index read every
posting list of every matching entry): each Cyrillic key of a document also carries its
first three to six letters, marked (`prefix_token`), and a query's prefix key looks for the
marked token. "посад" then finds "посадк" through the one token "kpпосад".
"""

from __future__ import annotations

import re
import threading
import unicodedata
from functools import lru_cache
from typing import NamedTuple

import snowballstemmer

KAZAKH_LETTERS = frozenset("әғқңөұүһі")
KAZAKH_FOLD = str.maketrans("әғқңөұүһі", "агкноуухи")
KAZAKH_MIN_STEM = 3
KAZAKH_PREFIX_LETTERS = 6
KAZAKH_VOWELS = frozenset("аеиоуыэюя")

# Endings in the order they follow a root, outermost first; each layer is cut at most once.
# The one-letter dative (а, е) and accusative (н) are left out: they come only after a
# possessive and would cut the last letter off too many roots.
_KAZAKH_LAYERS = (
    "мын мін бын бін пын пін мыз міз быз біз пыз піз сың сің сыз сіз",  # personal
    "ның нің дың дің тың тің ға ге қа ке на не ны ні ды ді ты ті"  # case
    " да де та те нда нде дан ден тан тен нан нен мен бен пен менен бенен пенен",
    "ымыз іміз мыз міз ыңыз іңіз ңыз ңіз ым ім м ың ің ң сы сі ы і",  # possessive
    "лар лер дар дер тар тер",  # plural
    "лық лік дық дік тық тік шы ші",  # derivational: abstract noun, agent
)
# Folded like the words they are cut from, longest first.
KAZAKH_LAYERS = tuple(
    sorted(
        {suffix.translate(KAZAKH_FOLD) for suffix in layer.split()},
        key=lambda suffix: (-len(suffix), suffix),
    )
    for layer in _KAZAKH_LAYERS
)
KAZAKH_DEVOICE = {"б": "п", "г": "к"}

# fmt: off
STOP_WORDS = frozenset({
    # Russian
    "и", "в", "во", "на", "с", "со", "к", "ко", "по", "о", "об", "от", "до", "за", "из", "у",
    "для", "а", "но", "или", "не", "же", "ли", "то", "это", "как", "при",
    # English
    "a", "an", "the", "and", "or", "of", "in", "on", "at", "to", "for", "with", "by", "from",
    "as", "is", "are", "be",
    # Kazakh
    "және", "мен", "бен", "пен", "да", "де", "та", "те", "үшін", "бойынша", "немесе", "әрі",
})
# fmt: on

_WORD = re.compile(r"[^\W_]+")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[a-z]")


class Key(NamedTuple):
    text: str
    prefix: bool


_local = threading.local()


def _snowball(language: str) -> snowballstemmer.Stemmer:
    # Snowball stemmers keep state while stemming: one per thread.
    stemmers = getattr(_local, "stemmers", None)
    if stemmers is None:
        stemmers = _local.stemmers = {}
    if language not in stemmers:
        stemmers[language] = snowballstemmer.stemmer(language)
    return stemmers[language]


def words(text: str) -> list[str]:
    """Lower-case words of the text, without stop words; `ё` is `е`."""
    normal = unicodedata.normalize("NFC", text).lower().replace("ё", "е")
    return [word for word in _WORD.findall(normal) if word not in STOP_WORDS]


def russian_stem(word: str) -> str:
    return str(_snowball("russian").stemWord(word))


def english_stem(word: str) -> str:
    return str(_snowball("english").stemWord(word))


def kazakh_stem(word: str) -> str:
    """The folded root of a Kazakh word (see the module docstring)."""
    stem = word.translate(KAZAKH_FOLD)
    for layer in KAZAKH_LAYERS:
        for suffix in layer:
            rest = stem[: -len(suffix)]
            if (
                stem.endswith(suffix)
                and len(rest) >= KAZAKH_MIN_STEM
                and KAZAKH_VOWELS.intersection(rest)
            ):
                stem = rest
                break
    if stem[-1:] in KAZAKH_DEVOICE:
        stem = stem[:-1] + KAZAKH_DEVOICE[stem[-1]]
    return stem


def _script(word: str) -> str:
    if KAZAKH_LETTERS.intersection(word):
        return "kk"
    if _CYRILLIC.search(word):
        return "cyrillic"
    if _LATIN.search(word):
        return "en"
    return "other"


PREFIX_MARK = "kp"


def prefix_token(text: str) -> str:
    """The token a document carries for each Cyrillic key starting with `text`."""
    return PREFIX_MARK + text


def _prefix_tokens(key: str) -> list[str]:
    return [
        prefix_token(key[:length])
        for length in range(KAZAKH_MIN_STEM, min(len(key), KAZAKH_PREFIX_LETTERS) + 1)
    ]


def document_keys(text: str, language: str) -> str:
    """The search keys of a text written in `language` ("ru", "kk" or "en"), space-separated:
    each word's keys, then the prefix tokens of its Cyrillic keys."""
    keys: list[str] = []
    prefixes: list[str] = []
    for word in words(text):
        word_keys, word_prefixes = _word_keys(word, language)
        keys.extend(word_keys)
        prefixes.extend(word_prefixes)
    return " ".join(dict.fromkeys([*keys, *prefixes]))


@lru_cache(maxsize=200_000)
def _word_keys(word: str, language: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(keys, prefix tokens) of one word: a language has far fewer words than a corpus has
    texts, so indexing many documents mostly hits this cache."""
    script = _script(word)
    if script == "cyrillic":
        script = "kk" if language == "kk" else "ru"
    if script == "kk":
        folded, stem = word.translate(KAZAKH_FOLD), kazakh_stem(word)
        keys: tuple[str, ...] = (folded, stem) if stem != folded else (stem,)
    elif script == "ru":
        keys = (russian_stem(word),)
    elif script == "en":
        keys = (english_stem(word),)
    else:
        keys = (word,)
    prefixes = tuple(
        token for key in keys if _CYRILLIC.search(key) for token in _prefix_tokens(key)
    )
    return keys, prefixes


def _kazakh_key(word: str) -> Key:
    stem = kazakh_stem(word)
    if len(stem) < KAZAKH_MIN_STEM:
        return Key(stem, prefix=False)
    return Key(stem[:KAZAKH_PREFIX_LETTERS], prefix=True)


def query_keys(text: str) -> list[list[Key]]:
    """Per query word, the keys any one of which must match (duplicate words dropped)."""
    terms: list[list[Key]] = []
    for word in words(text):
        script = _script(word)
        if script == "kk":
            alternatives = [_kazakh_key(word)]
        elif script == "cyrillic":
            alternatives = [Key(russian_stem(word), prefix=False), _kazakh_key(word)]
        elif script == "en":
            alternatives = [Key(english_stem(word), prefix=False)]
        else:
            alternatives = [Key(word, prefix=False)]
        # A prefix key already covers the same exact key.
        prefixes = {key.text for key in alternatives if key.prefix}
        unique = [k for k in alternatives if k.prefix or k.text not in prefixes]
        unique = list(dict.fromkeys(unique))
        if unique not in terms:
            terms.append(unique)
    return terms
