"""Row locks for lock → re-check → write (see docs/locking.md)."""

from __future__ import annotations

from typing import Any, TypeVar

from django.db import connections, router
from django.db.models import Model

M = TypeVar("M", bound=Model)


def lock_row(model: type[M], pk: Any) -> M | None:
    """The row `pk` of `model`, locked until the transaction ends (`SELECT … FOR UPDATE`;
    SQLite has no row locks: its writers take the database lock at BEGIN IMMEDIATE). None
    when there is no such row. Written out: the same queryset with `select_for_update()`
    took the ORM longer to build than the database to answer, on every application."""
    alias = router.db_for_write(model)
    connection = connections[alias]
    quote = connection.ops.quote_name
    lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
    sql = f"SELECT * FROM {quote(model._meta.db_table)} WHERE {quote(model._meta.pk.column)} = %s"  # noqa: S608
    rows = list(model._default_manager.db_manager(alias).raw(sql + lock, [pk]))
    return rows[0] if rows else None


def lock_with(model: type[M], pk: Any, *related: str) -> M:
    """The row `pk` of `model` locked (its own row only: `of=("self",)`), with the `related`
    rows it reads joined; DoesNotExist when there is no such row."""
    rows = model._default_manager.select_for_update(of=("self",))
    return rows.select_related(*related).get(pk=pk)
