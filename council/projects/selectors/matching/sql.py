"""The candidates of either question in one SQL statement: a universe of rows that may be
offered, the signals that join it to one narrow table each (written once for both
directions), and the sum of their weights per candidate."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connections, router
from django.db.models import ManyToManyField, Model, Q, QuerySet

from council.lib.geo import BoundingBox
from council.projects.selectors.matching.scoring import (
    CAUSE,
    CREDENTIAL,
    LANGUAGE,
    SDG_GOAL,
    SKILL,
    Side,
)
from council.reference.models import SdgTarget


@dataclass
class Signal:
    """Rows of the universe `u` that show one signal: `SELECT <candidate> FROM universe u
    <joins_and_where>`; a row may show up more than once (two shared skills count twice)."""

    candidate: str
    joins_and_where: str
    params: list[Any]
    weight: int


def placeholders(values: Sequence[Any]) -> str:
    return ", ".join(["%s"] * len(values))


def m2m_columns(model: type[Model], name: str) -> tuple[str, str, str]:
    """(table, column of `model`, column of the other side) of a many-to-many field."""
    m2m = model._meta.get_field(name)
    assert isinstance(m2m, ManyToManyField)
    return m2m.m2m_db_table(), m2m.m2m_column_name(), m2m.m2m_reverse_name()


def box_sql(box: BoundingBox, latitude: str, longitude: str) -> tuple[str, list[Any]]:
    longitudes = " OR ".join(f"{longitude} BETWEEN %s AND %s" for _range in box.longitude_ranges)
    params: list[Any] = [box.min_latitude, box.max_latitude]
    for west, east in box.longitude_ranges:
        params += [west, east]
    return f"{latitude} BETWEEN %s AND %s AND ({longitudes})", params


def box_q(box: BoundingBox, prefix: str = "") -> Q:
    longitudes = Q()
    for west, east in box.longitude_ranges:
        longitudes |= Q(**{f"{prefix}longitude__gte": west, f"{prefix}longitude__lte": east})
    return longitudes & Q(
        **{f"{prefix}latitude__gte": box.min_latitude, f"{prefix}latitude__lte": box.max_latitude}
    )


def rank(
    *,
    model: type[Model],
    universe: Sequence[QuerySet[Any]],
    columns: Sequence[str],
    signals: Sequence[Signal],
    limit: int,
    base: tuple[str, list[Any]] | None = None,
    returning: Sequence[str] = (),
) -> list[Any]:
    """The keys of the universe with the highest sum of signal weights, best first.

    `base` is an SQL expression over the universe row `u` (with its parameters) for points
    every row may earn from its own columns (place, online work): added in one pass over the
    universe rather than as signals that would put every row through the aggregation.
    With `returning` (columns of `model`'s table; only with `base`), each key comes as a
    tuple (key, *columns), read for the kept rows only."""
    if not universe or not (signals or base):
        return []
    connection = connections[router.db_for_read(model)]
    names = ("id", *(column.rsplit("__", 1)[-1] for column in columns[1:]))
    parts: list[str] = []
    params: list[Any] = []
    for queryset in universe:
        # The CTE names the columns by position. modeltranslation's queryset shuffles the
        # columns of values_list() in SQL (and puts them back in Python): compile a plain one.
        plain: QuerySet[Any] = QuerySet(model=queryset.model, query=queryset.query.chain())
        sql, part_params = plain.order_by().values_list(*columns).query.sql_with_params()
        parts.append(sql)
        params += part_params
    selects = []
    for signal in signals:
        selects.append(
            f"SELECT {signal.candidate} AS candidate, {int(signal.weight)} AS weight "  # noqa: S608
            f"FROM universe u {signal.joins_and_where}"
        )
        params += signal.params
    universe_sql = f"WITH universe({', '.join(names)}) AS ({' UNION ALL '.join(parts)})"
    if base is None:
        sql = (
            f"{universe_sql} SELECT candidate, SUM(weight) AS score "  # noqa: S608
            f"FROM ({' UNION ALL '.join(selects)}) signals "
            "GROUP BY candidate ORDER BY score DESC, candidate LIMIT %s"
        )
    elif not signals:
        # Every point comes from the row itself: one pass over the universe. The fence
        # (OFFSET 0) keeps PostgreSQL from pushing `total > 0` into the scans, which would
        # work out every row's points twice.
        base_sql, base_params = base
        fence = " OFFSET 0" if connection.vendor == "postgresql" else ""
        sql = (
            f"{universe_sql} SELECT id, total FROM (SELECT u.id, ({base_sql}) AS total "  # noqa: S608
            f"FROM universe u{fence}) ranked WHERE total > 0 ORDER BY total DESC, id LIMIT %s"
        )
        params += base_params
    else:
        base_sql, base_params = base
        sql = (
            f"{universe_sql}, found AS (SELECT candidate, SUM(weight) AS score "  # noqa: S608
            f"FROM ({' UNION ALL '.join(selects)}) signals GROUP BY candidate) "
            f"SELECT id, total FROM (SELECT u.id, ({base_sql}) + COALESCE(f.score, 0) AS total "
            "FROM universe u LEFT JOIN found f ON f.candidate = u.id) ranked "
            "WHERE total > 0 ORDER BY total DESC, id LIMIT %s"
        )
        params += base_params
    assert base is not None or not returning
    if returning:
        # The universe's covering indexes lack these columns: read them for the kept rows
        # only, by key.
        extra = ", ".join(f"m.{column}" for column in returning)
        sql = (
            f"SELECT k.id, {extra} FROM ({sql}) k "  # noqa: S608
            f"JOIN {model._meta.db_table} m ON m.id = k.id ORDER BY k.total DESC, k.id"
        )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, limit])
        rows = cursor.fetchall()
    return [tuple(row) for row in rows] if returning else [row[0] for row in rows]


@dataclass(frozen=True)
class Facts:
    """Where the candidates of one side keep the facts the signals join them on: many-to-many
    tables as (table, column of the candidate, column of the item), the language table as
    (table, column of the candidate, column of the level)."""

    skills: tuple[str, str, str]
    languages: tuple[str, str, str]
    causes: tuple[str, str, str]
    goals: tuple[str, str, str]
    # The column of the universe row that the causes and goals hang on ("id", "project_id").
    classified_by: str = "id"
    # The goals' table links SDG targets, each joined to its goal.
    goals_by_target: bool = False
    # The required credentials (many-to-many, of the candidate): only the opportunities' side
    # has them in one table (a volunteer's are rows with an expiry, scored after).
    credentials: tuple[str, str, str] | None = None

    @classmethod
    def of(
        cls,
        skills: tuple[type[Model], str],
        languages: tuple[type[Model], str, str],
        causes: tuple[type[Model], str],
        goals: tuple[type[Model], str],
        **options: Any,
    ) -> Facts:
        """The facts of many-to-many fields given as (model, field), the languages as (model,
        column of the candidate, column of the level)."""
        model, owner, level = languages
        return cls(
            m2m_columns(*skills),
            (model._meta.db_table, owner, level),
            m2m_columns(*causes),
            m2m_columns(*goals),
            **options,
        )


def _shared(
    alias: str,
    table: tuple[str, str, str],
    key: str,
    values: Sequence[Any],
    weight: int,
    *,
    by_target: bool = False,
) -> Signal:
    name, owner, item = table
    joins = f"JOIN {name} {alias} ON {alias}.{owner} = u.{key} "
    column = f"{alias}.{item}"
    if by_target:
        joins += f"JOIN {SdgTarget._meta.db_table} t ON t.id = {alias}.{item} "
        column = "t.goal_id"
    return Signal(
        "u.id", f"{joins}WHERE {column} IN ({placeholders(values)})", list(values), weight
    )


def shared_signals(
    facts: Facts, wanted: Side, accepted_levels: Callable[[str], list[str]]
) -> list[Signal]:
    """The signals of what a candidate shares with `wanted` (the other side): a skill, a
    language at an accepted level (`accepted_levels` of the level `wanted` has or asks), a
    cause, an SDG goal, a required credential held (where the facts have them)."""
    signals = []
    if wanted.skills:
        signals.append(_shared("s", facts.skills, "id", sorted(wanted.skills), SKILL))
    spoken: list[str] = []
    spoken_params: list[Any] = []
    table, owner, level_column = facts.languages
    for code, level in sorted(wanted.languages.items()):
        levels = accepted_levels(level)
        spoken.append(f"(l.language_id = %s AND l.{level_column} IN ({placeholders(levels)}))")
        spoken_params += [code, *levels]
    if spoken:
        joins = f"JOIN {table} l ON l.{owner} = u.id WHERE {' OR '.join(spoken)}"
        signals.append(Signal("u.id", joins, spoken_params, LANGUAGE))
    key = facts.classified_by
    if wanted.causes:
        signals.append(_shared("c", facts.causes, key, sorted(wanted.causes), CAUSE))
    if wanted.goals:
        goals = sorted(wanted.goals)
        signals.append(
            _shared("g", facts.goals, key, goals, SDG_GOAL, by_target=facts.goals_by_target)
        )
    if wanted.credentials and facts.credentials is not None:
        held = sorted(wanted.credentials)
        signals.append(_shared("r", facts.credentials, "id", held, CREDENTIAL))
    return signals
