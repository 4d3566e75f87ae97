"""Every log line names its request: the id a trusted proxy sent or one of our own, the
signed-in user and the path; the response returns the id."""

from __future__ import annotations

import logging
import re
from typing import Any

from django.test import Client

from council.accounts.models import User
from council.ops.tests.conftest import JsonLines

NGINX_ID = "0123456789abcdef0123456789abcdef"


def test_the_id_a_trusted_proxy_sends_is_kept_and_returned(db: Any, json_log: JsonLines) -> None:
    response = Client(REMOTE_ADDR="127.0.0.1").get("/healthz", HTTP_X_REQUEST_ID=NGINX_ID)
    assert response["X-Request-ID"] == NGINX_ID
    (line,) = json_log.saying("GET /healthz 200")
    assert line["request_id"] == NGINX_ID
    assert line["path"] == "/healthz"
    assert line["logger"] == "council.ops.observability.middleware"
    assert line["level"] == "INFO"
    assert line["status"] == 200
    assert line["duration_ms"] >= 0
    assert line["user_id"] is None
    assert "timestamp" in line


def test_an_id_from_anyone_else_is_replaced(db: Any, settings: Any, json_log: JsonLines) -> None:
    settings.TRUSTED_PROXIES = ["10.0.0.1"]
    response = Client(REMOTE_ADDR="127.0.0.1").get("/healthz", HTTP_X_REQUEST_ID=NGINX_ID)
    made = response["X-Request-ID"]
    assert made != NGINX_ID and re.fullmatch(r"[0-9a-f]{32}", made)
    assert json_log.saying("GET /healthz")[0]["request_id"] == made


def test_an_id_that_is_not_an_id_is_replaced(db: Any) -> None:
    client = Client(REMOTE_ADDR="127.0.0.1")
    for given in ("x" * 65, "a b", "<script>", ""):
        made = client.get("/healthz", HTTP_X_REQUEST_ID=given)["X-Request-ID"]
        assert re.fullmatch(r"[0-9a-f]{32}", made), given
    first, second = (client.get("/healthz")["X-Request-ID"] for _ in range(2))
    assert first != second


def test_lines_of_a_signed_in_request_name_the_user(secretariat: User, json_log: JsonLines) -> None:
    client = Client(REMOTE_ADDR="127.0.0.1")
    client.force_login(secretariat)
    response = client.get("/ops/tasks/", HTTP_X_REQUEST_ID=NGINX_ID)
    assert response.status_code == 200
    (line,) = json_log.saying("GET /ops/tasks/ 200")
    assert line["user_id"] == secretariat.pk
    assert line["request_id"] == NGINX_ID


def test_a_line_outside_any_request_has_the_fields_empty(json_log: JsonLines) -> None:
    logging.getLogger("council.somewhere").warning("nothing to do with a request")
    (line,) = json_log.saying("nothing to do with a request")
    assert line["request_id"] is None and line["path"] is None and line["task_id"] is None


def test_a_warning_from_django_inside_the_request_carries_its_id(
    db: Any, json_log: JsonLines
) -> None:
    Client(REMOTE_ADDR="127.0.0.1").get("/no-such-page/", HTTP_X_REQUEST_ID=NGINX_ID)
    (line,) = [line for line in json_log.all() if line["logger"] == "django.request"]
    assert "Not Found" in line["message"]
    assert line["request_id"] == NGINX_ID and line["path"] == "/no-such-page/"


def test_a_secret_in_the_url_is_logged_as_its_route(db: Any, json_log: JsonLines) -> None:
    # A calendar feed's token (or an invitation's, or a reset key) would open the link for
    # anyone who reads the logs: the request line names the route instead.
    token = "a-calendar-feed-token-nobody-may-read"
    Client().get(f"/calendar/{token}.ics")
    lines = [line for line in json_log.all() if line["logger"].endswith("middleware")]
    assert [line["message"] for line in lines] == ["GET /calendar/<str:token>.ics 404"]
    assert lines[0]["path"] == "/calendar/<str:token>.ics"
    # Django's own "Not Found" line too.
    (django_line,) = [line for line in json_log.all() if line["logger"] == "django.request"]
    assert django_line["message"] == "Not Found: /calendar/<str:token>.ics"
    assert token not in json_log.stream.getvalue()


def test_a_path_with_numbers_only_is_logged_as_it_is(db: Any, json_log: JsonLines) -> None:
    Client().get("/opportunities/999999/")
    (line,) = [line for line in json_log.all() if line["logger"].endswith("middleware")]
    assert line["path"] == "/opportunities/999999/"
