"""Organisations' registration numbers, checked by their check digits.

- Kazakhstan: BIN (organisations) and IIN (people, and individual entrepreneurs), 12 digits.
  Check digit: the first 11 digits weighted 1..11, sum mod 11; if that is 10, weighted
  3..11, 1, 2 instead; if that is 10 too, the number is invalid (none is issued).
  A BIN's fifth digit is 4, 5 or 6 (resident, non-resident legal entity, individual
  entrepreneur's joint business); an IIN's first six are a date of birth.
- Russia: INN of an organisation (10 digits, one check digit), of a person (12 digits, two);
  OGRN (13 digits: the first 12 as a number mod 11, then mod 10, is the last) and OGRNIP
  (15 digits: the first 14 mod 13, then mod 10).
Other countries' numbers are kept as written, without spaces and dashes.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

KZ_WEIGHTS_1 = (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)
KZ_WEIGHTS_2 = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)
INN_10 = (2, 4, 10, 3, 5, 9, 4, 6, 8)
INN_12_FIRST = (7, 2, 4, 10, 3, 5, 9, 4, 6, 8)
INN_12_SECOND = (3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8)
MAX_OTHER_LENGTH = 32

_SEPARATORS = re.compile(r"[\s\-‐‑–—./]+")
_OTHER = re.compile(r"^[0-9A-Z]+$")


def _weighted(digits: str, weights: tuple[int, ...]) -> int:
    return sum(int(d) * w for d, w in zip(digits, weights, strict=False))


def kz_check_digit(first_eleven: str) -> int | None:
    """The check digit of a BIN/IIN's first 11 digits; None when no digit fits."""
    check = _weighted(first_eleven, KZ_WEIGHTS_1) % 11
    if check == 10:
        check = _weighted(first_eleven, KZ_WEIGHTS_2) % 11
    return None if check == 10 else check


def inn_check_digits(first: str) -> str:
    """The check digits of an INN's first 9 (organisation) or 10 (person) digits."""
    if len(first) == 9:
        return str(_weighted(first, INN_10) % 11 % 10)
    eleventh = str(_weighted(first, INN_12_FIRST) % 11 % 10)
    return eleventh + str(_weighted(first + eleventh, INN_12_SECOND) % 11 % 10)


def ogrn_check_digit(first: str) -> str:
    """The check digit of an OGRN's first 12 or an OGRNIP's first 14 digits."""
    modulus = 11 if len(first) == 12 else 13
    return str(int(first) % modulus % 10)


def _digits(text: str, label: StrOrPromise) -> str:
    cleaned = _SEPARATORS.sub("", text or "")
    if not cleaned:
        raise ValidationError(_("Enter the %(label)s."), code="required", params={"label": label})
    if not cleaned.isdigit():
        raise ValidationError(
            _("A %(label)s has digits only; “%(text)s” has other characters."),
            code="characters",
            params={"label": label, "text": text.strip()[:40]},
        )
    return cleaned


def _kazakhstan(text: str) -> tuple[str, str]:
    digits = _digits(text, _("BIN or IIN"))
    if len(digits) != 12:
        raise ValidationError(
            _("A BIN or IIN has 12 digits; this one has %(count)d."),
            code="length",
            params={"count": len(digits)},
        )
    if kz_check_digit(digits[:11]) != int(digits[11]):
        raise ValidationError(
            _("This BIN or IIN is not valid: its last digit does not match (a typo?)."),
            code="check_digit",
        )
    return digits, "bin" if digits[4] in "456" else "iin"


def _russia(text: str) -> tuple[str, str]:
    digits = _digits(text, _("INN, OGRN or OGRNIP"))
    if len(digits) in (10, 12):
        checks = 1 if len(digits) == 10 else 2
        if inn_check_digits(digits[:-checks]) != digits[-checks:]:
            raise ValidationError(
                _("This INN is not valid: its check digits do not match (a typo?)."),
                code="check_digit",
            )
        return digits, "inn"
    if len(digits) in (13, 15):
        kind = _("OGRN") if len(digits) == 13 else _("OGRNIP")
        if ogrn_check_digit(digits[:-1]) != digits[-1]:
            raise ValidationError(
                _("This %(kind)s is not valid: its last digit does not match (a typo?)."),
                code="check_digit",
                params={"kind": kind},
            )
        return digits, "ogrn" if len(digits) == 13 else "ogrnip"
    raise ValidationError(
        _(
            "A Russian registration number has 10 or 12 digits (INN), 13 (OGRN) or 15 "
            "(OGRNIP); this one has %(count)d."
        ),
        code="length",
        params={"count": len(digits)},
    )


def _other(text: str) -> tuple[str, str]:
    cleaned = _SEPARATORS.sub("", text or "").upper()
    if not cleaned:
        raise ValidationError(_("Enter the registration number."), code="required")
    if len(cleaned) > MAX_OTHER_LENGTH or not _OTHER.match(cleaned):
        raise ValidationError(
            _("A registration number has letters and digits only, at most %(max)d."),
            code="characters",
            params={"max": MAX_OTHER_LENGTH},
        )
    return cleaned, "other"


def _check(country: str, text: str) -> tuple[str, str]:
    country = (country or "").upper()
    if country == "KZ":
        return _kazakhstan(text)
    if country == "RU":
        return _russia(text)
    return _other(text)


def normalise_registration_number(country: str, text: str) -> str:
    """The number without spaces and dashes; ValidationError (translated, naming what is
    wrong) for a wrong length, a character that is not a digit, or a wrong check digit."""
    return _check(country, text)[0]


def registration_number_kind(country: str, text: str) -> str:
    """ "bin" or "iin" (Kazakhstan), "inn", "ogrn" or "ogrnip" (Russia), "other"; raises
    ValidationError as `normalise_registration_number` does."""
    return _check(country, text)[1]


def is_valid_registration_number(country: str, text: str) -> bool:
    try:
        _check(country, text)
    except ValidationError:
        return False
    return True
