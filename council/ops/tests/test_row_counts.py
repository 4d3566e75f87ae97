"""The drill's comparison of row counts, on real PostgreSQL databases: a backup restored into a
new database counts the same, and two databases that differ are reported table by table."""

from __future__ import annotations

import io
import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection
from psycopg import sql

from council.conftest import make_user
from council.ops.backups import (
    backup_check,
    backup_restore_database,
    backups_list,
    compare_row_counts,
    format_comparison,
    table_row_counts,
)
from council.ops.backups.postgres import connect


@pytest.fixture
def server(transactional_db: Any) -> dict[str, Any]:
    if connection.vendor != "postgresql":
        pytest.skip("the drill compares PostgreSQL databases")
    return dict(connection.settings_dict)


@pytest.fixture
def new_database(server: dict[str, Any]) -> Iterator[Any]:
    """Makes empty databases on the test server and drops them at the end."""
    names: list[str] = []

    def make() -> str:
        name = f"drill_test_{secrets.token_hex(4)}"
        with connect(server, name="postgres", autocommit=True) as admin:
            admin.execute(sql.SQL("create database {}").format(sql.Identifier(name)))
        names.append(name)
        return name

    yield make
    with connect(server, name="postgres", autocommit=True) as admin:
        for name in names:
            admin.execute(
                sql.SQL("drop database if exists {} with (force)").format(sql.Identifier(name))
            )


def fill(server: dict[str, Any], name: str, statements: list[str]) -> dict[str, int]:
    with connect(server, name=name) as database:
        for statement in statements:
            database.execute(statement)  # type: ignore[arg-type]
        database.commit()
        return table_row_counts(database)


def test_it_reports_each_table_that_differs(server: dict[str, Any], new_database: Any) -> None:
    source = fill(
        server,
        new_database(),
        [
            "create table volunteer (id int)",
            "insert into volunteer values (1), (2), (3)",
            "create table shift (id int)",
            "insert into shift values (1)",
            "create schema archive",
            "create table archive.entry (id int)",
        ],
    )
    restored = fill(
        server,
        new_database(),
        [
            "create table volunteer (id int)",
            "insert into volunteer values (1), (2)",
            "create table shift (id int)",
            "insert into shift values (1)",
        ],
    )

    rows = compare_row_counts(source, restored)

    assert [(row.table, row.expected, row.actual, row.matches) for row in rows] == [
        ("archive.entry", 0, None, False),
        ("shift", 1, 1, True),
        ("volunteer", 3, 2, False),
    ]
    lines = format_comparison(rows, left="source", right="restored")
    assert lines[0].split() == ["table", "source", "restored"]
    assert lines[1].split() == ["archive.entry", "0", "missing", "<<", "differs"]
    assert lines[2].split() == ["shift", "1", "1"]
    assert lines[3].split() == ["volunteer", "3", "2", "<<", "differs"]


def test_a_backup_restores_into_a_new_database_with_the_same_counts(
    server: dict[str, Any], new_database: Any, settings: Any, tmp_path: Path, kazakhstan: Any
) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    make_user("restored@example.org", kazakhstan)
    call_command("backup", dest=tmp_path / "backups", keep=1, stdout=io.StringIO())
    (backup,) = backups_list(dest=tmp_path / "backups")
    manifest = backup_check(backup=backup)
    name = new_database()

    backup_restore_database(backup=backup, database=server, name=name)

    with connect(server, name=name) as restored:
        counts = table_row_counts(restored)
    assert all(row.matches for row in compare_row_counts(manifest["tables"], counts))
    assert counts["accounts_user"] >= 1
