"""Registration under real concurrency on PostgreSQL: a rush of clients over HTTP never fills
a quota past its seats, and two expiry runs at once move a hold on exactly once."""

from __future__ import annotations

import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from datetime import timedelta
from typing import Any

import pytest
from django.conf import settings
from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler
from django.core.wsgi import get_wsgi_application
from django.db import connection, connections
from django.test import Client
from django.utils import timezone

from council.conftest import make_user
from council.forums.models import Registration, RegistrationStatus
from council.forums.services import holds_expire, registration_cancel, registration_create

CLIENTS = 60
SEATS = 20


@pytest.fixture
def postgres_only(transactional_db: Any) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("row locks under real concurrency are tested on PostgreSQL")


def test_two_expiry_runs_at_once_move_a_hold_on_exactly_once(
    postgres_only: None, forum: Any, open_quota: Any, kazakhstan: Any
) -> None:
    people = [make_user(f"hold{n}@example.org", kazakhstan) for n in range(5)]
    registrations = [registration_create(person=person, forum=forum) for person in people]
    registration_cancel(actor=people[0], registration=registrations[0])
    later = timezone.now() + timedelta(hours=49)
    barrier = threading.Barrier(2)
    results: list[int] = []

    def run() -> None:
        try:
            barrier.wait()
            results.append(holds_expire(now=later))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [0, 1]
    states = list(
        Registration.objects.order_by("created_at", "pk").values_list("status", flat=True)
    )
    assert states == ["cancelled", "confirmed", "expired", "offered", "waitlisted"]


class _RushServer(ThreadedWSGIServer):
    # Django's development server queues 10 connections; a rush opens them all at once.
    request_queue_size = 256


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def _server() -> Iterator[str]:
    server = _RushServer(("127.0.0.1", 0), _QuietHandler, allow_reuse_address=False)
    server.set_app(get_wsgi_application())
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_a_rush_over_http_fills_the_quota_exactly(
    postgres_only: None, forum: Any, open_quota: Any, kazakhstan: Any
) -> None:
    rush_over_http(forum, open_quota, kazakhstan)


def rush_over_http(forum: Any, open_quota: Any, kazakhstan: Any) -> None:
    """60 signed-in people post the registration form at once for 20 seats: each lands on the
    forum's page, 20 confirmed and 40 waitlisted. (Also run through PgBouncer: tests/topology.)"""
    open_quota.size = SEATS
    open_quota.save(update_fields=["size"])
    sessions = []
    for number in range(CLIENTS):
        person = make_user(f"rush{number:03}@example.org", kazakhstan)
        client = Client()
        client.force_login(person)
        sessions.append(client.cookies[settings.SESSION_COOKIE_NAME].value)
    barrier = threading.Barrier(CLIENTS)
    token = "t" * 32  # Django's CSRF check: the same token in the cookie and the form

    def post(origin: str, session: str) -> tuple[int, str]:
        request = urllib.request.Request(  # noqa: S310 (our own test server)
            f"{origin}/forums/{forum.pk}/register/",
            data=f"csrfmiddlewaretoken={token}".encode(),
            headers={
                "Cookie": f"{settings.SESSION_COOKIE_NAME}={session}; csrftoken={token}",
                "Content-Type": "application/x-www-form-urlencoded",
            },
            method="POST",
        )
        barrier.wait()
        opener = urllib.request.build_opener(urllib.request.HTTPRedirectHandler())
        try:
            with opener.open(request, timeout=60) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()
        finally:
            connections.close_all()

    with _server() as origin, ThreadPoolExecutor(max_workers=CLIENTS) as pool:
        answers = list(pool.map(lambda session: post(origin, session), sessions))
    codes = sorted({code for code, _body in answers})
    assert codes == [200], codes
    bodies = [body for _code, body in answers]
    # Each client lands on the forum's page, which shows where their registration stands.
    assert sum('class="badge confirmed"' in body for body in bodies) == SEATS
    assert sum('class="badge waitlisted"' in body for body in bodies) == CLIENTS - SEATS
    counts = {
        status: Registration.objects.filter(forum=forum, status=status).count()
        for status in (RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED)
    }
    assert counts == {"confirmed": SEATS, "waitlisted": CLIENTS - SEATS}
