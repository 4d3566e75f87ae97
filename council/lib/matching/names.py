"""A person's name as the matcher reads it: the forms a record holds (the name as entered,
the Latin one, a one-column full name), each as a family word, a given word and a
patronymic's stem, in skeletons (`skeleton.py`); and how two words relate."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rapidfuzz.distance import OSA

from council.lib.matching.skeleton import skeletons

if TYPE_CHECKING:
    from council.lib.matching import PersonRecord

# A word's skeleton variants (usually one).
Word = tuple[str, ...]

# Skeleton endings of patronymics, longest first: Russian -ович/-евич/-ич, -овна/-евна/
# -ична/-инична, Kazakh -ұлы/-қызы (and their Latin spellings, which skeleton alike).
PATRONYMIC_ENDINGS = ("iniCna", "oviC", "eviC", "ovna", "evna", "iCna", "uli", "kizi", "iC")
# Endings that mark a word as a patronymic when it stands in a full name (-ич alone is also a
# Belarusian family name's ending, so it only strips, never marks).
PATRONYMIC_MARKS = PATRONYMIC_ENDINGS[:-1]
# Kazakh patronymics are often written as two words: "Нұрлан ұлы", "Nurlan kyzy".
PATRONYMIC_WORDS = frozenset({"uli", "kizi"})
_SPLIT = re.compile(r"[\s,;/]+")


@dataclass(frozen=True)
class NameForm:
    family: Word
    given: Word
    patronymic: str  # the father's name: the stem of the patronymic's skeleton, or ""
    ordered: bool  # whether `family` and `given` came from their own fields


def _word(text: str) -> Word:
    """The skeletons of a field's words written together (a double-barrelled name, "Мария
    Луиза", "Петрова-Водкина" each make one word)."""
    return skeletons("".join(_SPLIT.split(text.strip())))


def patronymic_stem(key: str) -> str:
    for ending in PATRONYMIC_ENDINGS:
        if key.endswith(ending) and len(key) > len(ending) + 1:
            return key[: -len(ending)]
    return key


def _is_patronymic(word: str) -> bool:
    key = skeletons(word)
    return bool(key) and any(
        key[0].endswith(ending) and len(key[0]) > len(ending) + 1 for ending in PATRONYMIC_MARKS
    )


def _split_patronymic(words: list[str]) -> tuple[list[str], str]:
    """The name's other words and its patronymic (one word, or a Kazakh name + ұлы/қызы)."""
    for index in range(len(words) - 1, 0, -1):
        if skeletons(words[index])[:1] and skeletons(words[index])[0] in PATRONYMIC_WORDS:
            return words[: index - 1] + words[index + 1 :], words[index - 1] + words[index]
    if len(words) >= 3:
        for index in range(len(words) - 1, -1, -1):
            if _is_patronymic(words[index]):
                return words[:index] + words[index + 1 :], words[index]
    return words, ""


def _stem(text: str) -> str:
    word = _word(text)
    return patronymic_stem(word[0]) if word else ""


def name_forms(record: PersonRecord) -> tuple[NameForm, ...]:
    """Every form of the name a record holds, without repeats."""
    forms: list[NameForm] = []
    patronymic = _stem(record.patronymic) if record.patronymic.strip() else ""
    for family, given in (
        (record.family_name, record.given_name),
        (record.family_name_latin, record.given_name_latin),
    ):
        if not (family.strip() or given.strip()):
            continue
        given_words, inner = _split_patronymic([w for w in _SPLIT.split(given) if w])
        family_words = [w for w in _SPLIT.split(family) if w]
        if len(family_words) >= 2 and not given_words:
            forms.append(_full(family_words, patronymic))
            continue
        forms.append(
            NameForm(
                family=_word(" ".join(family_words)),
                given=_word(" ".join(given_words)),
                patronymic=patronymic or (_stem(inner) if inner else ""),
                ordered=True,
            )
        )
    words = [w for w in _SPLIT.split(record.full_name) if w]
    if words:
        forms.append(_full(words, patronymic))
    unique: list[NameForm] = []
    for form in forms:
        if form not in unique:
            unique.append(form)
    return tuple(unique)


def _full(words: list[str], patronymic: str) -> NameForm:
    """A one-column name: family first as Russian and Kazakh lists write it (the other order
    is tried too when comparing)."""
    core, inner = _split_patronymic(words)
    if inner:
        patronymic = patronymic or _stem(inner)
    if len(core) == 1:
        return NameForm(family=(), given=_word(core[0]), patronymic=patronymic, ordered=False)
    # More than two words and no patronymic among them: a double given name ("Анна Мария
    # Петрова") or a double family name; the first word and the rest.
    return NameForm(
        family=_word(core[0]),
        given=_word(" ".join(core[1:])),
        patronymic=patronymic,
        ordered=False,
    )


# How two words relate, from closest to farthest.
SAME = "same"
NEAR = "near"
GENDER = "gender"
SIMILAR = "similar"
DIFFERS = "differs"
MISSING = "missing"


def _gender_pair(a: str, b: str) -> bool:
    """Masculine and feminine forms of one name: Ахметов/Ахметова, Ильин/Ильина,
    Соколовский/Соколовская, Евгений/Евгения, Александр/Александра."""
    short, long = sorted((a, b), key=len)
    if long == short + "a" and short[-1:] not in "aeiou":
        return True
    # -ий/-ая (skeleton -ski/-ska), Евгений/Евгения.
    return len(short) >= 3 and short[-1] == "i" and long == short[:-1] + "a"


def near_enough(a: str, b: str) -> bool:
    """One slip of the finger (a letter dropped, doubled, replaced, or two swapped) in a word
    of four letters or more; two in a word of nine or more. Shorter words must be equal: in
    "Дана" and "Дина" one letter is the whole difference between two names."""
    shortest = min(len(a), len(b))
    allowed = 2 if shortest >= 9 else 1 if shortest >= 4 else 0
    return allowed > 0 and OSA.distance(a, b, score_cutoff=allowed) <= allowed


def relation(a: Word, b: Word) -> str:
    """How two words relate: same skeleton, near (a typo apart), masculine/feminine forms,
    similar (rapidfuzz ratio ≥ 0.75), or different; missing when either is empty."""
    if not a or not b:
        return MISSING
    if set(a) & set(b):
        return SAME
    if any(_gender_pair(x, y) for x in a for y in b):
        return GENDER
    if any(near_enough(x, y) for x in a for y in b):
        return NEAR
    best = max(OSA.normalized_similarity(x, y) for x in a for y in b)
    return SIMILAR if best >= 0.75 else DIFFERS
