"""The development runner: runs what is due by each job's period and its JobRun row."""

from __future__ import annotations

import os
import signal
import threading
from datetime import timedelta
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone

from council.ops.jobs import JOBS
from council.ops.models import JobRun

pytestmark = pytest.mark.django_db


def test_once_runs_only_the_jobs_that_are_due(capsys: Any) -> None:
    now = timezone.now()
    long_ago = now - timedelta(days=2)
    JobRun.objects.bulk_create(
        [JobRun(name=job.name, last_started_at=now - timedelta(seconds=30)) for job in JOBS]
    )
    # Due: started one period and a minute ago. Not due: started half a minute ago (less than
    # the shortest period), or its lease is held by a run elsewhere however long ago it last
    # started.
    JobRun.objects.filter(name="send_shift_reminders").update(
        last_started_at=now - timedelta(minutes=6)
    )
    JobRun.objects.filter(name="close_expired_agreements").update(
        last_started_at=now - timedelta(days=1, minutes=1)
    )
    JobRun.objects.filter(name="remind_forum_holds").delete()  # never run
    JobRun.objects.filter(name="mark_ended_opportunities").update(
        last_started_at=long_ago, lease_until=now + timedelta(minutes=5)
    )

    call_command("run_periodic", "--once")

    ran = set(JobRun.objects.filter(successes=1).values_list("name", flat=True))
    assert ran == {"send_shift_reminders", "close_expired_agreements", "remind_forum_holds"}
    assert JobRun.objects.get(name="mark_ended_opportunities").last_started_at == long_ago
    out = capsys.readouterr().out
    assert "send_shift_reminders succeeded: count 0" in out
    assert "mark_ended_opportunities" not in out


def test_sigterm_stops_it_while_it_waits() -> None:
    now = timezone.now()
    JobRun.objects.bulk_create([JobRun(name=job.name, last_started_at=now) for job in JOBS])
    timer = threading.Timer(0.5, os.kill, (os.getpid(), signal.SIGTERM))
    timer.start()
    started = timezone.now()
    call_command("run_periodic")
    timer.join()
    assert timezone.now() - started < timedelta(seconds=10)
    assert not JobRun.objects.filter(successes__gt=0).exists()
    assert signal.getsignal(signal.SIGTERM) == signal.SIG_DFL
