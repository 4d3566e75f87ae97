from datetime import date
from itertools import combinations

import pytest
from django.utils import translation

from council.lib.matching import (
    REASONS,
    THRESHOLD,
    PersonRecord,
    blocking_keys,
    compare,
    compare_organisations,
    name_keys,
    normalise_email,
    normalise_phone,
    organisation_name_key,
)
from council.lib.matching.skeleton import skeletons

AIGERIM = (
    PersonRecord(given_name="Айгерим", family_name="Сарсенбаева"),
    PersonRecord(given_name="Aigerim", family_name="Sarsenbayeva"),
    PersonRecord(given_name="Әйгерім", family_name="Сәрсенбаева"),
    PersonRecord(full_name="SARSENBAYEVA AIGERIM"),
)
BORN = date(1994, 3, 17)


def with_(record: PersonRecord, **fields: object) -> PersonRecord:
    return PersonRecord(**{**vars(record), **fields})


@pytest.mark.parametrize(("a", "b"), list(combinations(AIGERIM, 2)))
def test_the_four_aigerims_are_one_person_by_name_alone(a: PersonRecord, b: PersonRecord) -> None:
    match = compare(a, b)
    assert match.is_likely
    assert "name_same_key" in match.reasons


@pytest.mark.parametrize(("a", "b"), list(combinations(AIGERIM, 2)))
def test_the_four_aigerims_with_contacts_are_nearly_certain(
    a: PersonRecord, b: PersonRecord
) -> None:
    a = with_(a, email="Aigerim.S@mail.kz", phone="8 701 234 56 78", country="KZ")
    b = with_(b, email="aigerim.s@mail.kz ", phone="+7 (701) 234-56-78", date_of_birth=BORN)
    match = compare(a, b)
    assert match.score > 0.99
    assert {"email", "phone", "name_same_key"} <= set(match.reasons)


def test_the_four_aigerims_share_a_name_key_and_blocking_keys() -> None:
    keys = [name_keys(record) for record in AIGERIM]
    assert all(k == keys[0] for k in keys)
    blocks = [blocking_keys(record) for record in AIGERIM]
    for a, b in combinations(blocks, 2):
        assert a & b


def test_namesakes_with_other_birth_date_and_phone_are_apart() -> None:
    ivan = PersonRecord(given_name="Иван", family_name="Петров", phone="+79161234567")
    other = PersonRecord(full_name="Petrov Ivan", phone="8 903 765 43 21")
    match = compare(with_(ivan, date_of_birth=BORN), with_(other, date_of_birth=date(1988, 1, 5)))
    assert not match.is_likely
    assert match.reasons[0] == "date_of_birth_differs"
    assert "phone_differs" in match.reasons
    # A different phone alone is enough to keep namesakes apart.
    assert not compare(ivan, other).is_likely


def test_a_typo_in_one_word_is_still_likely() -> None:
    a = PersonRecord(given_name="Тимофей", family_name="Петров")
    for typo in ("Тимфоей", "Тимофеей", "Тимоей", "Tiofei"):
        match = compare(a, PersonRecord(given_name=typo, family_name="Petrov"))
        assert match.is_likely, typo
        # A doubled letter is no difference at all: skeletons write every letter once.
        assert {"name_fuzzy", "name_same_key"} & set(match.reasons)


def test_a_typo_in_each_word_needs_other_evidence() -> None:
    a = PersonRecord(given_name="Тимофей", family_name="Петров")
    b = PersonRecord(given_name="Тимфоей", family_name="Петрв")
    assert not compare(a, b).is_likely
    assert compare(with_(a, date_of_birth=BORN), with_(b, date_of_birth=BORN)).is_likely


def test_swapped_fields_and_one_column_names() -> None:
    a = PersonRecord(given_name="Нұрлан", family_name="Жұмабаев")
    swapped = PersonRecord(given_name="Жумабаев", family_name="Нурлан")
    match = compare(a, swapped)
    assert match.is_likely
    assert "name_order" in match.reasons
    assert compare(a, PersonRecord(full_name="Nurlan Zhumabayev")).is_likely
    assert compare(a, PersonRecord(full_name="ЖҰМАБАЕВ НҰРЛАН СЕРІКҰЛЫ")).is_likely


def test_patronymics_compare_by_the_fathers_name_in_any_form() -> None:
    a = PersonRecord(given_name="Нұрлан", family_name="Жұмабаев", patronymic="Серікұлы")
    same = PersonRecord(full_name="Жумабаев Нурлан Серикович")
    other = PersonRecord(full_name="Жумабаев Нурлан Ерланович")
    assert "patronymic" in compare(a, same).reasons
    assert compare(a, same).score > compare(a, PersonRecord(full_name="Жумабаев Нурлан")).score
    match = compare(a, other)
    assert "patronymic_differs" in match.reasons
    assert not match.is_likely
    missing = compare(a, PersonRecord(given_name="Nurlan", family_name="Zhumabaev"))
    assert missing.is_likely
    assert "patronymic_missing" in missing.reasons


def test_a_married_name_with_birth_date_and_contact_is_likely() -> None:
    before = PersonRecord(
        given_name="Айгерим", family_name="Сарсенбаева", date_of_birth=BORN, phone="87012345678"
    )
    after = PersonRecord(
        given_name="Айгерім",
        family_name="Ахметова",
        date_of_birth=BORN,
        phone="+7 701 234 5678",
        country="KZ",
    )
    match = compare(before, after)
    assert match.is_likely
    assert "family_name_differs" in match.reasons
    # The same given name and birth date alone is not enough.
    assert not compare(with_(before, phone=""), with_(after, phone="")).is_likely


def test_siblings_sharing_the_parents_phone_and_address_are_apart() -> None:
    contact = {"phone": "+77012345678", "email": "family@mail.kz"}
    brother = PersonRecord(given_name="Ерлан", family_name="Ахметов", **contact)  # type: ignore[arg-type]
    sister = PersonRecord(given_name="Айгерим", family_name="Ахметова", **contact)  # type: ignore[arg-type]
    twin = PersonRecord(given_name="Дана", family_name="Ахметова", **contact)  # type: ignore[arg-type]
    assert not compare(brother, sister).is_likely
    sisters = compare(with_(sister, date_of_birth=BORN), with_(twin, date_of_birth=BORN))
    assert not sisters.is_likely
    assert "given_name_differs" in sisters.reasons


def test_masculine_and_feminine_family_names_are_near_but_not_equal() -> None:
    match = compare(
        PersonRecord(given_name="Евгения", family_name="Ахметова"),
        PersonRecord(given_name="Евгения", family_name="Ахметов"),
    )
    assert not match.is_likely
    assert "family_name_gender" in match.reasons
    assert not compare(
        PersonRecord(given_name="Евгений", family_name="Иванов"),
        PersonRecord(given_name="Евгения", family_name="Иванова"),
    ).is_likely


def test_day_and_month_swapped_is_a_weak_difference() -> None:
    a = PersonRecord(given_name="Анна", family_name="Смирнова", date_of_birth=date(1990, 4, 3))
    b = PersonRecord(given_name="Anna", family_name="Smirnova", date_of_birth=date(1990, 3, 4))
    match = compare(a, b)
    assert "date_of_birth_swapped" in match.reasons
    assert match.is_likely


def test_different_people_by_every_measure() -> None:
    match = compare(
        PersonRecord(given_name="Анна", family_name="Смирнова", email="a@x.ru"),
        PersonRecord(given_name="Олег", family_name="Котов", email="b@y.ru"),
    )
    assert match.score < 0.001
    assert match.reasons[0] == "name_differs"


def test_empty_records_compare_without_error() -> None:
    match = compare(PersonRecord(), PersonRecord())
    assert not match.is_likely
    assert match.reasons == ("name_missing",)
    assert blocking_keys(PersonRecord()) == set()


@pytest.mark.parametrize(
    ("text", "country", "expected"),
    [
        ("8 701 234 56 78", "KZ", "+77012345678"),
        ("+7 (701) 234-56-78", "", "+77012345678"),
        ("87012345678", "", "+77012345678"),
        ("701 234 5678", "KZ", "+77012345678"),
        ("8 (916) 123-45-67", "RU", "+79161234567"),
        ("9161234567", "ru", "+79161234567"),
        ("0049 30 901820", "", "+4930901820"),
        ("000-00-00", "KZ", None),
        ("+7 000 000 00 00", "", None),
        ("not a number", "KZ", None),
        ("", "KZ", None),
    ],
)
def test_phone_numbers_normalise_to_e164(text: str, country: str, expected: str | None) -> None:
    assert normalise_phone(text, country) == expected


def test_emails_are_trimmed_and_lower_cased_but_not_rewritten() -> None:
    assert normalise_email("  Aigerim.S@Mail.KZ ") == "aigerim.s@mail.kz"
    assert normalise_email("mailto:<A@B.RU>") == "a@b.ru"
    # No provider rules: dots and +tags are part of the address.
    assert normalise_email("a.b+volunteer@gmail.com") != normalise_email("ab@gmail.com")


def test_every_reason_has_a_translatable_label() -> None:
    pairs = [
        (AIGERIM[0], with_(AIGERIM[1], patronymic="Нурлановна", email="x@y.kz")),
        (with_(AIGERIM[0], email="a@b.kz", phone="87012345678"), AIGERIM[2]),
    ]
    for a, b in pairs:
        for code in compare(a, b).reasons:
            assert code in REASONS
    with translation.override("ru"):
        assert all(str(label) for label in REASONS.values())
    assert 0 < THRESHOLD < 1


@pytest.mark.parametrize(
    "spellings",
    [
        ("Юлия", "Iuliia", "Yuliya", "Julia", "Yulia"),
        ("Наталья", "Natalia", "Natalya", "Nataliya", "Natal'ya"),
        ("Фёдорова", "Fedorova", "Fyodorova", "Fiodorova"),
        ("Соловьёв", "Solovev", "Solovyov", "Solovyev"),
        ("Жуков", "Zhukov", "Jukov", "Žukov"),
        ("Цветков", "Tsvetkov", "Cvetkov", "Tcvetkov"),
        ("Щукин", "Shchukin", "Schukin", "Shhukin", "Ščukin"),
        ("Хабибуллина", "Khabibullina", "Habibullina", "Xabibullina"),
        ("Дмитрий", "Dmitrii", "Dmitry", "Dmitriy", "Dmitrij"),
        ("Жұмабаев", "Zhumabayev", "Jumabaev", "Jūmabaev", "Жумабаев"),
        ("Нұрғалиев", "Nurgaliyev", "Nurgaliev", "Нургалиев", "Nurğaliev"),
        ("Әсел", "Асель", "Assel", "Asel", "Äsel"),
        ("Елена", "Elena", "Yelena"),
    ],
)
def test_spellings_share_a_skeleton(spellings: tuple[str, ...]) -> None:
    first = set(skeletons(spellings[0]))
    for spelling in spellings[1:]:
        assert first & set(skeletons(spelling)), spelling


def test_blocking_keys_are_few_and_find_typos_and_married_names() -> None:
    full = PersonRecord(
        given_name="Айгерим",
        family_name="Сарсенбаева",
        given_name_latin="Ajgerim",
        family_name_latin="Sarsenbayeva",
        full_name="Sarsenbaeva Aigerim Nurlanovna",
        email="a@b.kz",
        phone="87012345678",
        date_of_birth=BORN,
    )
    assert len(blocking_keys(full)) <= 12
    assert "e:a@b.kz" in blocking_keys(full)
    assert "p:+77012345678" in blocking_keys(full)
    typo = PersonRecord(given_name="Игерим", family_name="Сарсенбаева")
    assert compare(full, typo).is_likely
    assert blocking_keys(full) & blocking_keys(typo)
    married = PersonRecord(given_name="Айгерим", family_name="Ахметова", phone="+77012345678")
    assert blocking_keys(full) & blocking_keys(married)


def test_organisation_names_fold_their_legal_form() -> None:
    key = organisation_name_key("ООО «Ромашка»")
    assert key == organisation_name_key("Romashka LLC")
    assert key == organisation_name_key('"Ромашка" ТОО')
    assert organisation_name_key("Общественный фонд «Добрые руки»") == organisation_name_key(
        'Public Foundation "Dobrye Ruki"'
    )
    assert organisation_name_key("ҚҚ «Мейірімді қолдар»") == organisation_name_key(
        "Мейірімді қолдар"
    )


def test_organisations_compare_by_number_then_name() -> None:
    same_number = compare_organisations(
        "ПАО Сбербанк", "7707083893", "Sberbank", "7707 083 893", "RU"
    )
    assert same_number.score > 0.999
    assert same_number.reasons[0] == "registration_number"
    other_number = compare_organisations("Ромашка", "7707083893", "Ромашка", "7736207543", "RU")
    assert not other_number.is_likely
    assert "registration_number_differs" in other_number.reasons
    by_name = compare_organisations("ООО «Ромашка»", "", "Romashka LLC", "", "RU")
    assert by_name.is_likely
    assert by_name.reasons == ("organisation_name",)
    # An invalid number is ignored, not trusted.
    assert compare_organisations("Ромашка", "123", "Лютик", "123", "RU").score < 0.01
    near = compare_organisations("Добрые руки", "", "Добрые руки плюс", "", "RU")
    assert not near.is_likely
