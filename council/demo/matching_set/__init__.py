"""The labelled set of the person matcher (issue 20, item 3): pairs of records, each one
person written twice or two different people, in Russian Cyrillic, Kazakh Cyrillic and Latin,
built from the demo's name lists with a seeded random generator (the same set every time).

Positives: one person written by two sources. Every record is drawn at random (script,
romanisation, layout, upper case, patronymic, which of email/phone/date of birth it holds,
how the phone is written), then the pair's variation is forced on it (`POSITIVE_KINDS`).
A positive's email is the same on both sides unless the person gave a second address (10%),
its phone the same unless the number changed (5%).

Negatives: two people (`NEGATIVE_KINDS`), written the same random way:
- namesake: the same given and family name; own birth date, phone and address;
- similar_name: one letter or two apart in the given or the family name (neighbours in the
  name lists: Алина/Алиса, Орлов/Фролов, Ерлан/Ержан);
- siblings: one family name (in its masculine or feminine form) and father, own given names,
  born 1-12 years apart (one pair in ten twins, born the same day); the parent's phone on
  both (80%), one address (50%);
- parent_child: one family, the child's patronymic from the father, born 20-35 years apart,
  the parent's phone (80%) and address (50%).
Namesakes and similar names always hold a date of birth or a phone on both sides that differs
(the issue's "different people: different DOB or phone"): two namesakes with nothing but
their names are not two people by any evidence a matcher could see, and the duplicates queue
shows them to a person (docs/deduplication.md).
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date

from rapidfuzz.distance import Levenshtein

from council.demo.matching_set import spelling
from council.demo.matching_set.people import (
    PHONE_FORMATS,
    People,
    Person,
    Style,
    birth_date,
    family_names,
    given_names,
    render,
)
from council.lib.matching.measure import LabelledPair

SEED = 20
POSITIVE_KINDS = (
    "cyrillic_latin",
    "informal_latin",
    "kazakh_russian",
    "typo_dropped",
    "typo_doubled",
    "typo_swapped",
    "name_order",
    "full_name",
    "upper_case",
    "patronymic_missing",
    "married_name",
    "no_contact",
    "phone_format",
    "dob_swapped",
)
PER_POSITIVE_KIND = 90
NEGATIVE_KINDS = {"namesake": 420, "similar_name": 420, "siblings": 260, "parent_child": 160}


def _neighbours(word: str, words: tuple[str, ...]) -> list[str]:
    return [w for w in words if w != word and Levenshtein.distance(w.lower(), word.lower()) <= 2]


class Builder:
    def __init__(self, seed: int = SEED) -> None:
        self.rng = random.Random(seed)
        self.people = People(self.rng)

    def style(self, person: Person) -> Style:
        """One source's random way of writing a person."""
        rng = self.rng
        kazakh = person.nationality == "kz"
        if kazakh:
            script = rng.choices(("kk", "ru", "latin"), (40, 35, 25))[0]
        else:
            script = rng.choices(("ru", "latin"), (70, 30))[0]
        romanisation = ""
        if script == "latin":
            romanisation = self.romanisation(person)
        layout = rng.choices(("fields", "full", "full_given_first", "swapped"), (72, 16, 8, 4))[0]
        if script == "latin" and layout == "fields" and rng.random() < 0.4:
            layout = "latin_fields"
        with_latin = ""
        if script != "latin" and layout == "fields" and rng.random() < 0.2:
            with_latin = spelling.pick_schema(rng)[0]
        return Style(
            script=script,
            romanisation=romanisation,
            layout=layout,
            upper=rng.random() < (0.35 if script == "latin" else 0.08),
            patronymic=rng.random() < (0.3 if kazakh else 0.4),
            kazakh_patronymic=kazakh and rng.random() < 0.5,
            soft_l=rng.random() < 0.7,
            from_kazakh=rng.random() < 0.5,
            email=rng.random() < 0.55,
            phone=rng.random() < 0.7,
            date_of_birth=rng.random() < 0.55,
            phone_format=rng.randrange(len(PHONE_FORMATS)),
            with_latin=with_latin,
        )

    def romanisation(self, person: Person) -> str:
        choice = self.rng.random()
        if person.nationality == "kz" and choice < 0.15:
            return "kazakh_2021"
        if choice < 0.40:
            return "informal"
        return spelling.pick_schema(self.rng)[0]

    def pair(
        self, a: Person, b: Person, sa: Style, sb: Style, same: bool, kind: str
    ) -> LabelledPair:
        return LabelledPair(
            a=render(a, sa, self.rng),
            b=render(b, sb, self.rng),
            same=same,
            kind=kind,
            scripts=(sa.script, sb.script),
        )

    def positive(self, kind: str) -> LabelledPair:
        rng = self.rng
        person = self.people.new(
            nationality="kz" if kind == "kazakh_russian" else None,
            female=True if kind == "married_name" else None,
        )
        if kind == "dob_swapped":
            while (
                person.date_of_birth.day > 12
                or person.date_of_birth.day == person.date_of_birth.month
            ):
                person = replace(person, date_of_birth=birth_date(rng))
        a, b = self.style(person), self.style(person)
        other = person
        # A second address or a new number now and then, as people have.
        if a.email and b.email and rng.random() < 0.10:
            other = replace(
                other,
                email=self.people.email(
                    person.given, person.family_name, person.date_of_birth, person.country
                ),
            )
        elif rng.random() < 0.15:
            other = replace(
                other,
                email=person.email.upper() if rng.random() < 0.3 else person.email.capitalize(),
            )
        if (
            a.phone
            and b.phone
            and rng.random() < 0.05
            and kind not in ("phone_format", "married_name")
        ):
            other = replace(other, phone=self.people.new(nationality=person.nationality).phone)
        if kind == "cyrillic_latin":
            a = replace(
                a,
                script="kk" if person.nationality == "kz" and rng.random() < 0.5 else "ru",
                romanisation="",
            )
            romanisation = (
                "kazakh_2021"
                if person.nationality == "kz" and rng.random() < 0.2
                else spelling.pick_schema(rng)[0]
            )
            b = replace(b, script="latin", romanisation=romanisation)
        elif kind == "informal_latin":
            b = replace(b, script="latin", romanisation="informal")
        elif kind == "kazakh_russian":
            a, b = replace(a, script="kk"), replace(b, script="ru")
        elif kind.startswith("typo_"):
            b = replace(b, typo=kind[5:], typo_in_given=rng.random() < 0.5)
        elif kind == "name_order":
            b = replace(b, layout="swapped", with_latin="")
        elif kind == "full_name":
            b = replace(b, layout=rng.choice(("full", "full_given_first")), with_latin="")
        elif kind == "upper_case":
            b = replace(b, upper=True)
        elif kind == "patronymic_missing":
            a, b = replace(a, patronymic=True), replace(b, patronymic=False)
        elif kind == "married_name":
            families = family_names(person.nationality if rng.random() < 0.8 else "ru")
            family = rng.choice([f for f in families if f != person.family])
            other = replace(other, family=family, email=person.email, phone=person.phone)
            shared = rng.choice(("email", "phone", "both"))
            a = replace(
                a,
                date_of_birth=True,
                email=shared != "phone" or a.email,
                phone=shared != "email" or a.phone,
            )
            b = replace(
                b,
                date_of_birth=True,
                email=shared != "phone" or b.email,
                phone=shared != "email" or b.phone,
            )
        elif kind == "no_contact":
            b = replace(b, email=False, phone=False, date_of_birth=False)
        elif kind == "phone_format":
            formats = rng.sample(range(len(PHONE_FORMATS)), 2)
            a, b = (
                replace(a, phone=True, phone_format=formats[0]),
                replace(b, phone=True, phone_format=formats[1]),
            )
            other = replace(other, phone=person.phone)
        elif kind == "dob_swapped":
            born = person.date_of_birth
            other = replace(other, date_of_birth=date(born.year, born.day, born.month))
            a, b = replace(a, date_of_birth=True), replace(b, date_of_birth=True)
        return self.pair(person, other, a, b, True, kind)

    def negative(self, kind: str) -> LabelledPair:
        rng = self.rng
        first = self.people.new()
        if kind == "namesake":
            # A common name has many holders: now and then two share a birthday too.
            born = first.date_of_birth if rng.random() < 0.03 else None
            second = self.people.new(
                nationality=first.nationality,
                female=first.female,
                given=first.given,
                family=first.family,
                born=born,
            )
        elif kind == "similar_name":
            given = _neighbours(first.given, given_names(first.nationality, first.female))
            family = _neighbours(first.family, family_names(first.nationality))
            while not given and not family:
                first = self.people.new(nationality=first.nationality, female=first.female)
                given = _neighbours(first.given, given_names(first.nationality, first.female))
                family = _neighbours(first.family, family_names(first.nationality))
            if given and (not family or rng.random() < 0.5):
                second = self.people.new(
                    nationality=first.nationality,
                    female=first.female,
                    given=rng.choice(given),
                    family=first.family,
                )
            else:
                second = self.people.new(
                    nationality=first.nationality,
                    female=first.female,
                    given=first.given,
                    family=rng.choice(family),
                )
        elif kind == "siblings":
            # One sibling pair in ten are twins: one birth date.
            years = 0 if rng.random() < 0.1 else rng.randint(1, 12) * rng.choice((-1, 1))
            born = first.date_of_birth.replace(
                year=min(max(first.date_of_birth.year + years, 1955), 2009),
                day=min(first.date_of_birth.day, 28),
            )
            second = self.people.sibling(first, date_of_birth=born)
            second = self.shared_contacts(first, second)
        else:  # parent_child
            first = self.people.new(born=birth_date(rng, date(1955, 1, 1), date(1982, 12, 31)))
            born = birth_date(
                rng,
                date(first.date_of_birth.year + 20, 1, 1),
                date(min(first.date_of_birth.year + 35, 2009), 12, 31),
            )
            father = first.given if not first.female else None
            second = self.people.new(
                nationality=first.nationality, family=first.family, father=father, born=born
            )
            while second.given == first.given:
                second = replace(
                    second, given=rng.choice(given_names(second.nationality, second.female))
                )
            second = self.shared_contacts(first, second)
        a, b = self.style(first), self.style(second)
        if kind in ("namesake", "similar_name"):
            if first.date_of_birth == second.date_of_birth:
                a, b = replace(a, phone=True), replace(b, phone=True)
            elif not (a.date_of_birth and b.date_of_birth) and not (a.phone and b.phone):
                if rng.random() < 0.5:
                    a, b = replace(a, date_of_birth=True), replace(b, date_of_birth=True)
                else:
                    a, b = replace(a, phone=True), replace(b, phone=True)
        return self.pair(first, second, a, b, False, kind)

    def shared_contacts(self, first: Person, second: Person) -> Person:
        """A family's parent gives their own phone (80%) and address (50%) for a child."""
        if self.rng.random() < 0.8:
            second = replace(second, phone=first.phone, country=first.country)
        if self.rng.random() < 0.5:
            second = replace(second, email=first.email)
        return second


def build_pairs(seed: int = SEED) -> list[LabelledPair]:
    """The labelled set: 14 × 90 positives and 1,260 negatives, the same for one seed."""
    builder = Builder(seed)
    pairs = [builder.positive(kind) for kind in POSITIVE_KINDS for _ in range(PER_POSITIVE_KIND)]
    pairs += [
        builder.negative(kind) for kind, count in NEGATIVE_KINDS.items() for _ in range(count)
    ]
    return pairs
