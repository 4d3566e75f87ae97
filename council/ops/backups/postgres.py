"""The PostgreSQL side of backups: the connection of a Django database as libpq parameters
and PG* environment variables (a password never goes on a command line, where `ps` shows it
to every user of the machine), the row count of every table, and their comparison."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import dj_database_url
import psycopg
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from psycopg import sql
from psycopg.conninfo import make_conninfo

SQLITE_REFUSAL = (
    "Backups are made of the PostgreSQL database, and this one is SQLite ({name}). In "
    "development, copy it with SQLite's online backup, which is safe while the server runs — "
    "python -c \"import sqlite3; sqlite3.connect('{name}').backup("
    "sqlite3.connect('council-backup.sqlite3'))\" — and copy the private files and the media "
    "folder beside it (docs/backups.md)."
)

# The libpq settings a Django PostgreSQL database may carry in OPTIONS, by environment variable.
_OPTION_VARIABLES = {
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
    "sslcrl": "PGSSLCRL",
    "connect_timeout": "PGCONNECT_TIMEOUT",
    "options": "PGOPTIONS",
    "application_name": "PGAPPNAME",
    "target_session_attrs": "PGTARGETSESSIONATTRS",
}


class BackupError(Exception):
    """A backup, restore or drill step that failed, with a message for the operator."""


def backup_database() -> dict[str, Any]:
    """The Django settings of the database the backup reads: BACKUP_DATABASE_URL when set
    (PostgreSQL itself, behind PgBouncer), else the default database."""
    url = getattr(settings, "BACKUP_DATABASE_URL", "")
    if url:
        return dict(dj_database_url.parse(url))
    return dict(connections[DEFAULT_DB_ALIAS].settings_dict)


def require_postgresql(database: Mapping[str, Any]) -> None:
    engine = str(database.get("ENGINE", ""))
    if engine.endswith("sqlite3"):
        raise BackupError(SQLITE_REFUSAL.format(name=database.get("NAME")))
    if not engine.endswith("postgresql"):
        raise BackupError(f"Backups support PostgreSQL only, not {engine}.")


def pg_environment(database: Mapping[str, Any], *, name: str | None = None) -> dict[str, str]:
    """PG* variables for pg_dump, pg_restore and psql to reach `database` (or another database
    `name` on the same server)."""
    require_postgresql(database)
    values = {
        "PGDATABASE": name or database.get("NAME") or "",
        "PGHOST": database.get("HOST") or "",
        "PGPORT": str(database.get("PORT") or ""),
        "PGUSER": database.get("USER") or "",
        "PGPASSWORD": database.get("PASSWORD") or "",
    }
    for option, variable in _OPTION_VARIABLES.items():
        value = (database.get("OPTIONS") or {}).get(option)
        if value not in (None, ""):
            values[variable] = str(value)
    return {key: str(value) for key, value in values.items() if value}


def connect(
    database: Mapping[str, Any], *, name: str | None = None, autocommit: bool = False
) -> psycopg.Connection[Any]:
    """A psycopg connection of its own (not Django's), to `database` or to `name` beside it."""
    environment = pg_environment(database, name=name)
    parameters = {
        "dbname": environment.get("PGDATABASE"),
        "host": environment.get("PGHOST"),
        "port": environment.get("PGPORT"),
        "user": environment.get("PGUSER"),
        "password": environment.get("PGPASSWORD"),
    }
    for option, variable in _OPTION_VARIABLES.items():
        if variable in environment:
            parameters[option] = environment[variable]
    conninfo = make_conninfo("", **{key: value for key, value in parameters.items() if value})
    return psycopg.connect(conninfo, autocommit=autocommit)


_TABLES = """
    select n.nspname, c.relname
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where c.relkind in ('r', 'p') and n.nspname !~ '^pg_' and n.nspname <> 'information_schema'
    order by n.nspname, c.relname
"""


def table_row_counts(connection: psycopg.Connection[Any]) -> dict[str, int]:
    """The exact row count of every table of the database, by name (schema-qualified outside
    `public`), in the snapshot of the connection's transaction."""
    counts: dict[str, int] = {}
    with connection.cursor() as cursor:
        tables = cursor.execute(_TABLES).fetchall()
        for schema, table in tables:
            (count,) = cursor.execute(
                sql.SQL("select count(*) from {}").format(sql.Identifier(schema, table))
            ).fetchone() or (0,)
            counts[table if schema == "public" else f"{schema}.{table}"] = int(count)
    return counts


@dataclass(frozen=True)
class TableCount:
    table: str
    expected: int | None  # None: the table is missing on that side
    actual: int | None

    @property
    def matches(self) -> bool:
        return self.expected == self.actual


def compare_row_counts(expected: Mapping[str, int], actual: Mapping[str, int]) -> list[TableCount]:
    """Every table of either side with both counts, in name order."""
    return [
        TableCount(table, expected.get(table), actual.get(table))
        for table in sorted(set(expected) | set(actual))
    ]


def format_comparison(rows: list[TableCount], *, left: str, right: str) -> list[str]:
    """The comparison as lines of a table: name, both counts, and a mark on each difference."""
    width = max([len("table"), *(len(row.table) for row in rows)])

    def count(value: int | None) -> str:
        return "missing" if value is None else f"{value:,}"

    lines = [f"{'table':<{width}}  {left:>12}  {right:>12}"]
    for row in rows:
        mark = "" if row.matches else "  << differs"
        lines.append(
            f"{row.table:<{width}}  {count(row.expected):>12}  {count(row.actual):>12}{mark}"
        )
    return lines
