"""push_send: a notification queued after the commit, encrypted to each of the person's
devices in their language and posted to the push service (a stand-in at the network
boundary); a device the push service has forgotten is deleted; without keys nothing goes."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils.translation import gettext_lazy

from council.audit.models import AuditEvent
from council.conftest import make_user
from council.push.models import PushSubscription
from council.push.services import push_send, push_subscription_save
from council.push.tests.conftest import Browser, PushService, make_browser

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(db: Any) -> Any:
    return make_user("aliya@example.org", given_name="Aliya", preferred_language="ru")


def subscribe(person: Any, browser: Browser) -> PushSubscription:
    fields = browser.fields()
    return push_subscription_save(user=person, **fields)


def test_it_sends_to_each_device_in_the_persons_language(
    person: Any,
    vapid: str,
    push_service: PushService,
    browser_keys: Browser,
    django_capture_on_commit_callbacks: Any,
) -> None:
    second = make_browser(2)
    subscribe(person, browser_keys)
    subscribe(person, second)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        queued = push_send(
            user=person,
            title=gettext_lazy("A place freed up for you: %(title)s"),
            body=gettext_lazy("My applications"),
            url="/me/applications/",
            context={"title": "Марафон"},
        )
        assert queued == 2
        # Nothing leaves before the change commits.
        assert push_service.received == []
    for callback in callbacks:
        callback()
    assert [sent["url"] for sent in push_service.received] == [
        browser_keys.endpoint,
        second.endpoint,
    ]
    sent = push_service.received[0]
    assert sent["headers"]["Content-Encoding"] == "aes128gcm"
    assert sent["headers"]["Authorization"].startswith("vapid t=")
    assert f"k={vapid}" in sent["headers"]["Authorization"]
    assert int(sent["headers"]["TTL"]) == 12 * 60 * 60
    message = browser_keys.read(sent["data"])
    assert message == {
        "title": "Для вас освободилось место: Марафон",
        "body": "Мои заявки",
        "url": "/me/applications/",
        "lang": "ru",
    }
    assert second.read(push_service.received[1]["data"])["title"].startswith("Для вас")


def test_a_forgotten_device_is_deleted(
    person: Any,
    vapid: str,
    push_service: PushService,
    browser_keys: Browser,
    django_capture_on_commit_callbacks: Any,
) -> None:
    subscribe(person, browser_keys)
    push_service.status = 410
    with django_capture_on_commit_callbacks(execute=True):
        push_send(user=person, title="Hello", body="", url="/")
    assert len(push_service.received) == 1
    assert not PushSubscription.objects.exists()
    event = AuditEvent.objects.get(action="push.expired")
    assert event.data == {"status": 410}


def test_a_failing_push_service_keeps_the_device(
    person: Any,
    vapid: str,
    push_service: PushService,
    browser_keys: Browser,
    django_capture_on_commit_callbacks: Any,
) -> None:
    subscribe(person, browser_keys)
    push_service.status = 503
    with django_capture_on_commit_callbacks(execute=True):
        push_send(user=person, title="Hello", body="", url="/")
    assert len(push_service.received) == 1
    assert PushSubscription.objects.count() == 1


def test_nothing_is_sent_without_keys(
    person: Any,
    settings: Any,
    push_service: PushService,
    browser_keys: Browser,
    django_capture_on_commit_callbacks: Any,
) -> None:
    settings.VAPID_PRIVATE_KEY = settings.VAPID_PUBLIC_KEY = ""
    subscribe(person, browser_keys)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        assert push_send(user=person, title="Hello", body="", url="/") == 0
    assert callbacks == []
    assert push_service.received == []


def test_nothing_is_queued_for_a_person_without_devices(
    person: Any, vapid: str, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        assert push_send(user=person, title="Hello", body="", url="/") == 0
    assert callbacks == []
