"""The request a log line belongs to, kept in a context variable.

The request id middleware (council.ops.observability.middleware) sets it for the time of a
request; a task started by the worker sets it from the row it runs (council.ops.observability.
tasks); `LogContextFilter`, on every handler, writes it on each record."""

from __future__ import annotations

import logging
import re
import uuid
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

# What an X-Request-ID from the proxy may hold: nginx's $request_id is 32 hex digits; other
# proxies write UUIDs. Anything else (or a longer value) is replaced by an id of our own.
REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,64}$")


@dataclass(frozen=True)
class LogContext:
    request_id: str | None = None
    path: str | None = None
    task_id: str | None = None
    # The request itself, to name its user once authentication has found them.
    request: HttpRequest | None = field(default=None, repr=False, compare=False)


# A frozen dataclass: the shared default cannot be changed in place.
current: ContextVar[LogContext] = ContextVar("council_log_context", default=LogContext())  # noqa: B039


def new_request_id() -> str:
    """An id in nginx's $request_id shape (32 hex digits)."""
    return uuid.uuid4().hex


def valid_request_id(value: str | None) -> bool:
    return bool(value) and REQUEST_ID.match(value or "") is not None


def request_id() -> str | None:
    return current.get().request_id


def _user_id(request: HttpRequest | None) -> Any:
    """The signed-in user's id, once authentication has looked them up: the lazy `request.user`
    caches the user in `_cached_user` (django.contrib.auth.middleware); a log line never makes
    the session query itself (it may be written from inside another query's logging)."""
    if request is None:
        return None
    user = request.__dict__.get("_cached_user")
    if user is None:
        user = request.__dict__.get("user")
        # type(), not isinstance(): the lazy object answers isinstance by evaluating itself.
        if type(user) is SimpleLazyObject:
            return None
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return getattr(user, "pk", None)


class LogContextFilter(logging.Filter):
    """Puts request_id, user_id, path and task_id on every record (None outside a request or
    a task), so that the formatters can always name them."""

    def filter(self, record: logging.LogRecord) -> bool:
        context = current.get()
        record.request_id = context.request_id
        record.user_id = _user_id(context.request)
        record.path = context.path
        record.task_id = context.task_id
        _mask_request(record, context.path)
        return True


def _mask_request(record: logging.LogRecord, path: str | None) -> None:
    """Django's own lines about a response ("Not Found: /path", django.request) name the raw
    path and carry the request, whose repr names it too: both give way to the path as the
    request's context logs it (a route in place of a URL with a secret in it)."""
    request = getattr(record, "request", None)
    if not isinstance(request, HttpRequest) or path is None or path == request.path:
        return
    if isinstance(record.args, tuple):
        record.args = tuple(path if arg == request.path else arg for arg in record.args)
    record.request = f"<{request.method} {path}>"
