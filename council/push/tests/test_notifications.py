"""The two notifications the platform pushes: the reminder before a shift (with the ticket's
address) and the promotion from the waiting list, in the volunteer's language, beside the
mail they already get."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone

from council.conftest import make_user
from council.projects.models import Shift
from council.projects.services.applications import application_submit, application_withdraw
from council.projects.tests.conftest import adult, make_opportunity, make_project
from council.push.services import push_subscription_save
from council.push.tests.conftest import Browser, PushService, make_browser

pytestmark = pytest.mark.django_db


@pytest.fixture
def shift(org: Any) -> Shift:
    return make_opportunity(make_project(org), capacity=1).shifts.get()


def test_the_shift_reminder_is_pushed_with_the_ticket(
    shift: Shift,
    kazakhstan: Any,
    vapid: str,
    push_service: PushService,
    browser_keys: Browser,
    django_capture_on_commit_callbacks: Any,
) -> None:
    volunteer = adult(make_user("aliya@example.org", kazakhstan, preferred_language="ru"))
    push_subscription_save(user=volunteer, **browser_keys.fields())
    application = application_submit(
        volunteer=volunteer, opportunity=shift.opportunity, shift=shift
    )
    Shift.objects.filter(pk=shift.pk).update(
        start=timezone.now() + timedelta(hours=20), end=timezone.now() + timedelta(hours=24)
    )
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_shift_reminders")
        call_command("send_shift_reminders")
    assert len(push_service.received) == 1
    message = browser_keys.read(push_service.received[0]["data"])
    assert message["url"] == f"/hours/tickets/{application.pk}/"
    assert "Волонтёр уборки пляжа" in message["title"]
    assert message["lang"] == "ru"


def test_a_promotion_from_the_waiting_list_is_pushed(
    shift: Shift,
    kazakhstan: Any,
    vapid: str,
    push_service: PushService,
    django_capture_on_commit_callbacks: Any,
) -> None:
    first = adult(make_user("first@example.org", kazakhstan))
    waiting = adult(make_user("waiting@example.org", kazakhstan, preferred_language="kk"))
    phone = make_browser(3)
    push_subscription_save(user=waiting, **phone.fields())
    with django_capture_on_commit_callbacks(execute=True):
        mine = application_submit(volunteer=first, opportunity=shift.opportunity, shift=shift)
        application_submit(volunteer=waiting, opportunity=shift.opportunity, shift=shift)
    assert push_service.received == []  # waitlisted: nothing pushed yet
    with django_capture_on_commit_callbacks(execute=True):
        application_withdraw(volunteer=first, application=mine)
    assert [sent["url"] for sent in push_service.received] == [phone.endpoint]
    message = phone.read(push_service.received[0]["data"])
    assert message["url"] == "/me/applications/"
    assert message["lang"] == "kk"
    # In Kazakh, the opportunity's title falling back to the Russian one it has.
    assert message["title"] == "Сізге орын босады: Волонтёр уборки пляжа"
