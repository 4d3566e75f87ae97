"""The replica router with a real streaming replica: search and the dashboards read from the
replica; a person who wrote reads from the primary for a while; the primary answers when the
replica lags beyond the bound or is gone."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import psycopg
import pytest
from django.conf import settings
from django.db import connections
from django.http import HttpResponse
from django.test import Client
from django.test.utils import CaptureQueriesContext

from council.accounts.models import User
from council.lib import replica
from council.orgs.models import Organisation
from council.projects.tests.conftest import adult, make_opportunity, make_project
from tests.topology.conftest import topology, wait_for_replay

pytestmark = [
    pytest.mark.topology,
    pytest.mark.django_db(transaction=True, databases=["default", "replica"]),
]


def search(
    client: Client, *, replica_too: bool = True
) -> tuple[HttpResponse, list[str], list[str]]:
    """The search page, with the statements that the primary and the replica ran for it."""
    copy = None
    with CaptureQueriesContext(connections["default"]) as primary:
        if replica_too:
            with CaptureQueriesContext(connections[replica.REPLICA]) as copy:
                response = client.get("/search/")
        else:
            response = client.get("/search/")
    return (
        response,
        [q["sql"] for q in primary.captured_queries],
        [q["sql"] for q in copy.captured_queries] if copy else [],
    )


def reads_opportunities(statements: list[str]) -> bool:
    return any('"projects_opportunity"' in sql for sql in statements)


def search_on_the_replica(client: Client, timeout: float = 30) -> HttpResponse:
    """The search page once the router sends it to the replica. The primary this runs against
    may be busy with other work: a long transaction there makes the replica look late (the age
    of the last transaction it replayed) until that transaction commits, and the router then
    rightly stays on the primary; each request measures again."""
    deadline = time.monotonic() + timeout
    while True:
        response, primary, copy = search(client)
        if reads_opportunities(copy) and not reads_opportunities(primary):
            return response
        assert time.monotonic() < deadline, "the replica never served the page"
        time.sleep(0.5)


@contextmanager
def replay_paused() -> Iterator[None]:
    """The replica receives the primary's WAL but does not apply it."""
    dsn = settings.DATABASES[replica.REPLICA]
    with psycopg.connect(
        host=dsn["HOST"],
        port=int(dsn["PORT"]),
        user=dsn["USER"],
        dbname="postgres",
        autocommit=True,
    ) as conn:
        conn.execute("SELECT pg_wal_replay_pause()")
        try:
            yield
        finally:
            conn.execute("SELECT pg_wal_replay_resume()")


def test_search_reads_from_the_replica(client: Client, org: Organisation) -> None:
    make_opportunity(make_project(org), title_en="Tree planting in the park")
    wait_for_replay()
    response = search_on_the_replica(client)
    assert response.status_code == 200
    assert "Tree planting in the park" in response.content.decode()
    with connections[replica.REPLICA].cursor() as cursor:
        cursor.execute("SELECT pg_is_in_recovery()")
        assert cursor.fetchone() == (True,)


def test_the_council_dashboard_reads_from_the_replica(client: Client, secretariat: User) -> None:
    client.force_login(secretariat)
    wait_for_replay()
    deadline = time.monotonic() + 30
    while True:
        with (
            CaptureQueriesContext(connections["default"]) as primary,
            CaptureQueriesContext(connections[replica.REPLICA]) as copy,
        ):
            response = client.get("/reports/")
        assert response.status_code == 200
        # The primary reads the session and the person (before the switch) and the WAL
        # position of the lag measure; the dashboard's figures come from the replica.
        if any('"hours_' in q["sql"] for q in copy.captured_queries):
            break
        assert time.monotonic() < deadline, "the replica never served the dashboard"
        time.sleep(0.5)
    assert not any('"hours_' in q["sql"] for q in primary.captured_queries)
    assert len(copy.captured_queries) >= 5


def test_a_person_who_wrote_reads_from_the_primary_for_a_while(
    client: Client, volunteer: User, org: Organisation, settings: Any
) -> None:
    settings.REPLICA_STICKY_SECONDS = 2
    opportunity = make_opportunity(make_project(org))
    adult(volunteer)
    client.force_login(volunteer)
    wait_for_replay()
    search_on_the_replica(client)

    applied = client.post(
        f"/opportunities/{opportunity.pk}/apply/", {"shift": opportunity.shifts.get().pk}
    )
    assert applied.status_code == 302
    assert replica.COOKIE in applied.cookies
    response, primary, copy = search(client)
    assert response.status_code == 200
    assert reads_opportunities(primary) and not reads_opportunities(copy)

    time.sleep(2.1)
    wait_for_replay()
    search_on_the_replica(client)


def test_reads_go_to_the_primary_while_the_replica_lags(
    client: Client, org: Organisation, settings: Any
) -> None:
    project = make_project(org)
    make_opportunity(project, title_en="Food bank sorting")
    wait_for_replay()
    with replay_paused():
        make_opportunity(project, title_en="Night shelter")
        # Within a generous bound the replica still serves, and shows what it has replayed.
        settings.REPLICA_MAX_LAG_SECONDS = 3600
        response, _primary, copy = search(client)
        page = response.content.decode()
        assert "Food bank sorting" in page and "Night shelter" not in page
        assert reads_opportunities(copy)
        # Beyond the bound the primary answers, with the new opportunity.
        settings.REPLICA_MAX_LAG_SECONDS = 1
        time.sleep(1.5)
        response, primary, copy = search(client)
        assert "Night shelter" in response.content.decode()
        assert reads_opportunities(primary) and not reads_opportunities(copy)
    settings.REPLICA_MAX_LAG_SECONDS = 5
    wait_for_replay()
    assert "Night shelter" in search_on_the_replica(client).content.decode()


def test_the_page_answers_from_the_primary_when_the_replica_goes_away(
    client: Client, org: Organisation, settings: Any
) -> None:
    make_opportunity(make_project(org), title_en="River clean-up")
    wait_for_replay()
    search_on_the_replica(client)
    # The process measured the replica a moment ago and will not again for an hour: the
    # next page sends its reads to a replica that is no longer there.
    settings.REPLICA_CHECK_SECONDS = 3600
    topology("stop-replica")
    try:
        response, primary, _copy = search(client, replica_too=False)
        assert response.status_code == 200
        assert "River clean-up" in response.content.decode()
        assert reads_opportunities(primary)
        # The failure made the process measure again: the replica is left alone.
        assert not replica.replica_usable()
        response, primary, _copy = search(client, replica_too=False)
        assert response.status_code == 200
        assert reads_opportunities(primary)
    finally:
        topology("up")
    settings.REPLICA_CHECK_SECONDS = 0
    wait_for_replay()
    assert "River clean-up" in search_on_the_replica(client).content.decode()
