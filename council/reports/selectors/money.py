"""Valuation: values in several currencies as one total at stated exchange rates, and the
sources of the wage table that valued the hours."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from council.hours.models import ExchangeRate, WageRate, source_text
from council.reports.selectors.filters import Filters
from council.reports.selectors.sums import CENT, ZERO


@dataclass(frozen=True)
class Conversion:
    """A total over currencies at stated rates, with the rates it used."""

    currency: str
    total: Decimal | None
    rates: list[ExchangeRate]
    missing: list[str]


def convert(values: dict[str, Decimal], *, into: str, on: date) -> Conversion:
    """The values as one total in `into`, at the latest stated rate on or before `on` (the
    latest there is otherwise); None when a currency has no rate."""
    rates: list[ExchangeRate] = []
    missing: list[str] = []
    total = ZERO
    for currency, amount in sorted(values.items()):
        if currency == into:
            total += amount
            continue
        candidates = ExchangeRate.objects.filter(currency=currency, to_currency=into)
        rate = (
            candidates.filter(as_of__lte=on).order_by("-as_of").first()
            or candidates.order_by("-as_of").first()
        )
        if rate is None:
            missing.append(currency)
            continue
        rates.append(rate)
        total += amount * rate.rate
    return Conversion(
        into, None if missing else total.quantize(CENT, rounding=ROUND_HALF_UP), rates, missing
    )


def wage_sources(filters: Filters, countries: list[str]) -> list[str]:
    """The sources of the wage table that values the period's hours in those countries."""
    return sorted(
        {
            source_text(source)
            for source in WageRate.objects.filter(
                year=filters.year, country_id__in=countries
            ).values_list("source", flat=True)
        }
    )
