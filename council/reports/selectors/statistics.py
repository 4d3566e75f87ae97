"""The open statistics: aggregates only, small cells suppressed."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Q, Sum
from django.utils.translation import gettext as _

from council.hours.models import HoursFacetRollup, PeriodKind, RollupKind, VolunteerCount
from council.reference.models import Cause, Country, Region, SdgGoal
from council.reports.selectors.filters import Filters, report_countries
from council.reports.selectors.sums import CENT
from council.reports.selectors.suppression import Cell, suppress


@dataclass
class CountryStatistics:
    country: Country
    total: Cell
    regions: list[Cell]
    causes: list[Cell]
    goals: list[Cell]
    months: list[Cell]

    @property
    def sections(self) -> list[tuple[str, list[Cell]]]:
        return [
            (_("By region"), self.regions),
            (_("By cause"), self.causes),
            (_("By SDG goal"), self.goals),
            (_("By month"), self.months),
        ]

    @property
    def headed_sections(self) -> list[tuple[str, str, list[Cell]]]:
        """The sections with the heading of their first column (what the rows are)."""
        headings = [_("Region"), _("Cause"), _("SDG goal"), _("Month")]
        return [
            (title, heading, cells)
            for (title, cells), heading in zip(self.sections, headings, strict=True)
        ]


def open_statistics(*, year: int, countries: tuple[str, ...] = ()) -> list[CountryStatistics]:
    """Aggregates only, from the aggregate tables: people and verified hours of volunteer
    work per country, and by region, cause, SDG goal and month; cells under MIN_CELL people
    suppressed. No person, organisation or project is named."""
    chosen = report_countries(Filters(year=year, countries=countries))
    codes = [country.code for country in chosen]
    # People: (country, kind, key, month or None for the year) → count.
    people: dict[tuple[str, str, str, date | None], int] = {}
    # Two statements over the counts' unique index: the year's (whole countries and their
    # regions) and the twelve months' (twelve point ranges).
    year_rows = VolunteerCount.objects.filter(
        Q(region=0) | Q(kind=RollupKind.ALL),
        period=PeriodKind.YEAR,
        start=date(year, 1, 1),
        country__in=codes,
        kind__in=[RollupKind.ALL, RollupKind.CAUSE, RollupKind.GOAL],
    )
    month_rows = VolunteerCount.objects.filter(
        period=PeriodKind.MONTH,
        start__in=[date(year, number, 1) for number in range(1, 13)],
        kind=RollupKind.ALL,
        country__in=codes,
        region=0,
    )
    for rows in (year_rows, month_rows):
        for period, start, place, region, kind, key, count in rows.values_list(
            "period", "start", "country", "region", "kind", "key", "volunteers"
        ):
            if region:
                kind, key = RollupKind.REGION, str(region)
            people[(place, kind, key, start if period == PeriodKind.MONTH else None)] = count
    # Hours of volunteer work, keyed the same way: by month and region, then by cause and goal
    # (two groupings: one of them all would hold month × region × key groups in memory).
    hours: dict[tuple[str, str, str, date | None], Decimal] = defaultdict(Decimal)
    in_year = HoursFacetRollup.objects.filter(
        month__gte=date(year, 1, 1),
        month__lte=date(year, 12, 1),
        country__in=codes,
        during_paid_work=False,
    )
    for row in (
        in_year.filter(kind=RollupKind.ALL)
        .values("country", "month", "region")
        .annotate(h=Sum("hours"))
        .order_by()
    ):
        place, amount = row["country"], row["h"] or 0
        hours[(place, RollupKind.ALL, "", None)] += amount
        hours[(place, RollupKind.ALL, "", row["month"])] += amount
        hours[(place, RollupKind.REGION, str(row["region"]), None)] += amount
    for row in (
        in_year.filter(kind__in=[RollupKind.CAUSE, RollupKind.GOAL])
        .values("country", "kind", "key")
        .annotate(h=Sum("hours"))
        .order_by()
    ):
        hours[(row["country"], row["kind"], row["key"], None)] += row["h"] or 0
    labels = _labels(codes)

    def cell(code: str, kind: str, key: str, label: str, month: date | None = None) -> Cell:
        where = (code, kind, key, month)
        return Cell(
            label=label,
            key=month.strftime("%Y-%m") if month else key,
            volunteers=people.get(where, 0),
            hours=Decimal(hours.get(where, 0)).quantize(CENT),
        )

    def cells(code: str, kind: str) -> list[Cell]:
        names = labels[kind]
        keys = {k for (c, kd, k, m) in people if c == code and kd == kind and m is None}
        ordered = sorted(keys, key=lambda key: names.get(key, (key, key))[0])
        return [cell(code, kind, key, names.get(key, (key, key))[1]) for key in ordered]

    result = []
    for country in chosen:
        code = country.code
        months = [
            cell(code, RollupKind.ALL, "", f"{year}-{number:02d}", date(year, number, 1))
            for number in range(1, 13)
        ]
        result.append(
            CountryStatistics(
                country=country,
                total=suppress(
                    [cell(code, RollupKind.ALL, "", str(country.name))], partition=False
                )[0],
                regions=suppress(cells(code, RollupKind.REGION), partition=True),
                causes=suppress(cells(code, RollupKind.CAUSE), partition=False),
                goals=suppress(cells(code, RollupKind.GOAL), partition=False),
                months=suppress(months, partition=True),
            )
        )
    return result


def _labels(codes: list[str]) -> dict[str, dict[str, tuple[Any, str]]]:
    """(sort key, translated name) of the regions, causes and SDG goals, by key."""
    return {
        RollupKind.REGION: {
            str(region.pk): (str(region.name), str(region.name))
            for region in Region.objects.filter(country_id__in=codes)
        },
        RollupKind.CAUSE: {
            cause.slug: (cause.position, str(cause.name)) for cause in Cause.objects.all()
        },
        RollupKind.GOAL: {
            str(goal.number): (goal.number, str(goal)) for goal in SdgGoal.objects.all()
        },
    }
