import phonenumbers
import pytest

from council.lib.phones import NOT_A_NUMBER, NOT_VALID, e164

NUMBERS = [
    ("8 701 234 56 78", "KZ"),
    ("+7 (916) 123-45-67", None),
    ("8-916-123-45-67", "RU"),
    ("06 1234 5678", "IT"),
    ("020 7946 0958", "GB"),
    ("+998 90 123 45 67", "UZ"),
]


@pytest.mark.parametrize(("text", "region"), NUMBERS)
def test_e164_agrees_with_phonenumbers_and_is_its_own_form_in_any_region(text, region):
    expected = phonenumbers.format_number(
        phonenumbers.parse(text, region), phonenumbers.PhoneNumberFormat.E164
    )
    assert e164(text, region) == (expected, "")
    # The E.164 form read again, with any region, is itself and valid (the shortcut).
    for other in (None, "KZ", "RU", "US", "IT"):
        assert e164(expected, other) == (expected, "")
        number = phonenumbers.parse(expected, other)
        assert phonenumbers.is_valid_number(number)
        assert phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164) == expected


def test_e164_names_what_is_wrong():
    assert e164("not a number", "KZ") == ("", NOT_A_NUMBER)
    assert e164("000-00-00", "KZ") == ("", NOT_VALID)
    assert e164("8 701 234 56 78", None) == ("", NOT_A_NUMBER)
