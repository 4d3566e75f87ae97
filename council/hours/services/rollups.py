# ruff: noqa: S608  (the SQL here is built from table names and constants, never from input)
"""Incrementally maintained aggregates of verified hours (docs/reports.md).

Every change that can make an entry count or stop counting (verify, reject, delete) runs
inside `rollups_maintained(entry_ids)`, in the same transaction as the change:

1. it takes a per-volunteer lock (a transaction-scoped advisory lock on PostgreSQL; SQLite's
   writers are serialised by BEGIN IMMEDIATE), so two changes for one person cannot both
   believe they made that person newly active;
2. it reads the entries and the people's active-in buckets before the change;
3. after the change it reads them again and writes the differences: hours, entries and value
   to `HoursRollup` and `HoursFacetRollup`, and ±1 to `VolunteerCount` for every bucket the
   person entered or left. Rows are written in key order, so concurrent changes take the
   aggregate rows' locks in the same order.

`rollups_rebuild()` recomputes every table from the entries with set-based SQL; a test checks
that the maintained tables equal the rebuild after a random sequence of changes.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from operator import attrgetter
from typing import Any

from django.db import connection, transaction
from django.db.models import Q, QuerySet

from council.hours.models import (
    EntryStatus,
    HoursEntry,
    HoursFacetRollup,
    HoursRollup,
    PeriodKind,
    RollupKind,
    VolunteerCount,
)

ZERO = Decimal("0")
UNKNOWN_AGE = "unknown"
# Joins the two parts of a pair kind's key (a cause slug never contains it).
PAIR = "|"
# The advisory-lock namespace of "rollups of this volunteer" (pg_advisory_xact_lock(ns, id)).
LOCK_NAMESPACE = 7201


@dataclass(frozen=True)
class Facts:
    """What the aggregates need of one verified entry."""

    pk: int
    volunteer_id: int
    day: date
    country: str
    region: int
    organisation: int
    project: int
    paid: bool
    currency: str
    hours: Decimal
    value: Decimal
    age: str
    causes: tuple[str, ...]  # cause slugs
    targets: tuple[tuple[str, int], ...]  # (target code, goal number)

    @property
    def month(self) -> date:
        return self.day.replace(day=1)

    @property
    def goals(self) -> list[str]:
        return [str(goal) for goal in sorted({g for _t, g in self.targets})]

    def facets(self) -> list[tuple[str, str]]:
        """(kind, key) of every facet row the entry adds to."""
        rows = [(RollupKind.ALL.value, ""), (RollupKind.AGE.value, self.age)]
        rows += [(RollupKind.CAUSE.value, cause) for cause in self.causes]
        rows += [(RollupKind.GOAL.value, goal) for goal in self.goals]
        rows += [(RollupKind.TARGET.value, code) for code, _goal in self.targets]
        rows += [
            (RollupKind.CAUSE_GOAL.value, pair_key(cause, goal))
            for cause in self.causes
            for goal in self.goals
        ]
        return rows

    def placed_keys(self) -> list[tuple[str, str]]:
        """(kind, key) of the counts kept for the whole country and for each region: the
        facets but the targets, and the age band within each cause, goal and both."""
        keys = [key for key in self.facets() if key[0] != RollupKind.TARGET]
        keys += [(RollupKind.CAUSE_AGE.value, pair_key(cause, self.age)) for cause in self.causes]
        keys += [(RollupKind.GOAL_AGE.value, pair_key(goal, self.age)) for goal in self.goals]
        keys += [
            (RollupKind.CAUSE_GOAL_AGE.value, pair_key(pair_key(cause, goal), self.age))
            for cause in self.causes
            for goal in self.goals
        ]
        return keys

    def buckets(self) -> set[tuple[str, date, str, int, str, str]]:
        """(period, start, country, region, kind, key) of every count the person is in by
        this entry (region 0: the whole country)."""
        national = [
            (RollupKind.ORGANISATION.value, str(self.organisation)),
            (RollupKind.PROJECT.value, str(self.project)),
        ]
        national += [(RollupKind.TARGET.value, code) for code, _goal in self.targets]
        placed = self.placed_keys()
        places = [(0, key) for key in national + placed]
        if self.region:
            places += [(self.region, key) for key in placed]
        periods = (
            (PeriodKind.MONTH.value, self.month),
            (PeriodKind.YEAR.value, self.day.replace(month=1, day=1)),
        )
        return {
            (period, start, self.country, region, kind, key)
            for period, start in periods
            for region, (kind, key) in places
        }


def pair_key(first: str, second: str) -> str:
    """The key of a pair kind: "health|3", "health|silver", "3|silver"."""
    return f"{first}{PAIR}{second}"


def _facts(entries: QuerySet[HoursEntry]) -> list[Facts]:
    """Facts of the verified entries in `entries`: three queries."""
    rows = list(
        entries.filter(status=EntryStatus.VERIFIED).values_list(
            "pk",
            "volunteer_id",
            "date",
            "country_id",
            "region_id",
            "organisation_id",
            "project_id",
            "during_paid_work",
            "currency",
            "hours",
            "value",
            "age_band",
        )
    )
    if not rows:
        return []
    pks = [row[0] for row in rows]
    causes: dict[int, list[str]] = defaultdict(list)
    for entry_id, slug in HoursEntry.causes.through.objects.filter(
        hoursentry_id__in=pks
    ).values_list("hoursentry_id", "cause__slug"):
        causes[entry_id].append(slug)
    targets: dict[int, list[tuple[str, int]]] = defaultdict(list)
    for entry_id, code, goal in HoursEntry.sdg_targets.through.objects.filter(
        hoursentry_id__in=pks
    ).values_list("hoursentry_id", "sdgtarget__code", "sdgtarget__goal__number"):
        targets[entry_id].append((code, goal))
    return [
        Facts(
            pk=pk,
            volunteer_id=volunteer,
            day=day,
            country=country,
            region=region or 0,
            organisation=organisation,
            project=project,
            paid=paid,
            currency=currency or "",
            hours=hours,
            value=value if value is not None and currency else ZERO,
            age=age or UNKNOWN_AGE,
            causes=tuple(sorted(causes[pk])),
            targets=tuple(sorted(targets[pk])),
        )
        for (
            pk,
            volunteer,
            day,
            country,
            region,
            organisation,
            project,
            paid,
            currency,
            hours,
            value,
            age,
        ) in rows
    ]


def _lock_volunteers(volunteer_ids: Iterable[int]) -> None:
    if connection.vendor != "postgresql":
        return  # SQLite: the transaction already holds the database's write lock
    with connection.cursor() as cursor:
        for volunteer_id in sorted(set(volunteer_ids)):
            cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [LOCK_NAMESPACE, volunteer_id])


class RollupTracker:
    """The entries a change touches: those that existed before it, and those it creates."""

    def __init__(self, entry_ids: list[int], volunteer_ids: set[int]) -> None:
        self.entry_ids = set(entry_ids)
        self.volunteer_ids = volunteer_ids
        self.before = _facts(HoursEntry.objects.filter(pk__in=entry_ids)) if entry_ids else []

    def created(self, entry: HoursEntry) -> None:
        """An entry made inside the block (its person's lock must already be held)."""
        if entry.volunteer_id not in self.volunteer_ids:
            raise RuntimeError("name the volunteer in rollups_maintained(volunteer_ids=…)")
        self.entry_ids.add(entry.pk)

    def finish(self) -> None:
        after = _facts(HoursEntry.objects.filter(pk__in=self.entry_ids))
        years = {(fact.volunteer_id, fact.day.year) for fact in self.before + after}
        unchanged: list[Facts] = []
        if years:
            condition = Q()
            for volunteer_id, year in sorted(years):
                condition |= Q(
                    volunteer_id=volunteer_id,
                    date__gte=date(year, 1, 1),
                    date__lte=date(year, 12, 31),
                )
            unchanged = _facts(
                HoursEntry.objects.filter(condition, during_paid_work=False).exclude(
                    pk__in=self.entry_ids
                )
            )
        old = _person_buckets(unchanged + self.before)
        new = _person_buckets(unchanged + after)
        _apply(self.before, after, old, new)


def _person_buckets(facts: list[Facts]) -> set[tuple[int, tuple[str, date, str, int, str, str]]]:
    """Every (person, count bucket) that these entries put people in: volunteer work only."""
    return {
        (fact.volunteer_id, bucket) for fact in facts if not fact.paid for bucket in fact.buckets()
    }


@contextmanager
def rollups_maintained(
    entry_ids: Iterable[int] = (), *, volunteer_ids: Iterable[int] = ()
) -> Iterator[RollupTracker]:
    """Keep the aggregates right across a change to these entries, run inside the change's
    transaction: entries may be verified, rejected or deleted inside the block, and entries
    of the named volunteers created there (report them with `tracker.created(entry)`)."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("rollups_maintained() must run inside the change's transaction")
    ids = sorted(set(entry_ids))
    people = set(volunteer_ids) | set(
        HoursEntry.objects.filter(pk__in=ids).values_list("volunteer_id", flat=True)
    )
    _lock_volunteers(people)
    tracker = RollupTracker(ids, people)
    yield tracker
    tracker.finish()


def _apply(
    before: list[Facts],
    after: list[Facts],
    old_buckets: set[tuple[int, tuple[str, date, str, int, str, str]]],
    new_buckets: set[tuple[int, tuple[str, date, str, int, str, str]]],
) -> None:
    totals: dict[tuple[Any, ...], list[Any]] = defaultdict(lambda: [0, ZERO, ZERO])
    facets: dict[tuple[Any, ...], list[Any]] = defaultdict(lambda: [0, ZERO, ZERO])
    for sign, facts in ((-1, before), (1, after)):
        for fact in facts:
            key = (
                fact.month,
                fact.country,
                fact.region,
                fact.organisation,
                fact.project,
                fact.paid,
                fact.currency,
            )
            _add(totals[key], sign, fact)
            for kind, facet in fact.facets():
                _add(
                    facets[
                        (
                            kind,
                            fact.month,
                            fact.country,
                            fact.region,
                            facet,
                            fact.paid,
                            fact.currency,
                        )
                    ],
                    sign,
                    fact,
                )
    counts: dict[tuple[Any, ...], int] = defaultdict(int)
    for _person, bucket in new_buckets - old_buckets:
        counts[bucket] += 1
    for _person, bucket in old_buckets - new_buckets:
        counts[bucket] -= 1
    _upsert(
        HoursRollup,
        ["month", "country", "region", "organisation", "project", "during_paid_work", "currency"],
        ["entries", "hours", "value"],
        [(*key, *delta) for key, delta in sorted(totals.items(), key=_order) if any(delta)],
    )
    _upsert(
        HoursFacetRollup,
        ["kind", "month", "country", "region", "key", "during_paid_work", "currency"],
        ["entries", "hours", "value"],
        [(*key, *delta) for key, delta in sorted(facets.items(), key=_order) if any(delta)],
    )
    _upsert(
        VolunteerCount,
        ["period", "start", "country", "region", "kind", "key"],
        ["volunteers"],
        [(*key, delta) for key, delta in sorted(counts.items(), key=_order) if delta],
    )


def _order(item: tuple[tuple[Any, ...], Any]) -> tuple[str, ...]:
    return tuple(str(part) for part in item[0])


def _add(delta: list[Any], sign: int, fact: Facts) -> None:
    delta[0] += sign
    delta[1] += sign * fact.hours
    delta[2] += sign * fact.value


def _upsert(model: Any, keys: list[str], sums: list[str], rows: list[tuple[Any, ...]]) -> None:
    """INSERT … ON CONFLICT (keys) DO UPDATE SET sum = sum + excluded.sum, in one statement
    (the same SQL on PostgreSQL and SQLite ≥ 3.24)."""
    if not rows:
        return
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    columns = [model._meta.get_field(name).column for name in keys + sums]
    placeholders = "(" + ", ".join(["%s"] * len(columns)) + ")"
    updates = ", ".join(f"{quote(c)} = {table}.{quote(c)} + excluded.{quote(c)}" for c in sums)
    conflict = ", ".join(quote(c) for c in columns[: len(keys)])
    sql = (
        f"INSERT INTO {table} ({', '.join(quote(c) for c in columns)}) VALUES "
        + ", ".join([placeholders] * len(rows))
        + f" ON CONFLICT ({conflict}) DO UPDATE SET {updates}"
    )
    params = [str(value) if isinstance(value, Decimal) else value for row in rows for value in row]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        # Rows that fell to nothing go, so that a row means "something here".
        emptied = [row for row in rows if any(value < 0 for value in row[len(keys) :])]
        if emptied:
            match = " AND ".join(f"{quote(c)} = %s" for c in columns[: len(keys)])
            cursor.execute(
                f"DELETE FROM {table} WHERE {quote(columns[len(keys)])} = 0 AND ("
                + " OR ".join([f"({match})"] * len(emptied))
                + ")",
                [
                    str(value) if isinstance(value, Decimal) else value
                    for row in emptied
                    for value in row[: len(keys)]
                ],
            )


# --- Rebuild from the entries ------------------------------------------------------------------


def _sql_names() -> dict[str, str]:
    from council.reference.models import Cause, SdgTarget

    quote = connection.ops.quote_name
    return {
        "entry": quote(HoursEntry._meta.db_table),
        "entry_causes": quote(HoursEntry.causes.through._meta.db_table),
        "entry_targets": quote(HoursEntry.sdg_targets.through._meta.db_table),
        "cause": quote(Cause._meta.db_table),
        "target": quote(SdgTarget._meta.db_table),
        "totals": quote(HoursRollup._meta.db_table),
        "facets": quote(HoursFacetRollup._meta.db_table),
        "counts": quote(VolunteerCount._meta.db_table),
    }


def _start_of(unit: str, column: str) -> str:
    if connection.vendor == "postgresql":
        return f"CAST(date_trunc('{unit}', {column}) AS date)"
    return f"date({column}, 'start of {unit}')"


AGE_SQL = f"COALESCE(NULLIF(e.age_band, ''), '{UNKNOWN_AGE}')"


def _sources(names: dict[str, str]) -> dict[RollupKind, tuple[str, str]]:
    """(FROM clause, key expression) of each kind over the entries `e`."""
    entry, causes, targets = names["entry"], names["entry_causes"], names["entry_targets"]
    with_causes = (
        f"JOIN {causes} ec ON ec.hoursentry_id = e.id JOIN {names['cause']} c ON c.id = ec.cause_id"
    )
    # One row per entry and goal: an entry for two targets of one goal counts once for it.
    with_goals = (
        f"JOIN (SELECT DISTINCT et.hoursentry_id, t.goal_id FROM {targets} et "
        f"JOIN {names['target']} t ON t.id = et.sdgtarget_id) g ON g.hoursentry_id = e.id"
    )
    goal = "CAST(g.goal_id AS TEXT)"
    return {
        RollupKind.ALL: (f"{entry} e", "''"),
        RollupKind.AGE: (f"{entry} e", AGE_SQL),
        RollupKind.CAUSE: (f"{entry} e {with_causes}", "c.slug"),
        RollupKind.TARGET: (
            f"{entry} e JOIN {targets} et ON et.hoursentry_id = e.id "
            f"JOIN {names['target']} t ON t.id = et.sdgtarget_id",
            "t.code",
        ),
        RollupKind.GOAL: (f"{entry} e {with_goals}", goal),
        RollupKind.ORGANISATION: (f"{entry} e", "CAST(e.organisation_id AS TEXT)"),
        RollupKind.PROJECT: (f"{entry} e", "CAST(e.project_id AS TEXT)"),
        RollupKind.CAUSE_GOAL: (
            f"{entry} e {with_causes} {with_goals}",
            f"c.slug || '{PAIR}' || {goal}",
        ),
        RollupKind.CAUSE_AGE: (f"{entry} e {with_causes}", f"c.slug || '{PAIR}' || {AGE_SQL}"),
        RollupKind.GOAL_AGE: (f"{entry} e {with_goals}", f"{goal} || '{PAIR}' || {AGE_SQL}"),
        RollupKind.CAUSE_GOAL_AGE: (
            f"{entry} e {with_causes} {with_goals}",
            f"c.slug || '{PAIR}' || {goal} || '{PAIR}' || {AGE_SQL}",
        ),
    }


FACET_KINDS = (
    RollupKind.ALL,
    RollupKind.AGE,
    RollupKind.CAUSE,
    RollupKind.GOAL,
    RollupKind.TARGET,
    RollupKind.CAUSE_GOAL,
)
# Counts kept for the whole country only, and for the country and each of its regions.
NATIONAL_COUNT_KINDS = (RollupKind.ORGANISATION, RollupKind.PROJECT, RollupKind.TARGET)
PLACED_COUNT_KINDS = (
    RollupKind.ALL,
    RollupKind.AGE,
    RollupKind.CAUSE,
    RollupKind.GOAL,
    RollupKind.CAUSE_GOAL,
    RollupKind.CAUSE_AGE,
    RollupKind.GOAL_AGE,
    RollupKind.CAUSE_GOAL_AGE,
)
VALUE_SQL = "SUM(CASE WHEN e.currency <> '' THEN e.value ELSE 0 END)"


def count_statements(national: Iterable[RollupKind], placed: Iterable[RollupKind]) -> list[str]:
    """The INSERT … SELECT statements of `VolunteerCount`'s rows of these kinds, for the whole
    country (national and placed kinds) and for each region (placed kinds)."""
    names = _sql_names()
    sources = _sources(names)
    counted = f"e.status = '{EntryStatus.VERIFIED}' AND NOT e.during_paid_work"
    national, placed = list(national), list(placed)
    statements = []
    for period, unit in ((PeriodKind.MONTH, "month"), (PeriodKind.YEAR, "year")):
        start = _start_of(unit, "e.date")
        for kind in national + placed:
            source, key = sources[kind]
            statements.append(
                f"INSERT INTO {names['counts']} "
                "(period, start, country, region, kind, key, volunteers) "
                f"SELECT '{period}', {start}, e.country_id, 0, '{kind}', {key}, "
                f"COUNT(DISTINCT e.volunteer_id) FROM {source} "
                f"WHERE {counted} GROUP BY 2, 3, 6"
            )
        for kind in placed:
            source, key = sources[kind]
            statements.append(
                f"INSERT INTO {names['counts']} "
                "(period, start, country, region, kind, key, volunteers) "
                f"SELECT '{period}', {start}, e.country_id, e.region_id, '{kind}', {key}, "
                f"COUNT(DISTINCT e.volunteer_id) FROM {source} "
                f"WHERE {counted} AND e.region_id IS NOT NULL GROUP BY 2, 3, 4, 6"
            )
    return statements


@transaction.atomic
def rollups_rebuild() -> dict[str, int]:
    """Recompute the three tables from the entries with set-based SQL (a repair, and the
    first fill after a bulk load). Returns the rows written per table."""
    names = _sql_names()
    verified = f"e.status = '{EntryStatus.VERIFIED}'"
    month = _start_of("month", "e.date")
    statements = [
        f"DELETE FROM {names['totals']}",
        f"DELETE FROM {names['facets']}",
        f"DELETE FROM {names['counts']}",
        f"INSERT INTO {names['totals']} (month, country, region, organisation, project, "
        "during_paid_work, currency, entries, hours, value) "
        f"SELECT {month}, e.country_id, COALESCE(e.region_id, 0), e.organisation_id, "
        f"e.project_id, e.during_paid_work, e.currency, COUNT(*), SUM(e.hours), {VALUE_SQL} "
        f"FROM {names['entry']} e WHERE {verified} GROUP BY 1, 2, 3, 4, 5, 6, 7",
    ]
    sources = _sources(names)
    for kind in FACET_KINDS:
        source, key = sources[kind]
        statements.append(
            f"INSERT INTO {names['facets']} (kind, month, country, region, key, "
            "during_paid_work, currency, entries, hours, value) "
            f"SELECT '{kind}', {month}, e.country_id, COALESCE(e.region_id, 0), {key}, "
            f"e.during_paid_work, e.currency, COUNT(*), SUM(e.hours), {VALUE_SQL} "
            f"FROM {source} WHERE {verified} GROUP BY 2, 3, 4, 5, 6, 7"
        )
    statements += count_statements(NATIONAL_COUNT_KINDS, PLACED_COUNT_KINDS)
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)
    return {
        "totals": HoursRollup.objects.count(),
        "facets": HoursFacetRollup.objects.count(),
        "counts": VolunteerCount.objects.count(),
    }


_SUMS = attrgetter("entries", "hours", "value")
# Each table's name, model, key (a tuple of fields) and sums (one field is given bare).
_ROLLUP_ROWS: tuple[tuple[str, Any, attrgetter[Any], attrgetter[Any]], ...] = (
    (
        "totals",
        HoursRollup,
        attrgetter(
            "month", "country", "region", "organisation", "project", "during_paid_work", "currency"
        ),
        _SUMS,
    ),
    (
        "facets",
        HoursFacetRollup,
        attrgetter("kind", "month", "country", "region", "key", "during_paid_work", "currency"),
        _SUMS,
    ),
    (
        "counts",
        VolunteerCount,
        attrgetter("period", "start", "country", "region", "kind", "key"),
        attrgetter("volunteers"),
    ),
)


def rollup_rows() -> dict[str, dict[tuple[Any, ...], Any]]:
    """The three tables as {key: sums}: what a test compares (no row may be empty)."""
    return {
        name: {key(row): sums(row) for row in model.objects.all()}
        for name, model, key, sums in _ROLLUP_ROWS
    }
