"""One run of a registered job: the lease, the JobRun row, the log line, run_job's exit."""

from __future__ import annotations

import logging
import os
import signal
from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone

from council.ops.models import JobRun
from council.ops.services import job_run
from council.projects.management.commands import send_shift_reminders
from council.projects.models import Shift

pytestmark = pytest.mark.django_db


def fail() -> int:
    raise RuntimeError("the mail server refused the connection")


def test_a_run_records_its_success_and_count(
    tomorrow: Shift, django_capture_on_commit_callbacks: Any, capsys: Any
) -> None:
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("run_job", "send_shift_reminders")
    assert "send_shift_reminders succeeded: count 1" in capsys.readouterr().out
    assert [message.to for message in mail.outbox] == [["reminded@example.org"]]
    run = JobRun.objects.get(name="send_shift_reminders")
    assert (run.successes, run.failures, run.last_count, run.lease_until) == (1, 0, 1, None)
    assert run.last_started_at is not None and run.last_succeeded_at is not None
    assert run.last_started_at <= run.last_succeeded_at
    assert run.last_duration_ms is not None and run.last_duration_ms >= 0

    with django_capture_on_commit_callbacks(execute=True):
        call_command("run_job", "send_shift_reminders")
    run.refresh_from_db()
    assert (run.successes, run.last_count) == (2, 0)
    assert len(mail.outbox) == 1


def test_a_failing_job_is_recorded_logged_and_exits_non_zero(monkeypatch: Any, caplog: Any) -> None:
    monkeypatch.setattr(send_shift_reminders.Command, "job", staticmethod(fail))
    with pytest.raises(CommandError, match="the mail server refused the connection"):
        call_command("run_job", "send_shift_reminders")
    run = JobRun.objects.get(name="send_shift_reminders")
    assert (run.successes, run.failures, run.last_count, run.lease_until) == (0, 1, None, None)
    assert run.last_failed_at is not None and run.last_succeeded_at is None
    assert run.last_error == "RuntimeError: the mail server refused the connection"
    (record,) = [r for r in caplog.records if r.name == "council.jobs"]
    assert record.levelno == logging.ERROR
    assert (record.job, record.outcome, record.count) == ("send_shift_reminders", "failed", None)
    assert record.exc_info is not None and "refused" in str(record.exc_info[1])


def test_the_log_line_carries_the_job_its_count_and_outcome(
    tomorrow: Shift, caplog: Any, django_capture_on_commit_callbacks: Any
) -> None:
    caplog.set_level(logging.INFO, logger="council.jobs")
    with django_capture_on_commit_callbacks(execute=True):
        job_run(name="send_shift_reminders")
    (record,) = [r for r in caplog.records if r.name == "council.jobs"]
    assert (record.job, record.count, record.outcome) == ("send_shift_reminders", 1, "succeeded")
    assert isinstance(record.duration_ms, int)
    assert record.getMessage().startswith("job send_shift_reminders succeeded (count 1")


def test_a_run_holding_the_lease_makes_another_skip(tomorrow: Shift, caplog: Any) -> None:
    caplog.set_level(logging.INFO, logger="council.jobs")
    held = timezone.now() + timedelta(minutes=10)
    JobRun.objects.create(name="send_shift_reminders", lease_until=held)
    mail.outbox.clear()
    outcome = job_run(name="send_shift_reminders")
    assert (outcome.outcome, outcome.count) == ("skipped", None)
    assert mail.outbox == []
    run = JobRun.objects.get(name="send_shift_reminders")
    assert (run.lease_until, run.last_started_at, run.successes) == (held, None, 0)
    (record,) = [r for r in caplog.records if r.name == "council.jobs"]
    assert (record.job, record.outcome, record.count) == ("send_shift_reminders", "skipped", None)


def test_an_expired_lease_is_taken_over(
    tomorrow: Shift, django_capture_on_commit_callbacks: Any
) -> None:
    # A run that died 31 minutes ago without releasing its 30-minute lease.
    JobRun.objects.create(
        name="send_shift_reminders", lease_until=timezone.now() - timedelta(minutes=1)
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        outcome = job_run(name="send_shift_reminders")
    assert (outcome.outcome, outcome.count) == ("succeeded", 1)
    assert len(mail.outbox) == 1
    run = JobRun.objects.get(name="send_shift_reminders")
    assert (run.successes, run.lease_until) == (1, None)


def test_an_unknown_job_is_refused_with_the_list_of_jobs() -> None:
    with pytest.raises(CommandError) as error:
        call_command("run_job", "send_reminders")
    assert "'send_reminders' is not a periodic job" in str(error.value)
    assert "remind_forum_holds, retention_sweep, send_shift_reminders." in str(error.value)
    assert not JobRun.objects.exists()


def test_a_command_of_another_library_runs_without_a_count(settings: Any) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    outcome = job_run(name="prune_db_task_results")
    assert (outcome.outcome, outcome.count) == ("succeeded", None)
    run = JobRun.objects.get(name="prune_db_task_results")
    assert (run.successes, run.last_count) == (1, None)


def test_sigterm_during_a_run_frees_the_job_at_once(monkeypatch: Any) -> None:
    def stopped_by_systemd() -> int:
        os.kill(os.getpid(), signal.SIGTERM)
        return 0

    monkeypatch.setattr(send_shift_reminders.Command, "job", staticmethod(stopped_by_systemd))
    with pytest.raises(SystemExit) as stop:
        call_command("run_job", "send_shift_reminders")
    assert stop.value.code == 128 + signal.SIGTERM
    run = JobRun.objects.get(name="send_shift_reminders")
    assert (run.lease_until, run.successes, run.failures) == (None, 0, 0)
    assert run.last_started_at is not None
    assert signal.getsignal(signal.SIGTERM) == signal.SIG_DFL
