"""The SDG breakdown: sums and people per SDG goal or target and country (the SDG report,
the council's charts and the API)."""

from __future__ import annotations

from collections import defaultdict

from django.db import connection
from django.db.models import Count, Sum

from council.hours.models import HoursEntry, RollupKind, VolunteerCount
from council.hours.services.rollups import pair_key
from council.reference.models import SdgGoal, SdgTarget
from council.reports.selectors.filters import Filters
from council.reports.selectors.sums import Sums, facet_rows, scoped_entries


def sdg_breakdown(filters: Filters, level: str = RollupKind.GOAL) -> dict[tuple[str, str], Sums]:
    """Sums and people per (SDG goal number or target code, country). An entry for two
    targets of one goal counts once for the goal."""
    if filters.from_rollups and (level == RollupKind.GOAL or not (filters.cause or filters.region)):
        return _sdg_from_rollups(filters, level)
    if level == RollupKind.GOAL:
        return _goals_from_entries(filters)
    return _targets_from_entries(filters)


def _sdg_from_rollups(filters: Filters, level: str) -> dict[tuple[str, str], Sums]:
    """Goals (also within a cause: the cause-and-goal pairs, and within a region) or targets
    (the whole country only) from the aggregate tables."""
    result: dict[tuple[str, str], Sums] = defaultdict(Sums)
    period, start = filters.period
    kind, prefix = level, ""
    if level == RollupKind.GOAL and filters.cause:
        kind, prefix = RollupKind.CAUSE_GOAL, pair_key(filters.cause, "")
    rows = facet_rows(filters, kind, None)
    counts = VolunteerCount.objects.filter(
        period=period, start=start, kind=kind, region=filters.place
    )
    if filters.goal and level == RollupKind.GOAL:
        rows = rows.filter(key=f"{prefix}{filters.goal}")
        counts = counts.filter(key=f"{prefix}{filters.goal}")
    elif filters.goal:
        rows = rows.filter(key__startswith=f"{filters.goal}.")
        counts = counts.filter(key__startswith=f"{filters.goal}.")
    elif prefix:
        rows = rows.filter(key__startswith=prefix)
        counts = counts.filter(key__startswith=prefix)
    if filters.countries:
        counts = counts.filter(country__in=filters.countries)
    for row in (
        rows.values("key", "country", "during_paid_work", "currency")
        .annotate(h=Sum("hours"), n=Sum("entries"), v=Sum("value"))
        .order_by()
    ):
        result[(row["key"][len(prefix) :], row["country"])].add(
            paid=row["during_paid_work"],
            currency=row["currency"],
            hours=row["h"],
            entries=row["n"],
            value=row["v"],
        )
    for code, country, people in counts.values_list("key", "country", "volunteers"):
        if (code[len(prefix) :], country) in result:
            result[(code[len(prefix) :], country)].volunteers = people
    return dict(result)


def _goals_from_entries(filters: Filters) -> dict[tuple[str, str], Sums]:
    """Goals for a filter the aggregate tables do not cover (an organisation): two grouped
    statements over the scoped entries' distinct (entry, goal) pairs."""
    scoped, params = scoped_entries(filters).values("pk").query.sql_with_params()
    quote = connection.ops.quote_name
    pairs = (
        f"SELECT DISTINCT et.hoursentry_id, t.goal_id "  # noqa: S608 (names, not input)
        f"FROM {quote(HoursEntry.sdg_targets.through._meta.db_table)} et "
        f"JOIN {quote(SdgTarget._meta.db_table)} t ON t.id = et.sdgtarget_id "
        f"WHERE et.hoursentry_id IN ({scoped})"
    )
    pair_params = list(params)
    if filters.goal:
        pairs += " AND t.goal_id = %s"
        pair_params.append(filters.goal)
    source = f"FROM {quote(HoursEntry._meta.db_table)} e JOIN ({pairs}) g ON g.hoursentry_id = e.id"
    result: dict[tuple[str, str], Sums] = defaultdict(Sums)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT g.goal_id, e.country_id, e.during_paid_work, e.currency, "
            f"SUM(e.hours), COUNT(*), SUM(e.value) {source} GROUP BY 1, 2, 3, 4",
            pair_params,
        )
        for goal, country, paid, currency, hours, entries, value in cursor.fetchall():
            result[(str(goal), country)].add(
                paid=bool(paid), currency=currency, hours=hours, entries=entries, value=value
            )
        cursor.execute(
            "SELECT g.goal_id, e.country_id, COUNT(DISTINCT e.volunteer_id) "
            f"{source} WHERE NOT e.during_paid_work GROUP BY 1, 2",
            pair_params,
        )
        for goal, country, people in cursor.fetchall():
            if (str(goal), country) in result:
                result[(str(goal), country)].volunteers = people
    return dict(result)


def _targets_from_entries(filters: Filters) -> dict[tuple[str, str], Sums]:
    result: dict[tuple[str, str], Sums] = defaultdict(Sums)
    through = HoursEntry.sdg_targets.through.objects.filter(hoursentry__in=scoped_entries(filters))
    if filters.goal:
        through = through.filter(sdgtarget__goal_id=filters.goal)
    rows = through.values(
        "sdgtarget__code",
        "hoursentry__country_id",
        "hoursentry__during_paid_work",
        "hoursentry__currency",
    ).annotate(h=Sum("hoursentry__hours"), n=Count("hoursentry_id"), v=Sum("hoursentry__value"))
    for row in rows.order_by():
        result[(row["sdgtarget__code"], row["hoursentry__country_id"])].add(
            paid=row["hoursentry__during_paid_work"],
            currency=row["hoursentry__currency"],
            hours=row["h"],
            entries=row["n"],
            value=row["v"],
        )
    people = (
        through.filter(hoursentry__during_paid_work=False)
        .values("sdgtarget__code", "hoursentry__country_id")
        .annotate(p=Count("hoursentry__volunteer_id", distinct=True))
    )
    for row in people.order_by():
        key = (row["sdgtarget__code"], row["hoursentry__country_id"])
        if key in result:
            result[key].volunteers = row["p"]
    return dict(result)


def sdg_goals() -> list[SdgGoal]:
    """The seventeen goals in their order."""
    return list(SdgGoal.objects.order_by("number"))


def targets_by_goal(codes: set[str]) -> dict[int, list[SdgTarget]]:
    """The targets of those codes under their goal's number, in their order."""
    targets_of: dict[int, list[SdgTarget]] = {}
    for target in SdgTarget.objects.filter(code__in=codes).order_by("goal_id", "position"):
        targets_of.setdefault(target.goal_id, []).append(target)
    return targets_of
