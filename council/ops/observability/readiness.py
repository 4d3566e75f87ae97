"""What /readyz asks before a load balancer sends this process requests: the database answers,
the cache keeps a value, the task queue's table can be read, and no migration is waiting.

Each check answers None when it passes, else a short reason (an exception's class, never its
message, which may name hosts): the endpoint is for anyone who can reach it. The full error
goes to the log."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable

from django.core.cache import caches
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.migrations.executor import MigrationExecutor
from django_tasks import task_backends
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger(__name__)
CACHE_KEY = "council:readyz"
# Set once the migrations were found applied: they do not become unapplied while the process
# runs (a deployment migrates before it starts new processes), and the check loads every
# migration module, too slow to repeat at every probe.
_migrations_applied = False


def _failed(name: str, error: BaseException) -> str:
    logger.warning("readiness: %s failed", name, exc_info=error)
    return type(error).__name__


def check_database(database: BaseDatabaseWrapper | None = None) -> str | None:
    """The default database (or `database`) answers a query."""
    try:
        with (database or connections[DEFAULT_DB_ALIAS]).cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:
        return _failed("database", error)
    return None


def check_cache(alias: str = "default") -> str | None:
    value = uuid.uuid4().hex
    try:
        cache = caches[alias]
        cache.set(CACHE_KEY, value, timeout=30)
        if cache.get(CACHE_KEY) != value:
            return "not kept"
    except Exception as error:
        return _failed("cache", error)
    return None


def check_tasks(alias: str = "default") -> str | None:
    """The database backend's table answers a read; another backend only has to load."""
    try:
        backend = task_backends[alias]
        if isinstance(backend, DatabaseBackend):
            DBTaskResult.objects.order_by().values_list("pk").first()
    except Exception as error:
        return _failed("tasks", error)
    return None


def check_migrations(alias: str = DEFAULT_DB_ALIAS) -> str | None:
    global _migrations_applied
    if _migrations_applied:
        return None
    try:
        executor = MigrationExecutor(connections[alias])
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except Exception as error:
        return _failed("migrations", error)
    if plan:
        return f"{len(plan)} unapplied"
    _migrations_applied = True
    return None


def forget_migrations() -> None:
    """Ask the database again at the next check (tests)."""
    global _migrations_applied
    _migrations_applied = False


CHECKS: dict[str, Callable[[], str | None]] = {
    "database": check_database,
    "cache": check_cache,
    "tasks": check_tasks,
    "migrations": check_migrations,
}


def readiness() -> dict[str, str]:
    """Each check's answer: "ok" or what failed."""
    return {name: check() or "ok" for name, check in CHECKS.items()}
