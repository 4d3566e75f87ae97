"""Tests of data migrations: rows written with the models of an earlier state, then the
database migrated forward."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def migrate_to_latest() -> None:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


@contextmanager
def models_before(
    targets: Sequence[tuple[str, str | None]],
    state: Sequence[tuple[str, str | None]] | None = None,
) -> Iterator[Any]:
    """The database migrated back to `targets`, and the models (apps) of `state` (the targets'
    unless given); afterwards the rest of the suite runs on the latest state, whatever
    happened inside."""
    executor = MigrationExecutor(connection)
    try:
        executor.migrate(targets)
        yield executor.loader.project_state(state or targets).apps
    finally:
        migrate_to_latest()
