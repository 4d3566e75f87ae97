"""Writing synthetic rows fast: COPY on PostgreSQL, bulk_create elsewhere, and the hash that
makes every synthetic row a pure function of (seed, index)."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, TypeVar

from django.db import connection, models
from django.db.models import NOT_PROVIDED
from django.utils import timezone

CHUNK_SIZE = 5000
MASK64 = (1 << 64) - 1


def mix(seed: int, index: int, stream: int) -> int:
    """SplitMix64 of (seed, stream, index): cheap, well spread and the same on every platform."""
    z = (seed * 0x9E3779B97F4A7C15 + stream * 0xBF58476D1CE4E5B9 + index) & MASK64
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK64
    return z ^ (z >> 31)


Value = TypeVar("Value")


def band(draw: int, *limits: tuple[int, Value], otherwise: Value) -> Value:
    """The value of the first (limit, value) whose limit the draw is below, else `otherwise`:
    `band(draw, (90, "a"), (98, "b"), otherwise="c")` is "a" for 0..89, "b" for 90..97."""
    return next((value for limit, value in limits if draw < limit), otherwise)


def draws(h: int, *sizes: int) -> list[int]:
    """What `h, draw = divmod(h, size)` draws from the hash h for each size in turn."""
    drawn = []
    for size in sizes:
        h, draw = divmod(h, size)
        drawn.append(draw)
    return drawn


def chunks(first: int, last: int, size: int) -> Iterator[range]:
    for start in range(first, last + 1, size):
        yield range(start, min(start + size, last + 1))


class Table:
    """Rows for one model as tuples of the fields `names` (field names or attnames, `city` or
    `city_id`: a foreign key's cell is its key); every other concrete field gets its Python
    default (COPY and bulk_create both need a value for each NOT NULL column), so fields that
    other apps add later need no change here. Defaults are computed once per run, except
    callable defaults of unique fields (tokens), which are computed per row; `auto_now`
    timestamps get the time of the run."""

    def __init__(self, model: type[models.Model], names: Sequence[str]) -> None:
        self.model = model
        self.attnames = tuple(model._meta.get_field(name).attname for name in names)
        rest = [
            f
            for f in model._meta.concrete_fields
            if f.attname not in self.attnames and not f.primary_key and f.db_default is NOT_PROVIDED
        ]
        self.all_attnames = self.attnames + tuple(f.attname for f in rest)
        fields = {f.attname: f for f in model._meta.concrete_fields}
        self.columns = tuple(fields[a].column for a in self.all_attnames)
        self.defaults = tuple(_default(f) for f in rest)
        self.per_row = [
            (position, f.get_default)
            for position, f in enumerate(rest)
            if f.unique and callable(f.default)
        ]
        # JSON columns: COPY takes their text, bulk_create the Python value.
        self.json_positions = tuple(
            position
            for position, name in enumerate(self.all_attnames)
            if isinstance(fields[name], models.JSONField)
        )

    def complete(self, row: tuple[Any, ...]) -> tuple[Any, ...]:
        if not self.per_row:
            return row + self.defaults
        defaults = list(self.defaults)
        for position, make in self.per_row:
            defaults[position] = make()
        return row + tuple(defaults)


def _default(field: models.Field[Any, Any]) -> Any:
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return timezone.now()
    return field.get_default()


class Sink:
    rows: Counter[str]

    def reserve_ids(self, model: type[models.Model], count: int) -> list[int]:
        raise NotImplementedError

    def write(self, table: Table, rows: Iterable[tuple[Any, ...]]) -> None:
        raise NotImplementedError


class PostgresSink(Sink):
    def __init__(self) -> None:
        self.rows = Counter()

    def reserve_ids(self, model: type[models.Model], count: int) -> list[int]:
        if count <= 0:
            return []
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [model._meta.db_table, model._meta.pk.column or "id", count],
            )
            return [row[0] for row in cursor.fetchall()]

    def write(self, table: Table, rows: Iterable[tuple[Any, ...]]) -> None:
        quote = connection.ops.quote_name
        sql = "COPY {} ({}) FROM STDIN".format(
            quote(table.model._meta.db_table), ", ".join(quote(c) for c in table.columns)
        )
        positions = table.json_positions
        written = 0
        with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
            for row in rows:
                full = table.complete(row)
                if positions:
                    values = list(full)
                    for position in positions:
                        values[position] = json.dumps(values[position], ensure_ascii=False)
                    full = tuple(values)
                copy.write_row(full)
                written += 1
        self.rows[table.model._meta.db_table] += written


class OrmSink(Sink):
    """SQLite and anything else: bulk_create. Ids are taken above the current maximum, which
    is safe because the surrounding transaction holds SQLite's write lock."""

    def __init__(self) -> None:
        self.rows = Counter()

    def reserve_ids(self, model: type[models.Model], count: int) -> list[int]:
        last = model._default_manager.aggregate(last=models.Max("pk"))["last"] or 0
        return list(range(last + 1, last + 1 + count))

    def write(self, table: Table, rows: Iterable[tuple[Any, ...]]) -> None:
        model = table.model
        objects = [
            model(**dict(zip(table.all_attnames, table.complete(row), strict=True))) for row in rows
        ]
        model._default_manager.bulk_create(objects, batch_size=CHUNK_SIZE)
        self.rows[model._meta.db_table] += len(objects)


def make_sink() -> Sink:
    return PostgresSink() if connection.vendor == "postgresql" else OrmSink()
