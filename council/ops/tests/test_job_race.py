"""Runs of one job at the same time, on PostgreSQL with real threads and connections."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from django.core import mail
from django.db import connection, connections

from council.ops.models import JobRun
from council.ops.services import JobOutcome, job_run
from council.ops.tests.conftest import shift_tomorrow
from council.projects.management.commands import send_shift_reminders

THREADS = 8


@pytest.fixture
def postgres_only(transactional_db: Any) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("runs at the same time are tested on PostgreSQL")


def test_of_runs_at_once_one_runs_and_the_others_skip(
    postgres_only: None, org: Any, kazakhstan: Any, monkeypatch: Any
) -> None:
    shift_tomorrow(org, kazakhstan)
    mail.outbox.clear()
    barrier = threading.Barrier(THREADS)
    outcomes: list[JobOutcome] = []
    errors: list[BaseException] = []
    others_returned = threading.Event()
    reminders = send_shift_reminders.Command.job

    def held_until_the_others_return() -> int:
        # The run that holds the lease keeps it until every other run has tried and returned;
        # were the lease not exclusive, the runs holding it would wait here for 10 s and the
        # outcomes below would show more than one success.
        count = reminders()
        others_returned.wait(timeout=10)
        return count

    monkeypatch.setattr(
        send_shift_reminders.Command, "job", staticmethod(held_until_the_others_return)
    )

    def run(_: int) -> None:
        try:
            barrier.wait()
            outcomes.append(job_run(name="send_shift_reminders"))
            if len(outcomes) == THREADS - 1:
                others_returned.set()
        except BaseException as error:
            errors.append(error)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        list(pool.map(run, range(THREADS)))

    assert errors == []
    assert sorted(outcome.outcome for outcome in outcomes) == ["skipped"] * 7 + ["succeeded"]
    assert [outcome.count for outcome in outcomes if outcome.outcome == "succeeded"] == [1]
    assert [message.to for message in mail.outbox] == [["reminded@example.org"]]
    row = JobRun.objects.get(name="send_shift_reminders")
    assert (row.successes, row.failures, row.last_count, row.lease_until) == (1, 0, 1, None)
