"""Sums of verified hours, values and people by country, month and age band.

Hours, values and people come from the aggregates the hours services keep up to date
(`council.hours.services.rollups`): `HoursFacetRollup` for sums by month, place, cause, SDG goal,
target, age band and cause with goal, and `VolunteerCount` for distinct people per month or
year, in a country or a region. A filter those tables do not cover (an organisation) is
answered from the entries themselves with the same set-based SQL, scoped by an index
(docs/reports.md). Only verified hours count; hours in paid work time are kept apart.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, Exists, OuterRef, QuerySet, Sum
from django.db.models.functions import TruncMonth

from council.hours.models import (
    EntryStatus,
    HoursEntry,
    HoursFacetRollup,
    RollupKind,
    VolunteerCount,
)
from council.hours.services.rollups import UNKNOWN_AGE, pair_key
from council.reports.selectors.filters import Filters

CENT = Decimal("0.01")
ZERO = Decimal("0")
AGE_BANDS = ("under_14", "14_17", "adult", "silver", UNKNOWN_AGE)


@dataclass
class Sums:
    """Verified hours of volunteer work, hours in paid work time apart, and values by
    currency (volunteer work only, as the ILO counts it)."""

    hours: Decimal = ZERO
    paid_hours: Decimal = ZERO
    entries: int = 0
    values: dict[str, Decimal] = field(default_factory=dict)
    unvalued_hours: Decimal = ZERO
    volunteers: int | None = None

    def add(self, *, paid: bool, currency: str, hours: Any, entries: Any, value: Any) -> None:
        hours = Decimal(hours or 0).quantize(CENT)
        if paid:
            self.paid_hours += hours
            return
        self.hours += hours
        self.entries += int(entries or 0)
        if currency:
            self.values[currency] = self.values.get(currency, ZERO) + Decimal(value or 0).quantize(
                CENT
            )
        else:
            self.unvalued_hours += hours


def facet_rows(filters: Filters, kind: str, key: str | None) -> QuerySet[HoursFacetRollup]:
    rows = HoursFacetRollup.objects.filter(
        kind=kind, month__gte=filters.start, month__lte=filters.end
    )
    if key is not None:
        rows = rows.filter(key=key)
    if filters.countries:
        rows = rows.filter(country__in=filters.countries)
    if filters.region:
        rows = rows.filter(region=filters.region)
    return rows


def scoped_entries(filters: Filters) -> QuerySet[HoursEntry]:
    """Verified entries in the filters' period and scope (the path for filters the aggregate
    tables do not cover). SDG goal and cause are EXISTS conditions: an entry counts once."""
    entries = HoursEntry.objects.filter(
        status=EntryStatus.VERIFIED, date__gte=filters.start, date__lte=filters.end
    )
    if filters.organisation:
        entries = entries.filter(organisation_id=filters.organisation)
    if filters.countries:
        entries = entries.filter(country_id__in=filters.countries)
    if filters.region:
        entries = entries.filter(region_id=filters.region)
    if filters.cause:
        entries = entries.filter(
            Exists(
                HoursEntry.causes.through.objects.filter(
                    hoursentry_id=OuterRef("pk"), cause__slug=filters.cause
                )
            )
        )
    if filters.goal:
        entries = entries.filter(_has_goal(filters.goal))
    return entries


def _has_goal(goal: int) -> Exists:
    return Exists(
        HoursEntry.sdg_targets.through.objects.filter(
            hoursentry_id=OuterRef("pk"), sdgtarget__goal_id=goal
        )
    )


def sums_by(filters: Filters, dimension: str) -> dict[Any, Sums]:
    """Sums grouped by "country" or "month" (and country: keys are (month, country))."""
    result: dict[Any, Sums] = defaultdict(Sums)
    if filters.from_rollups:
        kind, key = filters.facet
        group = ["country"] if dimension == "country" else ["month", "country"]
        rows = (
            facet_rows(filters, kind, key)
            .values(*group, "during_paid_work", "currency")
            .annotate(h=Sum("hours"), n=Sum("entries"), v=Sum("value"))
            .order_by()
        )
    else:
        group = ["country_id"] if dimension == "country" else ["m", "country_id"]
        entries = scoped_entries(filters)
        if dimension == "month":
            entries = entries.annotate(m=TruncMonth("date"))
        rows = (
            entries.values(*group, "during_paid_work", "currency")
            .annotate(h=Sum("hours"), n=Count("pk"), v=Sum("value"))
            .order_by()
        )
    for row in rows:
        values = list(row.values())
        group_key = values[0] if len(group) == 1 else (values[0], values[1])
        result[group_key].add(
            paid=row["during_paid_work"],
            currency=row["currency"],
            hours=row["h"],
            entries=row["n"],
            value=row["v"],
        )
    return dict(result)


def volunteers_by_country(filters: Filters) -> dict[str, int]:
    """Distinct people with verified volunteer work in the period, per country."""
    if not filters.from_rollups:
        return _count_entries(filters)
    period, start = filters.period
    kind, key = filters.facet
    counts = VolunteerCount.objects.filter(
        period=period, start=start, kind=kind, key=key, region=filters.place
    )
    if filters.countries:
        counts = counts.filter(country__in=filters.countries)
    return dict(counts.values_list("country", "volunteers"))


def _count_entries(filters: Filters) -> dict[str, int]:
    return dict(
        scoped_entries(filters)
        .filter(during_paid_work=False)
        .values("country_id")
        .annotate(n=Count("volunteer_id", distinct=True))
        .values_list("country_id", "n")
        .order_by()
    )


AGE_KINDS: dict[str, str] = {
    RollupKind.ALL: RollupKind.AGE,
    RollupKind.CAUSE: RollupKind.CAUSE_AGE,
    RollupKind.GOAL: RollupKind.GOAL_AGE,
    RollupKind.CAUSE_GOAL: RollupKind.CAUSE_GOAL_AGE,
}


def volunteers_by_age(filters: Filters) -> dict[tuple[str, str], int]:
    """Distinct people per (age band on the day of the work, country): a person whose
    birthday moved them into another band within the period counts in both."""
    period, start = filters.period
    kind, key = filters.facet
    if filters.from_rollups and kind in AGE_KINDS:
        prefix = pair_key(key, "") if key else ""
        counts = VolunteerCount.objects.filter(
            period=period, start=start, kind=AGE_KINDS[kind], region=filters.place
        )
        if prefix:
            counts = counts.filter(key__startswith=prefix)
        if filters.countries:
            counts = counts.filter(country__in=filters.countries)
        return {
            (band[len(prefix) :], country): n
            for band, country, n in counts.values_list("key", "country", "volunteers")
        }
    rows = (
        scoped_entries(filters)
        .filter(during_paid_work=False)
        .values("age_band", "country_id")
        .annotate(n=Count("volunteer_id", distinct=True))
        .order_by()
    )
    return {(row["age_band"] or UNKNOWN_AGE, row["country_id"]): row["n"] for row in rows}
