"""Data residency, checked: where in a node's database do given strings occur?

The residency test (tests/federation/) runs a full exchange between two nodes and then scans
the peer's database for every string of the home node's people who did not consent to
sharing: their names, addresses, phone numbers… The scan reads every table's text and JSON
columns in streams (server-side cursors on PostgreSQL, so a large table is never held in
memory) and compares case-insensitively in Python, so that Cyrillic and Kazakh letters fold
as they should (SQLite's LOWER() folds ASCII only) and JSON stored with escaped letters is
read as its text.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from django.db import connections

# Django's names for the column types that hold text (as introspection reports them).
TEXT_TYPES = {"CharField", "TextField", "JSONField", "SlugField", "EmailField", "URLField"}
JSON_TYPES = {"JSONField"}
FETCH = 2000


def _as_text(value: Any, is_json: bool) -> str:
    """A value as the text a person would read: JSON with its letters unescaped."""
    if value is None:
        return ""
    if isinstance(value, bytes | memoryview):
        value = bytes(value).decode("utf-8", "replace")
    if not isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if is_json:
        try:
            decoded = json.loads(value)
        except ValueError:
            return value
        return f"{value}\n{json.dumps(decoded, ensure_ascii=False)}"
    return value


def text_columns(*, using: str = "default") -> dict[str, tuple[str | None, list[tuple[str, bool]]]]:
    """Every table's primary key column and its text columns (name, holds JSON)."""
    connection = connections[using]
    introspection = connection.introspection
    found: dict[str, tuple[str | None, list[tuple[str, bool]]]] = {}
    with connection.cursor() as cursor:
        for table in sorted(introspection.table_names(cursor)):
            columns = []
            for column in introspection.get_table_description(cursor, table):
                try:
                    kind = introspection.get_field_type(column.type_code, column)
                except KeyError:
                    continue
                if kind in TEXT_TYPES:
                    columns.append((column.name, kind in JSON_TYPES))
            if columns:
                found[table] = (introspection.get_primary_key_column(cursor, table), columns)
    return found


def scan_for(strings: Iterable[str], *, using: str = "default") -> list[tuple[str, str, Any]]:
    """Every (table, column, primary key) whose value holds one of `strings`, compared
    case-insensitively; empty strings are ignored."""
    needles = sorted({text.casefold() for text in strings if text and text.strip()})
    if not needles:
        return []
    connection = connections[using]
    quote = connection.ops.quote_name
    hits: list[tuple[str, str, Any]] = []
    for table, (pk, columns) in text_columns(using=using).items():
        selected = [quote(pk) if pk else "NULL", *(quote(name) for name, _json in columns)]
        sql = f"SELECT {', '.join(selected)} FROM {quote(table)}"  # noqa: S608
        with connection.chunked_cursor() as cursor:
            cursor.execute(sql)
            while rows := cursor.fetchmany(FETCH):
                for row in rows:
                    for (name, is_json), value in zip(columns, row[1:], strict=True):
                        text = _as_text(value, is_json).casefold()
                        if text and any(needle in text for needle in needles):
                            hits.append((table, name, row[0]))
    return hits
