"""/readyz answers 200 with each check when the database, the cache, the task queue and the
migrations are ready, else 503 naming what failed. Each check is made to fail for real: an
unreachable Redis, a database nobody listens for, the queue's table gone, a migration not
recorded as applied."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any

import pytest
from django.db import connection, transaction
from django.db.utils import load_backend
from django.test import Client

from council.ops.observability import readiness
from council.ops.tests.conftest import DATABASE_TASKS

UNREACHABLE_REDIS = {
    "default": {
        "BACKEND": "council.ops.observability.cache.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
    }
}


class Undo(Exception):
    pass


@pytest.fixture(autouse=True)
def _ask_migrations_again() -> Iterator[None]:
    readiness.forget_migrations()
    yield
    readiness.forget_migrations()


def test_ready_answers_each_check(db: Any, settings: Any) -> None:
    settings.TASKS = DATABASE_TASKS
    response = Client().get("/readyz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "cache": "ok", "tasks": "ok", "migrations": "ok"},
        "failed": [],
    }
    assert response["Cache-Control"].startswith("max-age=0")


def test_an_unreachable_cache_is_a_503_naming_it(db: Any, settings: Any) -> None:
    settings.CACHES = UNREACHABLE_REDIS
    response = Client().get("/readyz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable" and body["failed"] == ["cache"]
    assert body["checks"]["cache"] == "ConnectionError"
    assert body["checks"]["database"] == "ok"


def test_a_database_nobody_answers_fails_its_check(db: Any) -> None:
    broken = copy.deepcopy(connection.settings_dict)
    if connection.vendor == "sqlite":
        broken["NAME"] = "/nonexistent/folder/council.sqlite3"
    else:
        broken.update(PORT="1", OPTIONS={**broken["OPTIONS"], "connect_timeout": 2})
    unreachable = load_backend(broken["ENGINE"]).DatabaseWrapper(broken, "unreachable")
    try:
        assert readiness.check_database(unreachable) == "OperationalError"
        assert readiness.check_database() is None
    finally:
        unreachable.close()


def test_an_unreadable_task_table_fails_the_tasks_check(db: Any, settings: Any) -> None:
    settings.TASKS = DATABASE_TASKS
    with pytest.raises(Undo), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(
                "ALTER TABLE django_tasks_database_dbtaskresult RENAME TO gone_dbtaskresult"
            )
        failed = readiness.check_tasks()
        raise Undo
    assert failed in {"ProgrammingError", "OperationalError"}
    assert readiness.check_tasks() is None


def test_an_unapplied_migration_is_a_503_and_a_pass_is_remembered(db: Any) -> None:
    with pytest.raises(Undo), transaction.atomic():
        with connection.cursor() as cursor:
            # The app's latest migration (an earlier one alone would count as applied).
            cursor.execute(
                "DELETE FROM django_migrations WHERE app = 'ops' AND name = "
                "(SELECT MAX(name) FROM django_migrations WHERE app = 'ops')"
            )
        response = Client().get("/readyz")
        raise Undo
    assert response.status_code == 503
    assert response.json()["checks"]["migrations"] == "1 unapplied"
    assert response.json()["failed"] == ["migrations"]
    assert Client().get("/readyz").status_code == 200
    # Once found applied, the process does not load the migrations again.
    with pytest.raises(Undo), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM django_migrations WHERE app = 'ops'")
        assert readiness.check_migrations() is None
        raise Undo
