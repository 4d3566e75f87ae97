"""The filter object of every report (a year or a month of it, and optionally countries, a
region, an organisation, a cause or an SDG goal) and the countries a report shows."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from typing import Any

from council.hours.models import PeriodKind, RollupKind, VolunteerCount
from council.hours.services.rollups import pair_key
from council.reference.models import Country


@dataclass(frozen=True)
class Filters:
    """What a dashboard shows: a year or one month of it, and optionally countries, a region,
    an organisation, a cause (slug) or an SDG goal."""

    year: int
    month: int | None = None
    countries: tuple[str, ...] = ()
    region: int | None = None
    organisation: int | None = None
    cause: str | None = None
    goal: int | None = None

    @property
    def start(self) -> date:
        return date(self.year, self.month or 1, 1)

    @property
    def end(self) -> date:
        if self.month:
            return date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])
        return date(self.year, 12, 31)

    @property
    def period(self) -> tuple[str, date]:
        return (PeriodKind.MONTH if self.month else PeriodKind.YEAR, self.start)

    @property
    def facet(self) -> tuple[str, str]:
        if self.cause and self.goal:
            return RollupKind.CAUSE_GOAL, pair_key(self.cause, str(self.goal))
        if self.goal:
            return RollupKind.GOAL, str(self.goal)
        if self.cause:
            return RollupKind.CAUSE, self.cause
        return RollupKind.ALL, ""

    @property
    def from_rollups(self) -> bool:
        """Whether the aggregate tables answer this filter."""
        return self.organisation is None

    @property
    def place(self) -> int:
        """The region of the people counts: 0 for the whole country."""
        return self.region or 0

    def without(self, **changes: Any) -> Filters:
        values = {name: getattr(self, name) for name in self.__dataclass_fields__}
        values.update(changes)
        return Filters(**values)


def report_countries(filters: Filters) -> list[Country]:
    """The countries a report shows: the filter's, else those with verified hours that
    period, else the council's founders."""
    codes = list(filters.countries)
    if not codes:
        period, start = filters.period
        codes = sorted(
            set(
                VolunteerCount.objects.filter(
                    period=period, start=start, kind=RollupKind.ALL, region=0
                )
                .exclude(volunteers=0)
                .values_list("country", flat=True)
            )
        ) or ["RU", "KZ"]
    return list(Country.objects.filter(code__in=codes).order_by("code"))
