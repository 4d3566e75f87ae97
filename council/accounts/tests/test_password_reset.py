from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend

from council.accounts.tests.test_signup import signup_data

pytestmark = pytest.mark.django_db

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
FAILING_BACKEND = "council.accounts.tests.test_password_reset.FailingBackend"


class FailingBackend(BaseEmailBackend):
    """The mail server is down."""

    def send_messages(self, email_messages: Any) -> int:
        raise ConnectionRefusedError("SMTP server unreachable")


def test_it_mails_a_reset_link_in_the_recipients_language(
    client, volunteer, django_capture_on_commit_callbacks
) -> None:
    volunteer.preferred_language = "ru"
    volunteer.save()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/accounts/password/reset/", {"email": volunteer.email}, HTTP_ACCEPT_LANGUAGE="en"
        )
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [volunteer.email]
    assert "/accounts/password/reset/key/" in mail.outbox[0].body
    assert "парол" in mail.outbox[0].body.lower()


def test_the_page_answers_while_the_mail_server_is_down(client, settings, volunteer) -> None:
    from django_tasks_db.models import DBTaskResult

    settings.EMAIL_BACKEND = FAILING_BACKEND
    settings.TASKS = DATABASE_TASKS
    response = client.post("/accounts/password/reset/", {"email": volunteer.email})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/password/reset/done/"
    task = DBTaskResult.objects.get()
    assert task.task_path == "council.accounts.tasks.mail_deliver"
    assert task.args_kwargs["kwargs"]["to"] == volunteer.email
    assert "/accounts/password/reset/key/" in task.args_kwargs["kwargs"]["body"]


def test_a_failing_send_in_development_does_not_break_the_page_either(
    client, settings, volunteer, django_capture_on_commit_callbacks
) -> None:
    settings.EMAIL_BACKEND = FAILING_BACKEND
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/password/reset/", {"email": volunteer.email})
    assert response.status_code == 302
    assert mail.outbox == []


def test_the_address_verification_mail_goes_through_the_queue_too(
    client, settings, kazakhstan
) -> None:
    from django_tasks_db.models import DBTaskResult

    settings.EMAIL_BACKEND = FAILING_BACKEND
    settings.TASKS = DATABASE_TASKS
    response = client.post(
        "/accounts/signup/",
        signup_data(),
        HTTP_ACCEPT_LANGUAGE="kk",
    )
    assert response.status_code == 302
    task = DBTaskResult.objects.get()
    assert task.args_kwargs["kwargs"]["to"] == "aliya@example.org"
    assert "/accounts/confirm-email/" in task.args_kwargs["kwargs"]["body"]
