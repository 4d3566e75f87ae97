"""Synthetic people for the labelled set, and how one source writes one of them down."""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass, replace
from datetime import date, timedelta

import phonenumbers

from council.demo import names
from council.demo.matching_set import spelling
from council.lib.matching import PersonRecord

FIRST_BIRTH = date(1955, 1, 1)
LAST_BIRTH = date(2009, 12, 31)
KZ_MOBILE = ("700", "701", "702", "705", "707", "708", "747", "771", "775", "776", "777", "778")
RU_MOBILE = ("903", "905", "912", "915", "916", "925", "926", "950", "960", "977", "985", "999")
DOMAINS = {
    "RU": ("mail.ru", "yandex.ru", "gmail.com", "inbox.ru", "list.ru", "bk.ru", "rambler.ru"),
    "KZ": ("mail.ru", "gmail.com", "inbox.kz", "mail.kz", "yandex.kz", "list.ru"),
}
RUSSIAN_PATRONYMICS = {
    "Павел": ("Павлович", "Павловна"),
    "Илья": ("Ильич", "Ильинична"),
    "Никита": ("Никитич", "Никитична"),
    "Юрий": ("Юрьевич", "Юрьевна"),
    "Евгений": ("Евгеньевич", "Евгеньевна"),
    "Григорий": ("Григорьевич", "Григорьевна"),
}
# How a phone number is written (digits: the 10 after +7).
PHONE_FORMATS = (
    "+7 {0} {1} {2} {3}",
    "8 ({0}) {1}-{2}-{3}",
    "8{0}{1}{2}{3}",
    "+7{0}{1}{2}{3}",
    "8-{0}-{1}-{2}-{3}",
    "+7 ({0}) {1}{2}{3}",
    "{0} {1} {2} {3}",
    "7{0}{1}{2}{3}",
)


@dataclass(frozen=True)
class Person:
    nationality: str  # "ru" or "kz"
    female: bool
    given: str  # as in council/demo/data/names.json (Kazakh spelling for Kazakh names)
    family: str  # masculine as in the lists; `family_name` gives the person's form
    father: str
    date_of_birth: date
    phone: str  # the 10 digits after +7
    email: str
    country: str

    @property
    def family_name(self) -> str:
        return names.feminine(self.family) if self.female else self.family


def given_names(nationality: str, female: bool) -> tuple[str, ...]:
    if nationality == "ru":
        return names.RU_FEMALE if female else names.RU_MALE
    return names.KZ_FEMALE if female else names.KZ_MALE


def family_names(nationality: str) -> tuple[str, ...]:
    return names.RU_FAMILY if nationality == "ru" else names.KZ_FAMILY


def birth_date(rng: random.Random, first: date = FIRST_BIRTH, last: date = LAST_BIRTH) -> date:
    return first + timedelta(days=rng.randrange((last - first).days + 1))


def phone_digits(rng: random.Random, country: str) -> str:
    while True:
        prefix = rng.choice(KZ_MOBILE if country == "KZ" else RU_MOBILE)
        digits = prefix + "".join(str(rng.randrange(10)) for _ in range(7))
        if phonenumbers.is_valid_number(phonenumbers.parse("+7" + digits)):
            return digits


class People:
    """Makes people with addresses unique across the set (a mailbox has one owner)."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.emails: set[str] = set()

    def email(self, given: str, family: str, born: date, country: str) -> str:
        rng = self.rng
        # Romanised from the Russian spelling (the schemas know Russian letters only), or in
        # the Kazakh Latin alphabet.
        if rng.random() < 0.3:
            first = spelling.kazakh_2021(given).lower()
        else:
            first = spelling.pick_schema(rng)[1].translate(spelling.russian_spelling(given, False))
        last = spelling.pick_schema(rng)[1].translate(spelling.russian_spelling(family, False))
        first, last = (
            unicodedata.normalize("NFKD", first.lower()),
            unicodedata.normalize("NFKD", last.lower()),
        )
        first, last = (
            "".join(c for c in first if c.isascii() and c.isalnum()),
            "".join(c for c in last if c.isascii() and c.isalnum()),
        )
        local = rng.choice(
            (
                f"{first}.{last}",
                f"{first}{last}{born.year % 100:02d}",
                f"{first[:1]}.{last}",
                f"{last}_{first}",
                f"{first}{born.day:02d}{born.month:02d}",
                f"{first}_{rng.randrange(1, 999)}",
            )
        )
        domain = rng.choice(DOMAINS[country])
        address = f"{local}@{domain}"
        while address in self.emails:
            address = f"{local}{rng.randrange(10, 9999)}@{domain}"
        self.emails.add(address)
        return address

    def new(
        self,
        nationality: str | None = None,
        female: bool | None = None,
        given: str | None = None,
        family: str | None = None,
        father: str | None = None,
        born: date | None = None,
    ) -> Person:
        rng = self.rng
        nationality = nationality or rng.choice(("ru", "kz"))
        female = rng.random() < 0.55 if female is None else female
        given = given or rng.choice(given_names(nationality, female))
        family = family or rng.choice(family_names(nationality))
        father = father or rng.choice(given_names(nationality, female=False))
        born = born or birth_date(rng)
        country = "KZ" if nationality == "kz" else "RU"
        if rng.random() < 0.08:  # living in the other country
            country = "RU" if country == "KZ" else "KZ"
        family_form = names.feminine(family) if female else family
        return Person(
            nationality=nationality,
            female=female,
            given=given,
            family=family,
            father=father,
            date_of_birth=born,
            phone=phone_digits(rng, country),
            email=self.email(given, family_form, born, country),
            country=country,
        )

    def sibling(self, person: Person, **changes: object) -> Person:
        """Another person of the same family: own given name, birth date, phone, address."""
        other = self.new(
            nationality=person.nationality,
            female=bool(changes.pop("female", self.rng.random() < 0.5)),
            family=person.family,
            father=person.father,
        )
        while other.given == person.given:
            other = replace(
                other, given=self.rng.choice(given_names(other.nationality, other.female))
            )
        return replace(other, **changes)  # type: ignore[arg-type]


def russian_patronymic(father: str, female: bool) -> str:
    if father in RUSSIAN_PATRONYMICS:
        return RUSSIAN_PATRONYMICS[father][female]
    # Сергей → Сергеевич, Дмитрий → Дмитриевич, Иван → Иванович.
    stem = father[:-1] + "ев" if father.endswith(("й", "ь")) else father + "ов"
    return stem + ("на" if female else "ич")


@dataclass(frozen=True)
class Style:
    """How one source writes a person: script, romanisation, layout, what it keeps."""

    script: str  # "ru", "kk" (Kazakh Cyrillic with its letters) or "latin"
    romanisation: str = ""  # latin: a schema name of spelling.SCHEMAS, "kazakh_2021", "informal"
    layout: str = "fields"  # "fields", "latin_fields", "swapped", "full", "full_given_first"
    upper: bool = False
    patronymic: bool = False
    kazakh_patronymic: bool = False  # Нұрланұлы rather than Нурланович
    soft_l: bool = True
    from_kazakh: bool = False  # informal romanisation of the Kazakh spelling (Äsel → Aesel)
    email: bool = True
    phone: bool = True
    date_of_birth: bool = True
    phone_format: int = 0
    with_latin: str = ""  # a schema name: the passport Latin name beside a Cyrillic one
    typo: str = ""  # "dropped", "doubled", "swapped"
    typo_in_given: bool = False


def _spell(word: str, person: Person, style: Style, habits: dict[str, str]) -> str:
    """One word in the style's script."""
    kazakh = person.nationality == "kz"
    russian = spelling.russian_spelling(word, style.soft_l) if kazakh else word
    if style.script == "kk":
        return word
    if style.script == "ru":
        return russian
    if style.romanisation == "kazakh_2021":
        return spelling.kazakh_2021(word)
    if style.romanisation == "informal":
        return spelling.informal(word if kazakh and style.from_kazakh else russian, habits)
    schema = {name: schema for name, schema, _ in spelling.SCHEMAS}[style.romanisation]
    # iuliia's BGN/PCGN keeps the Cyrillic ё where the scheme writes ë.
    return str(schema.translate(russian)).replace("ё", "ë").replace("Ё", "Ë")


def patronymic(person: Person, style: Style) -> str:
    if person.nationality == "kz" and style.kazakh_patronymic:
        return person.father + ("қызы" if person.female else "ұлы")
    father = person.father
    if person.nationality == "kz":
        father = spelling.russian_spelling(father, soft_l=False)
    return russian_patronymic(father, person.female)


def render(person: Person, style: Style, rng: random.Random) -> PersonRecord:
    habits = spelling.informal_habits(rng)
    given = _spell(person.given, person, style, habits)
    family = _spell(person.family_name, person, style, habits)
    middle = _spell(patronymic(person, style), person, style, habits) if style.patronymic else ""
    if style.typo:
        if style.typo_in_given:
            given = spelling.typo(given, style.typo, rng)
        else:
            family = spelling.typo(family, style.typo, rng)
    if style.upper:
        given, family, middle = given.upper(), family.upper(), middle.upper()
    fields: dict[str, str] = {}
    if style.layout == "fields":
        fields = {"given_name": given, "family_name": family, "patronymic": middle}
    elif style.layout == "latin_fields":
        fields = {"given_name_latin": given, "family_name_latin": family, "patronymic": middle}
    elif style.layout == "swapped":
        fields = {"given_name": family, "family_name": given, "patronymic": middle}
    elif style.layout == "full":
        fields = {"full_name": " ".join(filter(None, (family, given, middle)))}
    else:
        fields = {"full_name": " ".join(filter(None, (given, middle, family)))}
    if style.with_latin and style.script != "latin":
        latin = replace(style, script="latin", romanisation=style.with_latin)
        fields["given_name_latin"] = _spell(person.given, person, latin, habits)
        fields["family_name_latin"] = _spell(person.family_name, person, latin, habits)
        if style.upper:
            fields = {k: v.upper() if k.endswith("_latin") else v for k, v in fields.items()}
    digits = person.phone
    phone = PHONE_FORMATS[style.phone_format].format(
        digits[:3], digits[3:6], digits[6:8], digits[8:]
    )
    return PersonRecord(
        **fields,
        email=person.email if style.email else "",
        phone=phone if style.phone else "",
        date_of_birth=person.date_of_birth if style.date_of_birth else None,
        country=person.country,
    )
