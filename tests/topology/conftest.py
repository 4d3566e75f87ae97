"""The topology suite (`make pytest-topology`): the app with DATABASE_URL through PgBouncer
(DATABASE_POOLER=pgbouncer) and REPLICA_DATABASE_URL at the streaming replica that
scripts/topology.py starts. Without them the tests are skipped; under CI=true they fail."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from typing import Any

import psycopg
import pytest
from django.conf import settings
from django.db import connections

from council.conftest import (  # noqa: F401 (fixtures of the app's suites)
    _api_unthrottled,
    _fast_and_english,
    astana,
    kazakhstan,
    kz_network,
    org,
    russia,
    secretariat,
    volunteer,
)
from council.forums.tests.conftest import forum, open_quota  # noqa: F401
from council.lib import replica

SCRIPT = settings.BASE_DIR / "scripts" / "topology.py"


def _unavailable(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"topology: {reason}", pytrace=False)
    pytest.skip(reason)


def pgbouncer_admin() -> psycopg.Connection:
    """PgBouncer's admin console, at the address the app connects to."""
    default = settings.DATABASES["default"]
    return psycopg.connect(
        host=default["HOST"],
        port=int(default["PORT"]),
        user=default["USER"],
        dbname="pgbouncer",
        autocommit=True,
        connect_timeout=5,
    )


def topology(*command: str) -> None:
    """Run scripts/topology.py (`stop-replica`, `up`)."""
    result = subprocess.run(  # noqa: S603 (this interpreter, the repository's own script)
        [sys.executable, str(SCRIPT), *command], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.fixture(scope="session")
def _topology(request: pytest.FixtureRequest, django_db_blocker: Any) -> Iterator[None]:
    if replica.REPLICA not in settings.DATABASES:
        _unavailable("REPLICA_DATABASE_URL is not set (make pytest-topology)")
    if settings.DATABASE_POOLER != "pgbouncer":
        _unavailable("DATABASE_URL does not point at PgBouncer (DATABASE_POOLER=pgbouncer)")
    request.getfixturevalue("django_db_setup")  # the test database, once they are there
    try:
        with pgbouncer_admin() as admin:
            admin.execute("SHOW VERSION")
        with django_db_blocker.unblock(), connections[replica.REPLICA].cursor() as cursor:
            cursor.execute("SELECT pg_is_in_recovery()")
            assert cursor.fetchone() == (True,), "the replica is not a standby"
    except psycopg.OperationalError as error:
        _unavailable(f"PgBouncer or the replica is unreachable: {error}")
    yield
    # PgBouncer keeps server connections to the test database open between transactions;
    # they go before the test run drops it.
    name = settings.DATABASES["default"]["NAME"]
    connections.close_all()
    with pgbouncer_admin() as admin:
        admin.execute(f"KILL {name}")
        admin.execute(f"RESUME {name}")


@pytest.fixture(autouse=True)
def _measure_every_request(_topology: None, settings: Any) -> Iterator[None]:
    """Each request measures the replica afresh, and stays off a replica left paused."""
    settings.REPLICA_CHECK_SECONDS = 0
    replica.replica_forget()
    yield
    replica.replica_forget()


def wait_for_replay(timeout: float = 20) -> None:
    """Until the replica has replayed everything the primary has written so far."""
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT pg_current_wal_lsn()::text")
        (lsn,) = cursor.fetchone()
    deadline = time.monotonic() + timeout
    while True:
        with connections[replica.REPLICA].cursor() as cursor:
            cursor.execute("SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", [lsn])
            if cursor.fetchone() == (True,):
                return
        assert time.monotonic() < deadline, f"the replica has not replayed {lsn}"
        time.sleep(0.05)
