import random

import pytest
from django.core.exceptions import ValidationError

from council.lib.regnumbers import (
    inn_check_digits,
    is_valid_registration_number,
    kz_check_digit,
    normalise_registration_number,
    ogrn_check_digit,
    registration_number_kind,
)

# Published: Sberbank's INN and OGRN, and Yandex's INN.
SBERBANK_INN = "7707083893"
SBERBANK_OGRN = "1027700132195"
YANDEX_INN = "7736207543"


def kz_number(first_eleven: str) -> str:
    check = kz_check_digit(first_eleven)
    assert check is not None
    return first_eleven + str(check)


def test_published_russian_numbers_are_valid() -> None:
    assert normalise_registration_number("RU", SBERBANK_INN) == SBERBANK_INN
    assert registration_number_kind("RU", SBERBANK_INN) == "inn"
    assert registration_number_kind("RU", YANDEX_INN) == "inn"
    assert registration_number_kind("ru", SBERBANK_OGRN) == "ogrn"


def test_spaces_and_dashes_are_dropped() -> None:
    assert normalise_registration_number("RU", " 7707-083 893 ") == SBERBANK_INN
    bin_ = kz_number("18034001234")
    spaced = f"{bin_[:6]} {bin_[6:]}"
    assert normalise_registration_number("KZ", spaced) == bin_


def test_a_person_inn_has_two_check_digits() -> None:
    first = "5001234567"
    inn = first + inn_check_digits(first)
    assert registration_number_kind("RU", inn) == "inn"
    broken = inn[:-1] + str((int(inn[-1]) + 1) % 10)
    with pytest.raises(ValidationError) as raised:
        normalise_registration_number("RU", broken)
    assert raised.value.code == "check_digit"


def test_ogrnip_is_checked_mod_13() -> None:
    first = "30477010000121"
    ogrnip = first + ogrn_check_digit(first)
    assert ogrn_check_digit(first) == str(int(first) % 13 % 10)
    assert registration_number_kind("RU", ogrnip) == "ogrnip"
    with pytest.raises(ValidationError, match="OGRNIP"):
        normalise_registration_number("RU", first + str((int(ogrnip[-1]) + 1) % 10))


@pytest.mark.parametrize(
    "number",
    ["7707083894", "1027700132196", "7736207544"],
)
def test_a_wrong_check_digit_is_named(number: str) -> None:
    with pytest.raises(ValidationError) as raised:
        normalise_registration_number("RU", number)
    assert raised.value.code == "check_digit"
    assert "not valid" in raised.value.messages[0]
    assert not is_valid_registration_number("RU", number)


@pytest.mark.parametrize(
    ("country", "number", "code", "words"),
    [
        ("RU", "77070838", "length", "this one has 8"),
        ("KZ", "12345", "length", "12 digits"),
        ("KZ", "12345678901A", "characters", "digits only"),
        ("RU", "ИНН 7707083893", "characters", "digits only"),
        ("KZ", "   ", "required", "Enter the BIN or IIN"),
        ("FR", "", "required", "Enter the registration number"),
        ("FR", "<script>", "characters", "letters and digits"),
    ],
)
def test_bad_input_gets_a_clear_error(country: str, number: str, code: str, words: str) -> None:
    with pytest.raises(ValidationError) as raised:
        normalise_registration_number(country, number)
    assert raised.value.code == code
    assert words in raised.value.messages[0]


def test_kazakhstan_bin_and_iin_by_their_fifth_digit() -> None:
    bin_ = kz_number("18034001234")  # registered 2018-03, a resident legal entity (4)
    iin = kz_number("94031730012")  # born 1994-03-17 (IIN: a date of birth)
    assert registration_number_kind("KZ", bin_) == "bin"
    assert registration_number_kind("KZ", iin) == "iin"


def test_kazakhstan_second_pass_and_the_numbers_no_digit_fits() -> None:
    rng = random.Random(20)
    second_pass = unfit = None
    while second_pass is None or unfit is None:
        first = "".join(str(rng.randrange(10)) for _ in range(11))
        weights_one = sum(int(d) * w for d, w in zip(first, range(1, 12), strict=True)) % 11
        if weights_one != 10:
            continue
        if kz_check_digit(first) is None:
            unfit = first
        else:
            second_pass = first
    # The first pass gave 10, the second a digit: that digit is the check digit.
    number = second_pass + str(kz_check_digit(second_pass))
    assert is_valid_registration_number("KZ", number)
    # Both passes give 10: no 12th digit makes a valid number.
    for digit in range(10):
        assert not is_valid_registration_number("KZ", unfit + str(digit))


def test_every_wrong_last_digit_is_caught() -> None:
    number = kz_number("18034001234")
    for digit in "0123456789":
        candidate = number[:-1] + digit
        assert is_valid_registration_number("KZ", candidate) == (candidate == number)


def test_other_countries_keep_the_number_as_written() -> None:
    assert normalise_registration_number("DE", "hrb 12345") == "HRB12345"
    assert registration_number_kind("DE", "HRB 12345") == "other"
