"""Reads from the PostgreSQL streaming replica, for the views that declare them.

The settings add a "replica" database when REPLICA_DATABASE_URL is set, with `ReplicaRouter`
and `ReplicaMiddleware`. Then a view decorated with `@replica_reads` (dashboards, reports,
search, the open statistics) reads from the replica when all of these hold:

- the request is a safe one (GET, HEAD, OPTIONS);
- the person has not written in the last REPLICA_STICKY_SECONDS (read-your-writes: any
  non-safe request, or a write through a service in any request, sets a signed cookie "primary
  until", and their reads stay on the primary until then);
- the replica answers and is no more than REPLICA_MAX_LAG_SECONDS behind the primary (measured
  at most every REPLICA_CHECK_SECONDS per process);
- the read is not inside a transaction on the primary.

Everything else reads and writes on the primary, and migrations run only there. A write during
a replica-read request sends the rest of that request's reads to the primary too. When the
replica fails during a view that has only read so far (it went away, or cancelled a query in
a conflict with recovery), the view is run again on the primary: a read-only run can be
repeated, and the page answers instead of failing.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass
from functools import wraps
from typing import Any, ParamSpec, TypeVar

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, InterfaceError, OperationalError, connections
from django.http import HttpRequest
from django.http.response import HttpResponseBase

REPLICA = "replica"
COOKIE = "council_primary_until"
_SALT = "council.lib.replica"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


@dataclass
class _Reads:
    """Where this request reads, and whether it wrote."""

    replica: bool = False
    wrote: bool = False


_reads: ContextVar[_Reads | None] = ContextVar("council_replica_reads", default=None)


def replica_configured() -> bool:
    return REPLICA in settings.DATABASES


# --- The replica's state, per process -------------------------------------------------------


@dataclass
class _Status:
    checked_at: float = float("-inf")
    usable: bool = False
    lag: float | None = None


_status = _Status()
_checking = threading.Lock()


def replica_lag() -> float | None:
    """Seconds the replica's replay is behind the primary: 0 when it has replayed all the WAL
    the primary had written when asked (an idle primary is not "late"), else the age of the
    last transaction it replayed. None when it cannot be reached or is not a standby."""
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute("SELECT pg_current_wal_lsn()::text")
        (primary_lsn,) = cursor.fetchone()
    try:
        with connections[REPLICA].cursor() as cursor:
            cursor.execute(
                "SELECT pg_is_in_recovery(),"
                " pg_wal_lsn_diff(%s::pg_lsn, pg_last_wal_replay_lsn()),"
                " extract(epoch FROM clock_timestamp() - pg_last_xact_replay_timestamp())",
                [primary_lsn],
            )
            recovering, behind, since_replay = cursor.fetchone()
    except DatabaseError:
        connections[REPLICA].close()
        return None
    if not recovering:
        return None  # promoted, or pointed at a primary: not a copy of ours
    if behind is not None and behind <= 0:
        return 0.0
    return float("inf") if since_replay is None else max(float(since_replay), 0.0)


def replica_usable() -> bool:
    """Whether reads may go to the replica now: it answers and its lag is within bounds.
    Measured at most every REPLICA_CHECK_SECONDS per process; while one thread measures,
    the others use the last answer."""
    if not replica_configured():
        return False
    now = time.monotonic()
    if now - _status.checked_at < settings.REPLICA_CHECK_SECONDS:
        return _status.usable
    if not _checking.acquire(blocking=False):
        return _status.usable
    try:
        lag = replica_lag()
        _status.lag = lag
        _status.usable = lag is not None and lag <= settings.REPLICA_MAX_LAG_SECONDS
        _status.checked_at = time.monotonic()
    finally:
        _checking.release()
    return _status.usable


def replica_forget() -> None:
    """Measure the replica again at the next request (after it failed, say)."""
    _status.checked_at = float("-inf")


# --- Read-your-writes -----------------------------------------------------------------------


def primary_until(request: HttpRequest) -> float:
    """Until when (a Unix time) this person's reads stay on the primary; 0 when they need not."""
    value = request.get_signed_cookie(COOKIE, default=None, salt=_SALT)
    try:
        return float(value) if value else 0.0
    except ValueError:
        return 0.0


def _mark_sticky(response: HttpResponseBase) -> None:
    seconds = settings.REPLICA_STICKY_SECONDS
    response.set_signed_cookie(
        COOKIE,
        str(time.time() + seconds),
        salt=_SALT,
        max_age=seconds,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


class ReplicaMiddleware:
    """Keeps the per-request routing state and sets the "primary until" cookie after a
    request that wrote or could have written."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        reads = _Reads()
        token = _reads.set(reads)
        try:
            response = self.get_response(request)
        finally:
            _reads.reset(token)
        if reads.wrote or request.method not in SAFE_METHODS:
            _mark_sticky(response)
        return response


# --- The view decorator ---------------------------------------------------------------------

P = ParamSpec("P")
R = TypeVar("R", bound=HttpResponseBase)


def _may_read_from_replica(request: HttpRequest) -> bool:
    if request.method not in SAFE_METHODS or not replica_configured():
        return False
    if primary_until(request) > time.time():
        return False
    if connections[DEFAULT_DB_ALIAS].in_atomic_block:
        return False
    return replica_usable()


def replica_reads(view: Callable[P, R]) -> Callable[P, R]:
    """Serve the view's reads from the replica when that is safe (see the module's text)."""

    @wraps(view)
    def wrapped(*args: P.args, **kwargs: P.kwargs) -> R:
        request = args[0]
        assert isinstance(request, HttpRequest)
        # The session and the person are read from the primary, before the switch: a session
        # made a moment ago may not be on the replica yet.
        user = getattr(request, "user", None)
        if user is not None:
            user.is_authenticated  # noqa: B018 (loads the lazy user)
        if not _may_read_from_replica(request):
            return view(*args, **kwargs)
        reads = _reads.get()
        token = None
        if reads is None:  # without the middleware (a view called directly)
            reads = _Reads()
            token = _reads.set(reads)
        reads.replica = True
        try:
            try:
                return view(*args, **kwargs)
            except (OperationalError, InterfaceError):
                if not reads.replica:
                    raise  # it wrote, then failed: not ours to repeat
                # The replica failed (or the primary, which the second run will show) while
                # the view had only read: run it again on the primary.
                connections[REPLICA].close()
                replica_forget()
                reads.replica = False
                return view(*args, **kwargs)
        finally:
            reads.replica = False
            if token is not None:
                _reads.reset(token)

    return wrapped


# --- The router -----------------------------------------------------------------------------


class ReplicaRouter:
    """Reads of a `@replica_reads` request to the replica, everything else to the primary."""

    def db_for_read(self, model: type[Any], **hints: Any) -> str:
        reads = _reads.get()
        if reads is None or not reads.replica:
            return DEFAULT_DB_ALIAS
        if connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return DEFAULT_DB_ALIAS
        return REPLICA

    def db_for_write(self, model: type[Any], **hints: Any) -> str:
        reads = _reads.get()
        if reads is not None:
            # Read-your-writes, in this request and (through the cookie) the next ones.
            reads.wrote = True
            reads.replica = False
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool:
        return True  # the same rows in both databases

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool:
        return db == DEFAULT_DB_ALIAS
