"""Mail is recorded in the request and rendered by the task in the recipient's language."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail

from council.accounts.mail import mail_render_references, mail_send
from council.conftest import make_user
from council.orgs.models import Organisation

pytestmark = pytest.mark.django_db


def test_the_task_renders_in_the_recipients_language(
    org: Organisation, django_capture_on_commit_callbacks: Any
) -> None:
    person = make_user(email="kz@example.org", preferred_language="kk")
    with django_capture_on_commit_callbacks(execute=True):
        mail_send(
            to=person.email,
            template="orgs/mail/verified",
            context={"organisation": org, "person": person},
        )
    assert len(mail.outbox) == 1
    assert org.name in mail.outbox[0].body
    assert "расталды" in mail.outbox[0].subject


def test_nothing_is_sent_about_a_row_deleted_before_the_task_ran(org: Organisation) -> None:
    reference = {"__model__": "orgs.Organisation", "pk": org.pk + 1000}
    rendered = mail_render_references(
        template="orgs/mail/verified",
        language="en",
        context={"organisation": reference},
    )
    assert rendered is None


def test_nothing_is_mailed_when_the_transaction_rolls_back(
    org: Organisation, django_capture_on_commit_callbacks: Any
) -> None:
    person = make_user(email="someone@example.org")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        mail_send(
            to=person.email,
            template="orgs/mail/verified",
            context={"organisation": org, "person": person},
        )
    # Callbacks run only on commit; none ran here, so nothing was sent.
    assert len(callbacks) == 1
    assert mail.outbox == []


DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_with_database_tasks_the_mail_task_commits_or_rolls_back_with_the_change(
    org: Organisation, settings: Any
) -> None:
    from django.db import transaction
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = DATABASE_TASKS
    person = make_user(email="outbox@example.org")

    class Undo(Exception):
        pass

    with pytest.raises(Undo), transaction.atomic():
        mail_send(to=person.email, template="orgs/mail/verified", context={"organisation": org})
        assert DBTaskResult.objects.count() == 1  # written with the change…
        raise Undo
    assert DBTaskResult.objects.count() == 0  # …and gone with it
    with transaction.atomic():
        mail_send(to=person.email, template="orgs/mail/verified", context={"organisation": org})
    task = DBTaskResult.objects.get()
    assert task.task_path == "council.accounts.tasks.mail_render_deliver"
    assert task.args_kwargs["kwargs"]["to"] == "outbox@example.org"
