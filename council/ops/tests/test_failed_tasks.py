"""The secretariat's page of failed tasks and periodic jobs, and the retry: the same task with
the same arguments queued again, audited, the failed row gone so it cannot be retried twice."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from council.accounts.models import User
from council.audit.models import AuditEvent
from council.ops.models import JobRun
from council.ops.tests.conftest import DATABASE_TASKS
from council.ops.tests.test_request_id_in_tasks import NGINX_ID, run_worker

pytestmark = pytest.mark.urls("council.ops.tests.enqueue_urls_and_site")


def failed_task(text: str) -> str:
    """A task that a request enqueued and the worker ran, and that failed."""
    response = Client(REMOTE_ADDR="127.0.0.1").get(
        "/enqueue/fail/", {"text": text}, HTTP_X_REQUEST_ID=NGINX_ID
    )
    run_worker()
    return response.content.decode()


def as_user(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_secretariat_sees_failed_tasks_and_the_jobs(
    transactional_db: Any, settings: Any, secretariat: User
) -> None:
    settings.TASKS = DATABASE_TASKS
    task_id = failed_task("the printer is on fire")
    JobRun.objects.create(
        name="expire_forum_holds",
        last_started_at=timezone.now(),
        last_succeeded_at=timezone.now() - timedelta(hours=1),
        last_failed_at=timezone.now(),
        failures=3,
        last_error="Traceback…\nValueError: no holds table",
    )
    page = as_user(secretariat).get("/ops/tasks/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Background tasks" in text
    assert "fail</code>" in text
    assert "RuntimeError: it went wrong: the printer is on fire" in text
    assert NGINX_ID in text
    assert f"/ops/tasks/{task_id}/retry/" in text
    assert "expire_forum_holds" in text and "ValueError: no holds table" in text
    assert "Not run yet." in text  # the other jobs
    assert 'href="/ops/tasks/"' in text  # the link in the secretariat's navigation


def test_a_retry_queues_the_same_task_again_once(
    transactional_db: Any, settings: Any, secretariat: User
) -> None:
    settings.TASKS = DATABASE_TASKS
    task_id = failed_task("once")
    client = as_user(secretariat)
    response = client.post(f"/ops/tasks/{task_id}/retry/", follow=True)
    assert "The task is queued again." in response.content.decode()
    assert not DBTaskResult.objects.filter(pk=task_id).exists()
    again = DBTaskResult.objects.get()
    assert again.status == "READY"
    assert again.task_path == "council.ops.tests.worker_tasks.fail"
    assert again.task_result.kwargs == {"text": "once"}
    assert again.args_kwargs["context"]["attempt"] == 2
    event = AuditEvent.objects.get(action="task.retried")
    assert event.actor == secretariat and event.target_id == task_id
    assert event.data["error"] == "RuntimeError: it went wrong: once"
    assert event.data["retried_as"] == str(again.pk)
    assert event.data["request_id"] == NGINX_ID
    assert event.data["kwargs"] == {"text": "once"}
    # The same row cannot be retried twice.
    assert client.post(f"/ops/tasks/{task_id}/retry/").status_code == 404
    assert DBTaskResult.objects.count() == 1
    # It fails again: the page counts the second attempt.
    run_worker()
    assert ">2</td>" in client.get("/ops/tasks/").content.decode()


def test_nobody_else_sees_or_retries(
    transactional_db: Any, settings: Any, volunteer: User, kz_coordinator: User, org_admin: User
) -> None:
    settings.TASKS = DATABASE_TASKS
    task_id = failed_task("private")
    assert Client().get("/ops/tasks/").status_code == 302
    for person in (volunteer, kz_coordinator, org_admin):
        client = as_user(person)
        assert client.get("/ops/tasks/").status_code == 404
        assert client.post(f"/ops/tasks/{task_id}/retry/").status_code == 404
        assert 'href="/ops/tasks/"' not in client.get("/").content.decode()
    assert DBTaskResult.objects.get(pk=task_id).status == "FAILED"
    assert not AuditEvent.objects.filter(action="task.retried").exists()


def test_the_list_is_paginated_in_a_fixed_number_of_queries(
    db: Any, settings: Any, secretariat: User, django_assert_max_num_queries: Any
) -> None:
    from council.ops.tests.worker_tasks import fail

    settings.TASKS = DATABASE_TASKS
    ids = [fail.enqueue(text=str(number)).id for number in range(60)]
    DBTaskResult.objects.filter(pk__in=ids).update(
        status="FAILED", finished_at=timezone.now(), traceback="Traceback\nKeyError: 'x'"
    )
    client = as_user(secretariat)
    client.get("/ops/tasks/")  # the session and the user, once
    with django_assert_max_num_queries(8):
        first = client.get("/ops/tasks/").content.decode()
    assert first.count("KeyError: &#x27;x&#x27;") == 50
    assert "Page 1 of 2" in first
    assert client.get("/ops/tasks/?page=2").content.decode().count("KeyError") == 10
