"""Reads of the task queue (django-tasks-db's DBTaskResult) and of the periodic jobs' last runs,
for the secretariat's page and the metrics endpoint."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from django.core.paginator import Page, Paginator
from django.db.models import Case, Count, F, Min, Q, QuerySet, When
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult, get_date_max

from council.ops.jobs import JOBS, Job
from council.ops.models import JobRun
from council.ops.observability.task_context import stored_context


@dataclass(frozen=True)
class QueueFigures:
    ready: int
    oldest_ready_at: datetime | None
    failed: int


@dataclass(frozen=True)
class FailedTask:
    id: str
    name: str
    path: str
    finished_at: datetime | None
    attempts: int
    error: str
    request_id: str | None


@dataclass(frozen=True)
class JobLastRun:
    job: Job
    run: JobRun | None


def _ready() -> Q:
    # django-tasks-db's own "ready" (DBTaskResultQuerySet.ready): no run_after, or one passed.
    return Q(status=TaskResultStatus.READY) & (
        Q(run_after=get_date_max()) | Q(run_after__lte=timezone.now())
    )


def queue_figures() -> QueueFigures:
    """One query: the ready tasks, when the oldest of them became ready (enqueued, or its
    run_after for a deferred one), and the failed ones still kept."""
    became_ready = Case(
        When(run_after=get_date_max(), then=F("enqueued_at")), default=F("run_after")
    )
    figures = DBTaskResult.objects.order_by().aggregate(
        ready=Count("pk", filter=_ready()),
        oldest=Min(became_ready, filter=_ready()),
        failed=Count("pk", filter=Q(status=TaskResultStatus.FAILED)),
    )
    return QueueFigures(
        ready=figures["ready"], oldest_ready_at=figures["oldest"], failed=figures["failed"]
    )


def failed_task_rows() -> QuerySet[DBTaskResult[Any, Any]]:
    """The failed tasks, the latest first, without their return values."""
    return (
        DBTaskResult.objects.failed()
        .defer("return_value")
        .order_by(F("finished_at").desc(nulls_last=True), "pk")
    )


def last_line(text: str) -> str:
    """The last line of a traceback that says something: the exception and its message."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[-1] if lines else ""


def failed_task(row: DBTaskResult[Any, Any]) -> FailedTask:
    stored = stored_context(row)
    attempt = stored.get("attempt")
    return FailedTask(
        id=str(row.pk),
        name=row.task_path.rsplit(".", 1)[-1],
        path=row.task_path,
        finished_at=row.finished_at,
        attempts=attempt if isinstance(attempt, int) and attempt > 0 else 1,
        error=last_line(row.traceback) or row.exception_class_path,
        request_id=stored.get("request_id"),
    )


def job_last_runs() -> list[JobLastRun]:
    """Every registered periodic job with its last run (None before its first)."""
    runs = JobRun.objects.in_bulk([job.name for job in JOBS])
    return [JobLastRun(job=job, run=runs.get(job.name)) for job in JOBS]


def failed_tasks_page(*, number: str | None, per_page: int = 50) -> Page[FailedTask]:
    """One page of the failed tasks, each as FailedTask."""
    rows = Paginator(failed_task_rows(), per_page).get_page(number)
    # The page keeps its paginator for its numbers (the pager), not for its objects.
    paginator = cast("Paginator[FailedTask]", rows.paginator)
    return Page([failed_task(row) for row in rows.object_list], rows.number, paginator)
