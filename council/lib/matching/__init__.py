"""Is this the same person? The matcher behind imports' duplicate checks and the duplicates
queue (docs/deduplication.md).

`compare(a, b)` adds up evidence in bits (log2 of how much likelier the evidence is for one
person than for two): the names (as phonetic skeletons, so Cyrillic, Kazakh Cyrillic and any
Latin spelling meet), the patronymic, email, phone and date of birth. The score is the sum
through the logistic curve, 2^z / (1 + 2^z): 0.5 at zero bits, 0.94 at four.
`blocking_keys` gives the few short keys under which to look candidates up in a database.

The weights are set by reasoning, written beside each, and checked on the labelled set
(`manage.py measure_matcher`), not fitted to it.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from council.lib.matching.contacts import normalise_email, normalise_phone
from council.lib.matching.names import (
    DIFFERS,
    GENDER,
    MISSING,
    NEAR,
    SAME,
    SIMILAR,
    NameForm,
    name_forms,
    readings,
    relation,
)
from council.lib.matching.organisations import compare_organisations, organisation_name_key

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise

__all__ = [
    "REASONS",
    "THRESHOLD",
    "Facts",
    "Match",
    "PersonRecord",
    "blocking_keys",
    "compare",
    "compare_organisations",
    "facts",
    "may_be_likely",
    "name_keys",
    "normalise_email",
    "normalise_phone",
    "organisation_name_key",
    "screen",
]


@dataclass(frozen=True)
class PersonRecord:
    given_name: str = ""
    family_name: str = ""
    patronymic: str = ""
    given_name_latin: str = ""
    family_name_latin: str = ""
    full_name: str = ""
    email: str = ""
    phone: str = ""
    date_of_birth: date | None = None
    country: str = ""  # ISO 3166-1 alpha-2: the region of a phone number without its code


@dataclass(frozen=True)
class Match:
    score: float  # 0..1
    reasons: tuple[str, ...]  # codes of REASONS, the weightiest first

    @property
    def is_likely(self) -> bool:
        return self.score >= THRESHOLD


# Zero bits: as likely one person as two.
THRESHOLD = 0.5

# The prior. Pairs reach the matcher because they share a blocking key, and most of those
# are different people (a common family name and an initial are enough to share one): a
# pair starts 2.5 bits (≈ 6 to 1) against. A name alone, with both words the same, is +4:
# likely (1.5 bits, 0.74). A name with one slip in one word (+3) is still likely; a slip in
# each word is not, without something else that agrees.
BIAS = -2.5

# Family name. Same skeleton +2. One slip +1. Masculine/feminine forms (Ахметов/Ахметова)
# −2: usually a brother and sister, a husband and wife. Merely similar −1. Different −4:
# usually two people, but a woman who married changed hers, so it is not a veto; it takes
# the same date of birth and a shared phone or email to outweigh it (+8 − 4 − 2.5 + 2).
FAMILY = {SAME: 2.0, NEAR: 1.0, SIMILAR: -1.0, GENDER: -2.0, DIFFERS: -4.0, MISSING: -1.0}
# Given name. Same +2, one slip +1. Different −15: more than email, phone and date of birth
# together (+13), because twins registered by a parent share all three, and siblings share a
# family name and the parent's phone and address. Masculine/feminine forms (Евгений/
# Евгения, Марина/"Марин") −8: two people, or the last letter dropped; a date of birth and
# a contact that agree can outweigh it. Similar (two slips in a short name) −4.
GIVEN = {SAME: 2.0, NEAR: 1.0, SIMILAR: -4.0, GENDER: -8.0, DIFFERS: -15.0, MISSING: -1.0}
# Patronymic (the father's name, whatever its suffix: Нұрланұлы = Нурланович). The same one
# +1 (siblings share it, so no more); a different one −4: a different father. Missing on
# either side 0: most lists leave it out.
PATRONYMIC = {SAME: 1.0, NEAR: 0.5, SIMILAR: -2.0, GENDER: 1.0, DIFFERS: -4.0}
# Email: a mailbox belongs to one person mostly, but families share one: +5. Different −1:
# people hold several addresses (work, personal), so it says little.
EMAIL_SAME, EMAIL_DIFFERS = 5.0, -1.0
# Phone: +4, less than email, because parents give their own number for their children and
# operators reassign numbers. Different −3: most people keep one mobile number for years,
# and a namesake is the usual reason for two.
PHONE_SAME, PHONE_DIFFERS = 4.0, -3.0
# Date of birth: among ~25,000 plausible dates, the same one is strong (+4). A different one
# is the strongest negative (−8): it does not change, and two namesakes are its usual cause;
# a typo is rarer, and the other evidence can still carry it (email + phone + name = +11).
# Day and month swapped (03.04 / 04.03, the American order in a spreadsheet) −1.
DOB_SAME, DOB_SWAPPED, DOB_DIFFERS = 4.0, -1.0, -8.0

REASONS: dict[str, StrPromise] = {
    "email": _("Same email address"),
    "email_differs": _("Different email addresses"),
    "phone": _("Same phone number"),
    "phone_differs": _("Different phone numbers"),
    "date_of_birth": _("Same date of birth"),
    "date_of_birth_swapped": _("Date of birth with day and month swapped"),
    "date_of_birth_differs": _("Different dates of birth"),
    "name_same_key": _("Same name (in any script)"),
    "name_order": _("Family and given names in the other order"),
    "name_fuzzy": _("Name differs by a typo"),
    "name_similar": _("Similar but different name"),
    "family_name_gender": _("Masculine and feminine forms of one family name"),
    "family_name_differs": _("Different family name (a married name?)"),
    "given_name_differs": _("Different given name"),
    "name_differs": _("Different names"),
    "name_missing": _("Part of the name is missing"),
    "patronymic": _("Same patronymic"),
    "patronymic_differs": _("Different patronymic"),
    "patronymic_missing": _("Patronymic missing on one side"),
    "registration_number": _("Same registration number"),
    "registration_number_differs": _("Different registration numbers"),
    "organisation_name": _("Same organisation name"),
    "organisation_name_fuzzy": _("Similar organisation name"),
}


@dataclass(frozen=True)
class _Prepared:
    forms: tuple[NameForm, ...]
    email: str
    phone: str | None
    date_of_birth: date | None


@lru_cache(maxsize=8192)
def _prepare(record: PersonRecord) -> _Prepared:
    return _Prepared(
        forms=name_forms(record),
        email=normalise_email(record.email),
        phone=normalise_phone(record.phone, record.country) if record.phone.strip() else None,
        date_of_birth=record.date_of_birth,
    )


def _names(a: tuple[NameForm, ...], b: tuple[NameForm, ...]) -> list[tuple[float, str]]:
    """The name's evidence, from the pair of forms and the reading (as written, or family
    and given swapped) that agree best."""
    best: list[tuple[float, str]] = [(FAMILY[MISSING] + GIVEN[MISSING], "name_missing")]
    best_total = float("-inf")
    for x in a:
        for y in b:
            for swapped, options in readings(x, y):
                found = min(
                    (_name_evidence(family, given) for family, given in options),
                    key=lambda evidence: sum(weight for weight, _ in evidence),
                )
                if swapped and MISSING not in options[0]:
                    found.append((0.0, "name_order"))
                found += _patronymic(x.patronymic, y.patronymic)
                total = sum(weight for weight, _ in found)
                if total > best_total:
                    best, best_total = found, total
    return best


def _name_evidence(family: str, given: str) -> list[tuple[float, str]]:
    weight = FAMILY[family] + GIVEN[given]
    if family == SAME and given == SAME:
        return [(weight, "name_same_key")]
    if MISSING in (family, given):
        return [(weight, "name_missing")]
    if given in (DIFFERS, GENDER):
        code = "name_differs" if family in (DIFFERS, SIMILAR) else "given_name_differs"
        return [(weight, code)]
    if family == GENDER:
        return [(weight, "family_name_gender")]
    if family == DIFFERS:
        return [(weight, "family_name_differs")]
    if SIMILAR in (family, given):
        return [(weight, "name_similar")]
    return [(weight, "name_fuzzy")]


def _patronymic(a: str, b: str) -> list[tuple[float, str]]:
    if not a and not b:
        return []
    if not a or not b:
        return [(0.0, "patronymic_missing")]
    found = relation((a,), (b,))
    code = "patronymic" if found in (SAME, NEAR, GENDER) else "patronymic_differs"
    return [(PATRONYMIC[found], code)]


def _date_of_birth(a: date | None, b: date | None) -> list[tuple[float, str]]:
    if a is None or b is None:
        return []
    if a == b:
        return [(DOB_SAME, "date_of_birth")]
    if a.year == b.year and a.day == b.month and a.month == b.day:
        return [(DOB_SWAPPED, "date_of_birth_swapped")]
    return [(DOB_DIFFERS, "date_of_birth_differs")]


def _evidence(a: _Prepared, b: _Prepared) -> list[tuple[float, str]]:
    return _names(a.forms, b.forms) + _contact_evidence(a, b)


def _contact_evidence(a: _Prepared | Facts, b: _Prepared | Facts) -> list[tuple[float, str]]:
    found: list[tuple[float, str]] = []
    if a.email and b.email:
        found.append(
            (EMAIL_SAME, "email") if a.email == b.email else (EMAIL_DIFFERS, "email_differs")
        )
    if a.phone and b.phone:
        found.append(
            (PHONE_SAME, "phone") if a.phone == b.phone else (PHONE_DIFFERS, "phone_differs")
        )
    found += _date_of_birth(a.date_of_birth, b.date_of_birth)
    return found


def compare(a: PersonRecord, b: PersonRecord) -> Match:
    """How likely `a` and `b` are one person, and why (see the weights above)."""
    found = _evidence(_prepare(a), _prepare(b))
    bits = BIAS + sum(weight for weight, _ in found)
    score = 1.0 / (1.0 + 2.0 ** (-bits)) if bits > -60 else 0.0
    ordered = sorted(found, key=lambda item: -abs(item[0]))
    return Match(score=round(score, 4), reasons=tuple(dict.fromkeys(code for _, code in ordered)))


@dataclass(frozen=True)
class Facts:
    """What `compare` weighs besides the names, normalised: for `may_be_likely`."""

    email: str
    phone: str | None
    date_of_birth: date | None


def facts(record: PersonRecord) -> Facts:
    """The record's facts, from its prepared form (no second parse of its phone number
    after `blocking_keys` or `compare`)."""
    prepared = _prepare(record)
    return Facts(prepared.email, prepared.phone, prepared.date_of_birth)


# The most the names can add: both words and the patronymic the same.
NAMES_AT_MOST = max(FAMILY.values()) + max(GIVEN.values()) + max(PATRONYMIC.values())


def may_be_likely(a: Facts, b: Facts) -> bool:
    """False when `compare` cannot call the two likely whatever their names: what their
    email, phone and date of birth say against it outweighs the most the names can add.

    A test of a few comparisons, for the many pairs that share only a common name's
    blocking key (two namesakes born on different days) before the cost of `compare`."""
    return bool(screen(a, {0: b}, [0]))


def screen(a: Facts, others: Mapping[int, Facts], keys: Iterable[int]) -> list[int]:
    """The keys, of those given, whose facts in `others` `may_be_likely` with `a`'s, in the
    order given: the test for a whole block of candidates in one loop (an import makes it
    for tens of contacts per row), with `_contact_evidence`'s weights added up inline
    (tests check that the two agree)."""
    email, phone, born = a.email, a.phone, a.date_of_birth
    kept: list[int] = []
    for key in keys:
        b = others[key]
        bits = 0.0
        if email and b.email:
            bits += EMAIL_SAME if email == b.email else EMAIL_DIFFERS
        if phone and b.phone:
            bits += PHONE_SAME if phone == b.phone else PHONE_DIFFERS
        other = b.date_of_birth
        if born is not None and other is not None:
            if born == other:
                bits += DOB_SAME
            elif born.year == other.year and born.day == other.month and born.month == other.day:
                bits += DOB_SWAPPED
            else:
                bits += DOB_DIFFERS
        if bits >= _CONTACT_BITS_NEEDED:
            kept.append(key)
    return kept


# A little below THRESHOLD's bits, for compare's score rounded to four places.
_CONTACT_BITS_NEEDED = math.log2(THRESHOLD / (1 - THRESHOLD)) - 0.001 - BIAS - NAMES_AT_MOST


def name_keys(record: PersonRecord) -> set[str]:
    """The record's names as order-free keys: the skeletons of its family and given words,
    sorted and joined by a space ("aigerim sarsenbava"), one for each form and variant."""
    keys = set()
    for form in _prepare(record).forms:
        for family in form.family or ("",):
            for given in form.given or ("",):
                words = sorted(word for word in (family, given) if word)
                if words:
                    keys.add(" ".join(words))
    return keys


MAX_KEYS = 12


def blocking_keys(record: PersonRecord) -> set[str]:
    """Short keys to find a record's candidates by (an indexed column, equality lookups).

    Two records that `compare` calls likely share at least one, by construction:
    - "e:<email>" and "p:<E.164>" for a shared email or phone;
    - "n:<word>:<first letter of the other word>" and "n:<word>:<last two letters of the
      other word>", for both words of the name: a likely pair by name agrees on one word's
      skeleton and is at most one slip apart in the other, and one slip cannot change both
      the first letter and the last two of a word of four letters or more;
    - "d:<date of birth>:<first letter of a word>", for each word of the name: the same date
      of birth with a slip in each word, or a married name (the given name's letter).
    At most twelve keys, in that order of priority."""
    prepared = _prepare(record)
    keys: list[str] = []
    if prepared.email:
        keys.append(f"e:{prepared.email}")
    if prepared.phone:
        keys.append(f"p:{prepared.phone}")
    day = prepared.date_of_birth.isoformat() if prepared.date_of_birth else ""
    # The first form (the name as entered) before the others, each form's name keys before
    # its date-of-birth keys.
    for form in prepared.forms:
        for family in form.family:
            for given in form.given:
                for word, other in ((family, given), (given, family)):
                    keys += [f"n:{word}:{other[:1]}", f"n:{word}:{other[-2:]}"]
                if day:
                    keys += [f"d:{day}:{family[:1]}", f"d:{day}:{given[:1]}"]
    return set(list(dict.fromkeys(keys))[:MAX_KEYS])
