"""Numbers and money as the reader's language writes them, one format for every page and
document: "77 500,00 KZT" and "2 850,00 RUB" in Russian and Kazakh (a no-break space between
thousands, a decimal comma), "2,850.00 RUB" in English. The currency is its ISO code after
the amount in every language: the platform adds up roubles and tenge side by side, and a code
cannot be mistaken as a symbol can."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from babel.numbers import format_decimal
from django.conf import settings
from django.utils import translation

NO_BREAK_SPACE = "\xa0"


def _locale() -> str:
    return (translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]


def _decimal(value: object) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


def format_number(value: object, decimals: int = 2) -> str:
    """A figure with thousands grouped and exactly `decimals` places ("1 234,50"); "—" for
    none."""
    number = _decimal(value)
    if number is None:
        return "—"
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return str(format_decimal(number, format=pattern, locale=_locale(), decimal_quantization=True))


def format_rate(value: object) -> str:
    """An exchange rate with as many places as it has, up to eight: "0,011", "470,5"; "—" for
    none."""
    number = _decimal(value)
    if number is None:
        return "—"
    return str(format_decimal(number, format="#,##0.########", locale=_locale()))


def format_money(amount: object, currency: str) -> str:
    """An amount with its currency code: "77 500,00 KZT"."""
    text = format_number(amount, 2)
    return f"{text}{NO_BREAK_SPACE}{currency}" if currency and text != "—" else text
