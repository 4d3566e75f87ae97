"""One format for figures and money in each language."""

from decimal import Decimal

import pytest
from django.utils import translation

from council.lib.numbers import format_money, format_number, format_rate


@pytest.mark.parametrize(
    ("language", "money", "hours"),
    [
        ("ru", "77\xa0500,00\xa0KZT", "2\xa0000,70"),
        ("kk", "77\xa0500,00\xa0KZT", "2\xa0000,70"),
        ("en", "77,500.00\xa0KZT", "2,000.70"),
    ],
)
def test_money_and_figures_follow_the_language(language: str, money: str, hours: str) -> None:
    with translation.override(language):
        assert format_money(Decimal("77500"), "KZT") == money
        assert format_number(Decimal("2000.7")) == hours
        assert format_number(None) == "—"
        assert format_number(12, 0) == "12"


@pytest.mark.parametrize(
    ("language", "small", "large"),
    [("ru", "0,011", "470,5"), ("kk", "0,011", "470,5"), ("en", "0.011", "470.5")],
)
def test_an_exchange_rate_keeps_its_places_and_no_trailing_zeros(
    language: str, small: str, large: str
) -> None:
    with translation.override(language):
        assert format_rate(Decimal("0.01100000")) == small
        assert format_rate(Decimal("470.50000000")) == large
