"""A volunteer's own report: their verified hours in a year."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from council.accounts.models import User
from council.hours.models import EntryStatus, HoursEntry
from council.reference.models import SdgGoal
from council.reports.selectors.sums import ZERO


@dataclass
class MyFigures:
    hours: Decimal = ZERO
    paid_hours: Decimal = ZERO
    by_month: dict[date, Decimal] = field(default_factory=dict)
    by_goal: dict[int, Decimal] = field(default_factory=dict)
    values: dict[str, Decimal] = field(default_factory=dict)
    countries: set[str] = field(default_factory=set)


def my_figures(*, user: User, year: int) -> MyFigures:
    """A person's verified hours in a year: by month and by SDG goal (an entry counts once
    per goal), values by currency; hours in paid work time apart. Three queries."""
    entries = HoursEntry.objects.filter(
        volunteer_id=user.pk,
        status=EntryStatus.VERIFIED,
        date__gte=date(year, 1, 1),
        date__lte=date(year, 12, 31),
    )
    figures = MyFigures()
    rows = list(entries.values_list("pk", "date", "hours", "during_paid_work", "currency", "value"))
    figures.countries = set(entries.values_list("country_id", flat=True).distinct())
    goals: dict[int, set[int]] = defaultdict(set)
    for entry_id, goal in HoursEntry.sdg_targets.through.objects.filter(
        hoursentry__in=entries
    ).values_list("hoursentry_id", "sdgtarget__goal_id"):
        goals[entry_id].add(goal)
    by_month: dict[date, Decimal] = defaultdict(Decimal)
    by_goal: dict[int, Decimal] = defaultdict(Decimal)
    values: dict[str, Decimal] = defaultdict(Decimal)
    for pk, day, hours, paid, currency, value in rows:
        if paid:
            figures.paid_hours += hours
            continue
        figures.hours += hours
        by_month[day.replace(day=1)] += hours
        for goal in goals[pk]:
            by_goal[goal] += hours
        if currency and value is not None:
            values[currency] += value
    figures.by_month = dict(by_month)
    figures.by_goal = dict(sorted(by_goal.items()))
    figures.values = dict(sorted(values.items()))
    return figures


def goals_of(figures: MyFigures) -> list[SdgGoal]:
    """The SDG goals the person's hours went to, in their order."""
    return list(SdgGoal.objects.filter(number__in=figures.by_goal).order_by("number"))
