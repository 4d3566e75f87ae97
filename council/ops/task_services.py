"""The secretariat retries a failed background task."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django_tasks import TaskResultStatus
from django_tasks.base import Task
from django_tasks_db.models import DBTaskResult

from council.accounts.models import User
from council.audit.services import record
from council.ops.observability.task_context import enqueued_with, stored_context
from council.ops.task_selectors import failed_task


def failed_task_retry(*, actor: User, task: DBTaskResult[Any, Any]) -> str:
    """Enqueue the failed `task` again, with the same arguments, priority, queue and backend,
    to run now; return the new task's id.

    The failed row is deleted in the transaction that enqueues its successor (the database
    backend writes that one in the same database): the retry is audited with everything the
    page showed of the row (task, arguments, error, attempts), and a second retry of the same
    row finds nothing to retry. The row is locked first, so two retries at once cannot both
    go through. The successor stores its attempt number, shown if it fails again."""
    with transaction.atomic():
        row = (
            DBTaskResult.objects.select_for_update()
            .filter(pk=task.pk, status=TaskResultStatus.FAILED)
            .first()
        )
        if row is None:
            raise ValidationError(_("This task has been retried already."))
        shown = failed_task(row)
        try:
            callable_task = import_string(row.task_path)
        except ImportError:
            callable_task = None
        if not isinstance(callable_task, Task):
            raise ValidationError(_("This task no longer exists in the code: it cannot be run."))
        args: list[Any] = row.args_kwargs.get("args", [])
        kwargs: dict[str, Any] = row.args_kwargs.get("kwargs", {})
        again = callable_task.using(
            priority=row.priority, queue_name=row.queue_name, backend=row.backend_name
        )
        with enqueued_with(attempt=shown.attempts + 1):
            result = again.enqueue(*args, **kwargs)
        record(
            actor=actor,
            action="task.retried",
            target=row,
            data={
                "task": row.task_path,
                "args": args,
                "kwargs": kwargs,
                "error": shown.error,
                "failed_at": row.finished_at.isoformat() if row.finished_at else None,
                "attempts": shown.attempts,
                "request_id": stored_context(row).get("request_id"),
                "retried_as": str(result.id),
            },
        )
        row.delete()
    return str(result.id)
