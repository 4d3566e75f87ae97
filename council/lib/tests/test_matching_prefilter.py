"""`may_be_likely`, the quick test an import makes before `compare` for each contact sharing
a blocking key with a row: it may let through pairs `compare` then calls unlikely, never
the other way round."""

from __future__ import annotations

import random
from datetime import date
from itertools import product

from council.demo import names
from council.lib.matching import (
    _CONTACT_BITS_NEEDED,
    Facts,
    PersonRecord,
    _contact_evidence,
    compare,
    facts,
    may_be_likely,
    screen,
)

BORN = date(1994, 3, 17)
EMAILS = ("", "aigerim@mail.kz", "other@mail.kz")
PHONES = ("", "+77011234567", "+77029876543")
BIRTHS = (None, BORN, date(1994, 4, 3), date(1994, 3, 4), date(1981, 6, 2))


def test_the_quick_test_adds_up_the_evidence_compare_weighs() -> None:
    for email, phone, born, other_email, other_phone, other_born in product(
        EMAILS, PHONES, BIRTHS, EMAILS, PHONES, BIRTHS
    ):
        a = Facts(email, phone or None, born)
        b = Facts(other_email, other_phone or None, other_born)
        bits = sum(weight for weight, _ in _contact_evidence(a, b))
        assert screen(a, {7: b}, [7]) == ([7] if bits >= _CONTACT_BITS_NEEDED else [])
        assert may_be_likely(a, b) == (bits >= _CONTACT_BITS_NEEDED)


def test_the_same_name_with_everything_else_against_it_is_ruled_out() -> None:
    a = PersonRecord(
        given_name="Айгерим", family_name="Сарсенбаева", patronymic="Нурлановна",
        email="aigerim@mail.kz", phone="+77011234567", date_of_birth=BORN,
    )  # fmt: skip
    namesake = PersonRecord(
        given_name="Айгерим", family_name="Сарсенбаева", patronymic="Нурлановна",
        email="other@mail.kz", phone="+77029876543", date_of_birth=date(1981, 6, 2),
    )  # fmt: skip
    assert not compare(a, namesake).is_likely
    assert not may_be_likely(facts(a), facts(namesake))
    # Without the contacts, the names alone decide: compare is needed.
    bare = PersonRecord(given_name="Aigerim", family_name="Sarsenbayeva")
    assert may_be_likely(facts(a), facts(bare))
    assert compare(a, bare).is_likely


def _person(chance: random.Random) -> PersonRecord:
    kazakh = chance.random() < 0.5
    female = chance.random() < 0.5
    if kazakh:
        given = chance.choice(names.KZ_FEMALE if female else names.KZ_MALE)
        family = chance.choice(names.KZ_FAMILY)
    else:
        given = chance.choice(names.RU_FEMALE if female else names.RU_MALE)
        family = chance.choice(names.RU_FAMILY)
    if female:
        family = names.feminine(family)
    return PersonRecord(
        given_name=given,
        family_name=family,
        patronymic=chance.choice(("", "Нурланович", "Сергеевна", "Ерланұлы")),
        email=chance.choice(EMAILS),
        phone=chance.choice(PHONES),
        date_of_birth=chance.choice(BIRTHS),
        country="KZ",
    )


def test_no_likely_pair_is_ruled_out() -> None:
    """Namesakes and near-namesakes with every mix of agreeing, differing and missing
    email, phone and date of birth: whatever compare calls likely passes the quick test."""
    chance = random.Random(20)
    people = [_person(chance) for _ in range(300)]
    likely = 0
    for a in people:
        for b in chance.sample(people, 40):
            same_name = PersonRecord(**{**vars(b), "given_name": a.given_name})
            same_name = PersonRecord(**{**vars(same_name), "family_name": a.family_name})
            for other in (b, same_name):
                if compare(a, other).is_likely:
                    likely += 1
                    assert may_be_likely(facts(a), facts(other)), (a, other)
    assert likely > 500  # the test saw plenty of likely pairs
