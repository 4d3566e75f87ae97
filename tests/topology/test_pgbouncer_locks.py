"""Row locks through PgBouncer in transaction pooling mode: the last-seat race, the forum
registration rush, and tasks run by two database-backend workers at once."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from django.conf import settings
from django.db import transaction
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from council.accounts.mail import mail_send
from council.conftest import make_user
from council.forums.tests.test_registration_rush import rush_over_http
from council.orgs.models import Organisation
from council.projects.tests.test_application_race import THREADS, rush_for_the_last_seats
from tests.topology.conftest import pgbouncer_admin

pytestmark = [pytest.mark.topology, pytest.mark.django_db(transaction=True)]


def server_connections() -> tuple[str, int]:
    """The pool mode of the test database's pool and the server connections it holds."""
    name = settings.DATABASES["default"]["NAME"]
    with pgbouncer_admin() as admin:
        cursor = admin.execute("SHOW POOLS")
        columns = [column.name for column in cursor.description or ()]
        pools = [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]
    pool = next(pool for pool in pools if pool["database"] == name)
    held = sum(int(value) for key, value in pool.items() if key.startswith("sv_"))
    return pool["pool_mode"], held


def test_the_last_seat_race_through_pgbouncer(org: Organisation) -> None:
    rush_for_the_last_seats(org)  # capacity never exceeded, withdrawals promote in order
    mode, held = server_connections()
    assert mode == "transaction"
    # A hundred volunteers at once, served by PgBouncer's pool of server connections.
    assert held <= 25 < THREADS


def test_the_forum_registration_rush_through_pgbouncer(
    forum: Any, open_quota: Any, kazakhstan: Any
) -> None:
    rush_over_http(forum, open_quota, kazakhstan)
    assert server_connections()[0] == "transaction"


def test_two_database_workers_run_each_task_once_through_pgbouncer(
    org: Organisation, settings: Any
) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    people = [make_user(f"worker{n:02}@example.org") for n in range(12)]
    for person in people:
        with transaction.atomic():
            mail_send(to=person.email, template="orgs/mail/verified", context={"organisation": org})
    assert DBTaskResult.objects.filter(status=TaskResultStatus.READY).count() == len(people)

    default = settings.DATABASES["default"]
    environment = {
        **os.environ,
        "DATABASE_URL": (
            f"postgres://{default['USER']}@{default['HOST']}:{default['PORT']}/{default['NAME']}"
        ),
        "DATABASE_POOLER": "pgbouncer",
        "REPLICA_DATABASE_URL": "",
        "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
        "EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend",
    }
    command = [sys.executable, str(settings.BASE_DIR / "manage.py"), "db_worker", "--batch"]
    command += ["--no-startup-delay"]

    def work(_number: int) -> str:
        result = subprocess.run(  # noqa: S603 (this interpreter, the repository's manage.py)
            command, env=environment, capture_output=True, text=True, check=False, timeout=120
        )
        assert result.returncode == 0, result.stderr
        return result.stdout

    with ThreadPoolExecutor(max_workers=2) as pool:
        outputs = list(pool.map(work, range(2)))
    # Each mail went out once, from one of the two workers.
    sent = Counter(re.findall(r"^To: (\S+)$", "".join(outputs), flags=re.MULTILINE))
    assert sent == Counter(person.email for person in people)
    results = DBTaskResult.objects.all()
    assert {result.status for result in results} == {TaskResultStatus.SUCCESSFUL}
    assert all(len(result.worker_ids) == 1 for result in results)
