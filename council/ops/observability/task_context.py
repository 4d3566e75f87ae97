"""The request id follows a request into the background tasks it enqueues.

django-tasks-db stores a task as a DBTaskResult row whose `args_kwargs` JSON holds
{"args": …, "kwargs": …}; the library reads those two keys only. When a row is first saved
(Django's pre_save, the hook django-tasks-db itself uses to fill `run_after`), the enqueuing
request's id is written beside them under "context", with the attempt number a retry gives
(council.ops.task_services); no extra query. The worker (`db_worker`) sends django-tasks'
`task_started` signal with a result that carries its row: the log context is set from it for
the task's time, and `task_finished` puts the worker's own back. The immediate backend (tests,
development) runs the task inside the request, whose context simply goes on."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from contextvars import ContextVar, Token
from typing import Any

from django.db.models.signals import pre_save
from django.dispatch import receiver
from django_tasks.signals import log_task_started, task_finished, task_started
from django_tasks_db.models import DBTaskResult

from council.ops.observability import context

CONTEXT_KEY = "context"
# What the next enqueue adds to the stored context ({"attempt": 2} for a retry).
_extra: ContextVar[dict[str, Any] | None] = ContextVar("council_enqueue_extra", default=None)
# The log context each running task replaced, by task id, to put back when it finishes.
_replaced: dict[str, Token[context.LogContext]] = {}


@contextlib.contextmanager
def enqueued_with(**extra: Any) -> Iterator[None]:
    """Tasks enqueued inside the block store `extra` in their context too."""
    token = _extra.set(extra)
    try:
        yield
    finally:
        _extra.reset(token)


def stored_context(row: DBTaskResult) -> dict[str, Any]:
    """What `remember_request` stored on a task's row ({} for a row without it)."""
    stored = row.args_kwargs.get(CONTEXT_KEY) if isinstance(row.args_kwargs, dict) else None
    return stored if isinstance(stored, dict) else {}


@receiver(pre_save, sender=DBTaskResult, dispatch_uid="council_task_request_id")
def remember_request(sender: Any, instance: DBTaskResult, **kwargs: Any) -> None:
    if not instance._state.adding or not isinstance(instance.args_kwargs, dict):
        return
    stored = {"request_id": context.request_id(), **(_extra.get() or {})}
    stored = {key: value for key, value in stored.items() if value is not None}
    if stored:
        instance.args_kwargs = {**instance.args_kwargs, CONTEXT_KEY: stored}


@receiver(task_started, dispatch_uid="council_task_started")
def enter_task_context(sender: Any, task_result: Any, **kwargs: Any) -> None:
    row = getattr(task_result, "db_result", None)
    running = context.current.get()
    request_id = running.request_id
    if isinstance(row, DBTaskResult):
        # In the worker: the enqueuing request's id, or none for a task that no request
        # enqueued (a periodic job's); the worker's previous task must not lend its own.
        request_id = stored_context(row).get("request_id")
    _replaced[str(task_result.id)] = context.current.set(
        context.LogContext(
            request_id=request_id,
            path=running.path,
            task_id=str(task_result.id),
            request=running.request,
        )
    )


@receiver(task_finished, dispatch_uid="council_task_finished")
def leave_task_context(sender: Any, task_result: Any, **kwargs: Any) -> None:
    token = _replaced.pop(str(task_result.id), None)
    if token is not None:
        with contextlib.suppress(ValueError, RuntimeError):  # another context, or put back
            context.current.reset(token)


# django-tasks logs "Task … state=RUNNING" from its own task_started receiver, connected when
# it was imported, before ours: moved behind ours, that line carries the task's context too.
# (Its task_finished line already comes before ours puts the worker's context back.)
task_started.disconnect(log_task_started)
task_started.connect(log_task_started)
