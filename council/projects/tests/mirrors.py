"""Rows of another national node as the federation's feed applier leaves them: copied with
`origin_node` and `origin_key`, as of `origin_synced_at`, then refreshed for search."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db.models import Model

SYNCED_AT = datetime.fromisoformat("2026-12-07T10:30:00+00:00")


def mirror(row: Model, key: str, *, node: str = "ru", **fields: Any) -> Model:
    """`row` made a copy of the row `key` of the node `node` (with `fields` set too)."""
    values = {"origin_node": node, "origin_key": key, "origin_synced_at": SYNCED_AT, **fields}
    type(row)._default_manager.filter(pk=row.pk).update(**values)
    row.refresh_from_db()
    return row
