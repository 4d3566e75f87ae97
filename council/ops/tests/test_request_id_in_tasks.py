"""The request id follows a request into the tasks it enqueues: a line the task logs while it
runs carries it, with the immediate backend (inside the request) and with the database backend
run by a real worker, after the request has ended."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import Any
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from council.ops.tests.conftest import DATABASE_TASKS, JsonLines

pytestmark = pytest.mark.urls("council.ops.tests.enqueue_urls")
NGINX_ID = "feedfacefeedfacefeedfacefeedface"


def enqueue(name: str, text: str) -> str:
    response = Client(REMOTE_ADDR="127.0.0.1").get(
        f"/enqueue/{name}/", {"text": text}, HTTP_X_REQUEST_ID=NGINX_ID
    )
    assert response.status_code == 200
    return response.content.decode()


def run_worker() -> None:
    """The worker of `db_worker --batch`, in this process. It closes connections that are not
    in autocommit between tasks: the tests that run it commit (transactional_db)."""
    Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    ).run()


def test_with_the_immediate_backend_the_task_logs_within_the_request(
    db: Any, json_log: JsonLines
) -> None:
    task_id = enqueue("say", "hello")
    (line,) = json_log.saying("the task says hello")
    assert line["request_id"] == NGINX_ID
    assert line["task_id"] == task_id
    assert line["path"] == "/enqueue/<str:name>/"  # the route: a text parameter may be a secret
    # After the task, the request's own lines are the request's again.
    assert json_log.saying("GET /enqueue/<str:name>/ 200")[0]["task_id"] is None


def test_the_database_backend_stores_the_id_and_the_worker_logs_with_it(
    transactional_db: Any, settings: Any, json_log: JsonLines
) -> None:
    settings.TASKS = DATABASE_TASKS
    task_id = enqueue("say", "from the queue")
    row = DBTaskResult.objects.get(pk=task_id)
    assert row.args_kwargs["context"] == {"request_id": NGINX_ID}
    assert row.task_result.kwargs == {"text": "from the queue"}  # the library's view is intact
    assert json_log.saying("the task says") == []
    run_worker()
    (line,) = json_log.saying("the task says from the queue")
    assert line["request_id"] == NGINX_ID and line["task_id"] == task_id
    # django-tasks' own lines about the task carry it too, its start and its end.
    states = {
        line["message"].rsplit("=", 1)[1]: line["request_id"]
        for line in json_log.all()
        if line["logger"] == "django_tasks" and task_id in line["message"]
    }
    assert states == {"RUNNING": NGINX_ID, "SUCCESSFUL": NGINX_ID}
    # The worker's lines after the task are not the request's.
    after = json_log.all()[-1]
    assert after["logger"] == "django_tasks_db" and after["request_id"] is None


def test_a_failing_task_s_error_line_carries_the_id(
    transactional_db: Any, settings: Any, json_log: JsonLines
) -> None:
    settings.TASKS = DATABASE_TASKS
    task_id = enqueue("fail", "badly")
    run_worker()
    (line,) = [
        line
        for line in json_log.all()
        if "state=FAILED" in line["message"] and task_id in line["message"]
    ]
    assert line["level"] == "ERROR" and line["request_id"] == NGINX_ID
    assert "RuntimeError: it went wrong: badly" in line["exc_info"]


def test_a_task_no_request_enqueued_runs_without_an_id(
    transactional_db: Any, settings: Any, json_log: JsonLines
) -> None:
    from council.ops.tests.worker_tasks import say

    settings.TASKS = DATABASE_TASKS
    enqueue("say", "first")
    say.enqueue(text="from a periodic job")
    assert (
        "context"
        not in DBTaskResult.objects.get(args_kwargs__kwargs__text="from a periodic job").args_kwargs
    )
    run_worker()
    (line,) = json_log.saying("the task says from a periodic job")
    assert line["request_id"] is None and line["task_id"]


@pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"),
    reason="the worker process needs a database it can share: PostgreSQL",
)
def test_a_db_worker_process_logs_the_task_with_the_request_id(
    transactional_db: Any, settings: Any
) -> None:
    settings.TASKS = DATABASE_TASKS
    task_id = enqueue("say", "in another process")
    db = connection.settings_dict
    password = f":{quote(db['PASSWORD'])}" if db.get("PASSWORD") else ""
    host = f"{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
    url = f"postgres://{quote(db['USER'])}{password}@{host}/{db['NAME']}"
    environment = {
        **os.environ,
        "DATABASE_URL": url,
        "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
        "LOG_FORMAT": "json",
        "LOG_LEVEL": "INFO",
    }
    finished = subprocess.run(
        [sys.executable, "manage.py", "db_worker", "--batch", "--no-startup-delay"],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    lines = [json.loads(line) for line in finished.stderr.splitlines() if line.startswith("{")]
    (line,) = [line for line in lines if line["message"] == "the task says in another process"]
    assert line["request_id"] == NGINX_ID and line["task_id"] == task_id
    assert DBTaskResult.objects.get(pk=task_id).status == "SUCCESSFUL"
