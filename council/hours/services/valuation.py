"""The value of volunteer work by the ILO replacement-cost method: hours × the hourly wage of
the occupation group of the work, in the country and year of the work.

When the wage table has no rate for the work's sub-major group (two ISCO-08 digits), the major
group (one digit) is used, then the country's average wage; the level used is recorded with
the value. Values stay in the local currency; sums across currencies need a stated rate.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from council.accounts.models import User
from council.audit.services import record
from council.hours.models import ValuationLevel, WageRate
from council.reference.models import Country, IscoGroup

CENT = Decimal("0.01")


@dataclass(frozen=True)
class Valuation:
    value: Decimal | None
    currency: str
    rate: WageRate | None
    level: str

    @classmethod
    def none(cls) -> Valuation:
        return cls(None, "", None, "")


def _levels(isco_code: str | None) -> list[tuple[str | None, str]]:
    """The wage groups to try, narrowest first, with the level each stands for."""
    levels: list[tuple[str | None, str]] = []
    if isco_code and len(isco_code) >= 2:
        levels.append((isco_code[:2], ValuationLevel.SUB_MAJOR))
    if isco_code:
        levels.append((isco_code[:1], ValuationLevel.MAJOR))
    levels.append((None, ValuationLevel.COUNTRY))
    return levels


def wage_for(*, country_id: str, isco_code: str | None, year: int) -> tuple[WageRate | None, str]:
    """The rate that values work of `isco_code` in that country and year, and its level."""
    levels = _levels(isco_code)
    codes = [code for code, _level in levels if code is not None]
    rates = {
        rate.isco_group_id: rate
        for rate in WageRate.objects.filter(
            Q(isco_group_id__in=codes) | Q(isco_group__isnull=True),
            country_id=country_id,
            year=year,
        )
    }
    for code, level in levels:
        if code in rates:
            return rates[code], level
    return None, ""


def hours_value(*, hours: Decimal, country_id: str, isco_code: str | None, year: int) -> Valuation:
    rate, level = wage_for(country_id=country_id, isco_code=isco_code, year=year)
    if rate is None:
        return Valuation.none()
    value = (Decimal(hours) * rate.hourly_rate).quantize(CENT, rounding=ROUND_HALF_UP)
    return Valuation(value, rate.currency, rate, level)


class MixedCurrencies(ValueError):
    """Values in different currencies were to be added without a stated exchange rate."""


def value_total(
    values: Iterable[tuple[Decimal, str]],
    *,
    currency: str | None = None,
    rates: dict[str, Decimal] | None = None,
) -> tuple[Decimal, str]:
    """The sum of (amount, currency) pairs. Amounts in one currency add up as they are; to
    add RUB to KZT, name the target `currency` and give `rates` (units of the target per
    unit of each other currency). Never adds across currencies otherwise."""
    totals: dict[str, Decimal] = {}
    for amount, code in values:
        totals[code] = totals.get(code, Decimal("0")) + amount
    if not totals:
        return Decimal("0"), currency or ""
    if currency is None:
        if len(totals) > 1:
            raise MixedCurrencies(
                "values in {} cannot be added without an exchange rate".format(
                    ", ".join(sorted(totals))
                )
            )
        ((code, amount),) = totals.items()
        return amount, code
    total = Decimal("0")
    for code, amount in totals.items():
        if code == currency:
            total += amount
            continue
        rate = (rates or {}).get(code)
        if rate is None:
            raise MixedCurrencies(f"no rate stated from {code} to {currency}")
        total += amount * rate
    return total.quantize(CENT, rounding=ROUND_HALF_UP), currency


# --- The wage table from CSV -------------------------------------------------------------------

CSV_COLUMNS = ("country", "isco_group", "year", "currency", "hourly_rate", "source")
# Not official statistics: round figures for the demo and the tests (docs/valuation.md).
DEMO_WAGE_TABLE = Path(__file__).resolve().parents[1] / "data" / "wage_rates_demo.csv"


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int


# A file that is not UTF-8 is read with errors="surrogateescape": its stray bytes arrive as
# lone surrogates, so the row and column holding them can be named instead of a traceback.
_NOT_UTF8 = re.compile("[\udc80-\udcff]")


def _not_utf8() -> str:
    return _("the text is not in UTF-8 (save the file as UTF-8).")


def _rows(stream: IO[str]) -> Iterator[tuple[int, dict[str, str]]]:
    lines = (line for line in stream if not line.startswith("#"))
    reader = csv.DictReader(lines)
    number = 1  # the row being read: the header is row 1
    try:
        fieldnames = reader.fieldnames or []
        if any(_NOT_UTF8.search(name) for name in fieldnames):
            raise ValidationError(_("Row 1: %(reason)s") % {"reason": _not_utf8()})
        missing = [name for name in CSV_COLUMNS if name not in fieldnames]
        if missing:
            raise ValidationError(
                _("Row 1: the columns %(columns)s are missing.") % {"columns": ", ".join(missing)}
            )
        number = 2
        for row in reader:
            yield number, {key: (value or "").strip() for key, value in row.items() if key}
            number += 1
    except (csv.Error, UnicodeDecodeError) as error:
        raise ValidationError(
            _("Row %(row)d: %(reason)s") % {"row": number, "reason": error}
        ) from None


def _parse(number: int, row: dict[str, str], countries: set[str], groups: set[str]) -> Any:
    def error(column: str, reason: str) -> ValidationError:
        return ValidationError(
            _("Row %(row)d, column %(column)s: %(reason)s")
            % {"row": number, "column": column, "reason": reason}
        )

    for column in CSV_COLUMNS:
        if _NOT_UTF8.search(row[column]):
            raise error(column, _not_utf8())
    country = row["country"].upper()
    if country not in countries:
        raise error("country", _("unknown country code “%(value)s”.") % {"value": row["country"]})
    group = row["isco_group"] or None
    if group is not None and group not in groups:
        raise error(
            "isco_group", _("unknown ISCO-08 group “%(value)s”.") % {"value": row["isco_group"]}
        )
    try:
        year = int(row["year"])
    except ValueError:
        raise error("year", _("“%(value)s” is not a year.") % {"value": row["year"]}) from None
    if not 1990 <= year <= 2100:
        raise error("year", _("“%(value)s” is not a year.") % {"value": row["year"]})
    currency = row["currency"].upper()
    if len(currency) != 3 or not currency.isalpha():
        raise error(
            "currency", _("“%(value)s” is not an ISO 4217 code.") % {"value": row["currency"]}
        )
    try:
        rate = Decimal(row["hourly_rate"])
    except InvalidOperation:
        rate = Decimal("-1")
    if not rate.is_finite() or rate <= 0 or rate >= Decimal("1e10"):
        raise error(
            "hourly_rate",
            _("“%(value)s” is not a positive amount.") % {"value": row["hourly_rate"]},
        )
    if rate.quantize(CENT) < CENT:
        raise error(
            "hourly_rate",
            _("“%(value)s” is less than 0.01, the smallest rate kept.")
            % {"value": row["hourly_rate"]},
        )
    if not row["source"]:
        raise error("source", _("say where the figure comes from."))
    return country, group, year, currency, rate.quantize(CENT), row["source"][:300]


@transaction.atomic
def wage_rates_import(*, actor: User | None, stream: IO[str]) -> ImportResult:
    """Load wage rates from CSV (columns: country, isco_group, year, currency, hourly_rate,
    source; an empty group is the country average). All rows or none: the first bad row
    stops the import with its row, column and reason."""
    countries = set(Country.objects.values_list("code", flat=True))
    groups = set(IscoGroup.objects.values_list("code", flat=True))
    created = updated = 0
    for number, row in _rows(stream):
        country, group, year, currency, rate, source = _parse(number, row, countries, groups)
        _wage, made = WageRate.objects.update_or_create(
            country_id=country,
            isco_group_id=group,
            year=year,
            defaults={"currency": currency, "hourly_rate": rate, "source": source},
        )
        created += made
        updated += not made
    result = ImportResult(created, updated)
    if created or updated:
        record(
            actor=actor,
            action="wage_rates.imported",
            target=_wage,
            data={"created": created, "updated": updated},
        )
    return result
