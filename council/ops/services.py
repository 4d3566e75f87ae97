"""Running the periodic jobs of the registry (council.ops.jobs): never two runs of one job at
once, each run recorded in the job's JobRun row and logged as one line of `council.jobs`."""

from __future__ import annotations

import logging
import time
import traceback
from dataclasses import dataclass
from datetime import datetime

from django.core.management import call_command, get_commands, load_command_class
from django.core.management.base import BaseCommand
from django.db.models import Case, DateTimeField, F, Q, Value, When
from django.utils import timezone

from council.lib.commands import JobCommand
from council.ops.jobs import JOBS, JOBS_BY_NAME, Job
from council.ops.models import JobRun

logger = logging.getLogger("council.jobs")

SUCCEEDED = "succeeded"
FAILED = "failed"
SKIPPED = "skipped"


class UnknownJob(LookupError):
    """A name that is not in the registry."""

    def __init__(self, name: str) -> None:
        super().__init__(
            f"{name!r} is not a periodic job. The jobs are: {', '.join(sorted(JOBS_BY_NAME))}."
        )


@dataclass(frozen=True)
class JobOutcome:
    """What one call of `job_run` did. `count` is what the job says it did (None when it was
    skipped, failed, or is a command that does not say)."""

    name: str
    outcome: str
    count: int | None = None
    duration_ms: int | None = None
    error: str = ""


def job_run(*, name: str) -> JobOutcome:
    """Run the registered job `name` unless another run of it holds its lease (then skip it),
    and record the run in its JobRun row. A failure is recorded and logged with its traceback,
    not raised."""
    job = JOBS_BY_NAME.get(name)
    if job is None:
        raise UnknownJob(name)
    JobRun.objects.bulk_create([JobRun(name=name)], ignore_conflicts=True)
    started = timezone.now()
    lease_until = started + job.lease
    # Compare and set in one UPDATE, with no session state (no advisory lock), so it holds on
    # SQLite, on PostgreSQL and through PgBouncer in transaction mode: of two runs at once the
    # database lets only one change the row.
    taken = JobRun.objects.filter(
        Q(lease_until__isnull=True) | Q(lease_until__lte=started), name=name
    ).update(lease_until=lease_until, last_started_at=started)
    if not taken:
        return _logged(JobOutcome(name, SKIPPED))
    clock = time.monotonic()
    try:
        count = _call(name)
    except Exception as error:
        outcome = JobOutcome(
            name,
            FAILED,
            duration_ms=_ms_since(clock),
            error="".join(traceback.format_exception_only(error)).strip(),
        )
        _logged(outcome, exc_info=True)
        _record(outcome, lease_until=lease_until)
        return outcome
    except BaseException:  # interrupted (SIGTERM in run_job, Ctrl-C): free the job at once
        _release(name=name, lease_until=lease_until)
        raise
    outcome = JobOutcome(name, SUCCEEDED, count=count, duration_ms=_ms_since(clock))
    _record(outcome, lease_until=lease_until)
    return _logged(outcome)


def jobs_due(*, now: datetime) -> tuple[list[Job], datetime]:
    """The jobs due at `now`, in the registry's order, and when the next of the others falls
    due. A job is due `every` after its last start; one whose lease another run holds is due
    when that lease runs out at the latest."""
    runs = {run.name: run for run in JobRun.objects.filter(name__in=JOBS_BY_NAME)}
    due: list[Job] = []
    next_at = now + max(job.every for job in JOBS)
    for job in JOBS:
        run = runs.get(job.name)
        at = now
        if run is not None and run.last_started_at is not None:
            at = run.last_started_at + job.every
        if run is not None and run.lease_until is not None:
            at = max(at, run.lease_until)
        if at <= now:
            due.append(job)
        else:
            next_at = min(next_at, at)
    return due, next_at


def _call(name: str) -> int | None:
    """Run the job's command: the job itself when the command is a `job_command` (which
    returns its count), otherwise the whole command."""
    app_name = get_commands()[name]
    command = app_name if isinstance(app_name, BaseCommand) else load_command_class(app_name, name)
    if isinstance(command, JobCommand):
        return type(command).job()
    call_command(command)
    return None


def _record(outcome: JobOutcome, *, lease_until: datetime) -> None:
    """Write the run's outcome and release its lease, unless the lease ran out and another run
    took it meanwhile."""
    now = timezone.now()
    fields: dict[str, object] = {
        "last_count": outcome.count,
        "last_duration_ms": outcome.duration_ms,
        "lease_until": Case(
            When(lease_until=lease_until, then=Value(None)),
            default=F("lease_until"),
            output_field=DateTimeField(),
        ),
    }
    if outcome.outcome == SUCCEEDED:
        fields |= {"last_succeeded_at": now, "successes": F("successes") + 1}
    else:
        fields |= {
            "last_failed_at": now,
            "last_error": outcome.error,
            "failures": F("failures") + 1,
        }
    JobRun.objects.filter(name=outcome.name).update(**fields)


def _release(*, name: str, lease_until: datetime) -> None:
    JobRun.objects.filter(name=name, lease_until=lease_until).update(lease_until=None)


def _logged(outcome: JobOutcome, *, exc_info: bool = False) -> JobOutcome:
    """Log the run as one line with its job, count, duration and outcome as fields."""
    logger.log(
        logging.ERROR if outcome.outcome == FAILED else logging.INFO,
        "job %s %s (count %s, %s ms)",
        outcome.name,
        outcome.outcome,
        outcome.count,
        outcome.duration_ms,
        exc_info=exc_info,
        extra={
            "job": outcome.name,
            "count": outcome.count,
            "duration_ms": outcome.duration_ms,
            "outcome": outcome.outcome,
        },
    )
    return outcome


def _ms_since(clock: float) -> int:
    return round((time.monotonic() - clock) * 1000)
