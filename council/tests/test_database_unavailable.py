"""While the database cannot be reached, pages and the API answer 503 with Retry-After (never
Django's bare 500); after a database restart, the first request on a kept connection works."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import psycopg
import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.db import connection
from django.test import Client, RequestFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def unreachable(missing: Path) -> Iterator[None]:
    """The connection points where no database answers: a closed port (PostgreSQL), a file in
    a folder that does not exist (SQLite)."""
    saved = dict(connection.settings_dict)
    kept = None
    if connection.vendor == "postgresql":
        connection.close()
        connection.settings_dict.update(HOST="127.0.0.1", PORT=str(_closed_port()))
    else:
        # The test database lives in memory as long as its connection: kept aside, not closed.
        kept, connection.connection = connection.connection, None
        connection.settings_dict["NAME"] = str(missing / "council.sqlite3")
    try:
        yield
    finally:
        if kept is None:
            connection.close()
        else:
            connection.connection = kept
        connection.settings_dict.update(saved)


@pytest.fixture
def database_down(transactional_db: Any, tmp_path: Path) -> Iterator[None]:
    with unreachable(tmp_path / "missing"):
        yield


@pytest.mark.parametrize(
    ("language", "heading"),
    [
        ("ru", "Сайт временно недоступен"),
        ("kk", "Сайт уақытша қолжетімсіз"),
        ("en", "Briefly unavailable"),
    ],
)
def test_a_page_is_a_503_in_the_layout(database_down: None, language: str, heading: str) -> None:
    client = Client(raise_request_exception=False, headers={"Accept-Language": language})
    response = client.get("/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    page = response.content.decode()
    assert f"<h1>{heading}</h1>" in page
    assert f'<html lang="{language}">' in page
    assert 'class="site-header"' in page and 'class="site-footer"' in page


def test_a_signed_in_persons_page_is_a_503_too(volunteer: Any, tmp_path: Path) -> None:
    client = Client(raise_request_exception=False)
    client.force_login(volunteer)  # the session is read from the database on the next request
    with unreachable(tmp_path / "missing"):
        response = client.get("/orgs/mine/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "Briefly unavailable" in response.content.decode()


def test_the_api_answers_a_503_problem(database_down: None) -> None:
    client = Client(raise_request_exception=False)
    response = client.get("/api/v1/reference/countries", headers={"Accept-Language": "ru"})
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert problem["status"] == 503
    assert problem["title"] == "Сервис недоступен"


def _serve(path: str) -> int:
    """One request through Django's WSGI handler, as gunicorn's worker sends it: with the
    request_started and request_finished signals that manage the kept connections (the test
    client leaves those out)."""
    statuses: list[str] = []
    environ = RequestFactory().get(path).environ
    response = WSGIHandler()(environ, lambda status, headers: statuses.append(status))
    response.close()
    return int(statuses[0].split()[0])


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's server restarts")
def test_the_first_request_after_a_database_restart_works(transactional_db: Any) -> None:
    assert connection.settings_dict["CONN_MAX_AGE"] > 0  # connections are kept between requests
    assert _serve("/") == 200
    backend_pid = connection.connection.info.backend_pid
    params = connection.get_connection_params()
    with psycopg.connect(**{**params, "autocommit": True}) as other:
        other.execute("SELECT pg_terminate_backend(%s)", [backend_pid])
    # The kept connection is dead, as after a restart: the next request finds that out and
    # connects again instead of failing.
    assert _serve("/") == 200
    assert connection.connection.info.backend_pid != backend_pid
