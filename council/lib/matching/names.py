"""A person's name as the matcher reads it: the forms a record holds (the name as entered,
the Latin one, a one-column full name), each as a family word, a given word and a
patronymic's stem, in skeletons (`skeleton.py`); and how two words relate."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from rapidfuzz.distance import OSA

from council.lib.matching.skeleton import light, skeletons

if TYPE_CHECKING:
    from council.lib.matching import PersonRecord

# A word's skeleton variants (usually one).
Word = tuple[str, ...]

# Skeleton endings of patronymics, longest first: Russian -ович/-евич/-ич, -овна/-евна/
# -ична/-инична, Kazakh -ұлы/-қызы (and their Latin spellings, which skeleton alike); after
# an a the skeleton has no e (Николаевна → nikolavna).
PATRONYMIC_ENDINGS = (
    "iniCna",
    "oviC",
    "eviC",
    "ovna",
    "evna",
    "viC",
    "vna",
    "iCna",
    "uli",
    "kizi",
    "iC",
)
# Endings that mark a word as a patronymic in a full name of three words or more; -ич alone
# (Ильич, Никитич, but also Belarusian family names) marks one only when nothing else does.
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
    family_light: str = ""  # `skeleton.light` keys, for typos
    given_light: str = ""


def _joined(text: str) -> str:
    """A field's words written together (a double-barrelled name, "Мария Луиза",
    "Петрова-Водкина" each make one word)."""
    return "".join(_SPLIT.split(text.strip()))


def _word(text: str) -> Word:
    return skeletons(_joined(text))


def _form(family: str, given: str, patronymic: str, ordered: bool) -> NameForm:
    return NameForm(
        family=_word(family),
        given=_word(given),
        patronymic=patronymic,
        ordered=ordered,
        family_light=light(_joined(family)),
        given_light=light(_joined(given)),
    )


def patronymic_stem(key: str) -> str:
    for ending in PATRONYMIC_ENDINGS:
        if key.endswith(ending) and len(key) > len(ending) + 1:
            return key[: -len(ending)]
    return key


def _is_patronymic(word: str, endings: tuple[str, ...] = PATRONYMIC_MARKS) -> bool:
    key = skeletons(word)
    return bool(key) and any(
        key[0].endswith(ending) and len(key[0]) > len(ending) + 1 for ending in endings
    )


def _split_patronymic(words: list[str]) -> tuple[list[str], str]:
    """The name's other words and its patronymic (one word, or a Kazakh name + ұлы/қызы)."""
    for index in range(len(words) - 1, 0, -1):
        if skeletons(words[index])[:1] and skeletons(words[index])[0] in PATRONYMIC_WORDS:
            return words[: index - 1] + words[index + 1 :], words[index - 1] + words[index]
    if len(words) >= 3:
        for endings in (PATRONYMIC_MARKS, ("iC",)):
            for index in range(len(words) - 1, -1, -1):
                if _is_patronymic(words[index], endings):
                    return words[:index] + words[index + 1 :], words[index]
    return words, ""


def _stem(text: str) -> str:
    word = _word(text)
    return patronymic_stem(word[0]) if word else ""


def name_forms(record: PersonRecord) -> tuple[NameForm, ...]:
    """Every form of the name a record holds, without repeats."""
    return _name_forms(
        record.family_name,
        record.given_name,
        record.family_name_latin,
        record.given_name_latin,
        record.patronymic,
        record.full_name,
    )


@lru_cache(maxsize=2_048)
def _name_forms(
    family_name: str,
    given_name: str,
    family_name_latin: str,
    given_name_latin: str,
    patronymic_text: str,
    full_name: str,
) -> tuple[NameForm, ...]:
    """`name_forms` of the names alone (cached: an import meets the same name again, in its
    dry run and its run, and among the contacts held; the forms are immutable)."""
    forms: list[NameForm] = []
    patronymic = _stem(patronymic_text) if patronymic_text.strip() else ""
    for family, given in (
        (family_name, given_name),
        (family_name_latin, given_name_latin),
    ):
        if not (family.strip() or given.strip()):
            continue
        given_words, inner = _split_patronymic([w for w in _SPLIT.split(given) if w])
        family_words = [w for w in _SPLIT.split(family) if w]
        if len(family_words) >= 2 and not given_words:
            forms.append(_full(family_words, patronymic))
            continue
        forms.append(
            _form(
                " ".join(family_words),
                " ".join(given_words),
                patronymic or (_stem(inner) if inner else ""),
                ordered=True,
            )
        )
    words = [w for w in _SPLIT.split(full_name) if w]
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
        return _form("", core[0], patronymic, ordered=False)
    # More than two words and no patronymic among them: a double given name ("Анна Мария
    # Петрова") or a double family name; the first word and the rest.
    return _form(core[0], " ".join(core[1:]), patronymic, ordered=False)


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
    """One slip of the finger (a letter dropped, doubled, replaced, or two neighbours
    swapped: optimal string alignment distance 1) in a word of four letters or more; two in
    a word of nine or more. A three-letter word is near a four-letter one only by a dropped
    letter ("Ивн"/"Иван"); four letters apart by one replaced ("Дана"/"Дина") are two names."""
    shortest, longest = sorted((len(a), len(b)))
    allowed = 2 if shortest >= 9 else 1 if shortest >= 4 or (shortest, longest) == (3, 4) else 0
    return allowed > 0 and OSA.distance(a, b, score_cutoff=allowed) <= allowed


def relation(a: Word, b: Word, a_light: str = "", b_light: str = "") -> str:
    """How two words relate: same skeleton, masculine/feminine forms, near (a typo apart, in
    skeleton or in the light key), similar (normalised OSA similarity of the skeletons, by
    rapidfuzz, ≥ 0.75), or different; missing when either is empty."""
    if not a or not b:
        return MISSING
    if set(a) & set(b):
        return SAME
    if any(_gender_pair(x, y) for x in a for y in b):
        return GENDER
    if any(near_enough(x, y) for x in a for y in b) or (
        a_light and b_light and near_enough(a_light, b_light)
    ):
        return NEAR
    best = max(OSA.normalized_similarity(x, y) for x in a for y in b)
    return SIMILAR if best >= 0.75 else DIFFERS


# Skeleton endings of family names (-ов/-ова, -ев/-ева, -аев → -av, -ский/-ская, -енко,
# -ук): a word ending so is read as the family name when the fields' order is in doubt.
# -ин/-ина is left out: Марина, Алина, Полина end so too.
FAMILY_ENDINGS = ("ov", "ova", "ev", "eva", "av", "ava", "ski", "ska", "enko", "uk")
# Given names that end so: Любовь, Лев, Яков, Ярослав, Вячеслав, Станислав.
GIVEN_LIKE = ("lubov", "lev", "iakov", "slav")

Pair = tuple[Word, Word, str, str]  # two words and their light keys


def _family_like(word: Word) -> bool:
    return any(
        key.endswith(FAMILY_ENDINGS) and len(key) > 4 and not key.endswith(GIVEN_LIKE)
        for key in word
    )


def _likeness(pair: Pair) -> int:
    return _family_like(pair[0]) + _family_like(pair[1])


def readings(x: NameForm, y: NameForm) -> list[tuple[bool, list[tuple[str, str]]]]:
    """The two ways to lay x's words against y's: as written, and swapped (x's first word
    against y's second). For each, whether it is the swapped one, and the ways to tell which
    pair of words are the family names, as (family relation, given relation): one when that
    is known, two when it is not (the caller takes the less favourable).

    Which pair holds the family names: the one whose words look like family names (-ов,
    -ева...), else the one in the family field of the record whose fields are trusted (a
    one-column name has no fields; of two records with fields laid swapped, one is wrong)."""
    found = []
    for swapped in (False, True):
        if swapped:
            first: Pair = (x.family, y.given, x.family_light, y.given_light)
            second: Pair = (x.given, y.family, x.given_light, y.family_light)
            default = x.ordered if x.ordered != y.ordered else None
        else:
            first = (x.family, y.family, x.family_light, y.family_light)
            second = (x.given, y.given, x.given_light, y.given_light)
            default = True if x.ordered or y.ordered else None
        one, other = relation(*first), relation(*second)
        if _likeness(first) != _likeness(second):
            options = [(one, other)] if _likeness(first) > _likeness(second) else [(other, one)]
        elif default is not None:
            options = [(one, other)] if default else [(other, one)]
        else:
            options = [(one, other), (other, one)]
        found.append((swapped, options))
    return found
