"""A device's notifications turned on and off from the account page (council/app.js posts
the browser's subscription): own devices only, bad input named, the button only with keys."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from council.audit.models import AuditEvent
from council.conftest import make_user, reader
from council.push.models import PushSubscription
from council.push.tests.conftest import Browser, make_browser

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(db: Any) -> Any:
    return make_user("aliya@example.org", given_name="Aliya")


def test_it_turns_notifications_on_for_a_device(person: Any, browser_keys: Browser) -> None:
    client = reader("en", person)
    response = client.post("/me/push/subscribe/", browser_keys.fields())
    assert response.status_code == 201
    assert response.json() == {"ok": True, "message": "Notifications are on for this device."}
    row = PushSubscription.objects.get()
    assert (row.user, row.endpoint, row.p256dh) == (
        person,
        browser_keys.endpoint,
        browser_keys.p256dh,
    )
    event = AuditEvent.objects.get(action="push.subscribed")
    # The push address is a secret of the device: the audit names the service only.
    assert event.target_repr == "push.example.net"

    # The same device again (the browser renewed its keys): still one row, not audited twice.
    renewed = make_browser(2)
    renewed.endpoint = browser_keys.endpoint
    assert client.post("/me/push/subscribe/", renewed.fields()).status_code == 201
    assert PushSubscription.objects.get().p256dh == renewed.p256dh
    assert AuditEvent.objects.filter(action="push.subscribed").count() == 1


def test_a_device_changes_hands(person: Any, browser_keys: Browser) -> None:
    reader("en", person).post("/me/push/subscribe/", browser_keys.fields())
    other = make_user("arman@example.org")
    assert reader("en", other).post("/me/push/subscribe/", browser_keys.fields()).status_code == 201
    assert PushSubscription.objects.get().user == other


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"endpoint": "http://push.example.net/x"}, "endpoint", "https:// address"),
        ({"endpoint": ""}, "endpoint", "This field is required."),
        ({"p256dh": "not-a-key"}, "p256dh", "public key"),
        ({"auth": "QUJD"}, "auth", "authentication secret"),
    ],
)
def test_bad_input_is_named(
    person: Any, browser_keys: Browser, change: dict[str, str], field: str, message: str
) -> None:
    response = reader("en", person).post("/me/push/subscribe/", {**browser_keys.fields(), **change})
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert list(errors) == [field]
    assert message in errors[field][0]
    assert not PushSubscription.objects.exists()


def test_errors_in_russian(person: Any, browser_keys: Browser) -> None:
    response = reader("ru", person).post(
        "/me/push/subscribe/", {**browser_keys.fields(), "endpoint": ""}
    )
    assert response.status_code == 400
    assert "Обязательное поле." in response.json()["errors"]["endpoint"][0]


def test_it_needs_a_signed_in_person_and_a_post(client: Client, browser_keys: Browser) -> None:
    response = client.post("/me/push/subscribe/", browser_keys.fields())
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert not PushSubscription.objects.exists()


def test_get_is_not_allowed(person: Any) -> None:
    assert reader("en", person).get("/me/push/subscribe/").status_code == 405
    assert reader("en", person).get("/me/push/unsubscribe/").status_code == 405


def test_it_turns_off_only_ones_own_device(person: Any, browser_keys: Browser) -> None:
    reader("en", person).post("/me/push/subscribe/", browser_keys.fields())
    outsider = make_user("outsider@example.org")
    response = reader("en", outsider).post(
        "/me/push/unsubscribe/", {"endpoint": browser_keys.endpoint}
    )
    assert response.status_code == 200
    assert PushSubscription.objects.filter(user=person).exists()

    response = reader("en", person).post(
        "/me/push/unsubscribe/", {"endpoint": browser_keys.endpoint}
    )
    assert response.json()["message"] == "Notifications are off for this device."
    assert not PushSubscription.objects.exists()
    assert AuditEvent.objects.filter(action="push.unsubscribed").count() == 1
    bad = reader("en", person).post("/me/push/unsubscribe/", {})
    assert bad.status_code == 400
    assert list(bad.json()["errors"]) == ["endpoint"]


def test_the_account_page_offers_the_button_only_with_keys(
    person: Any, settings: Any, vapid: str
) -> None:
    page = reader("en", person).get("/me/").content.decode()
    assert "Turn on notifications on this device" in page
    assert f'data-key="{vapid}"' in page
    settings.VAPID_PRIVATE_KEY = settings.VAPID_PUBLIC_KEY = ""
    page = reader("en", person).get("/me/").content.decode()
    assert "Turn on notifications on this device" not in page


def test_the_data_export_and_erasure_include_devices(person: Any, browser_keys: Browser) -> None:
    from council.accounts.registry import ERASERS, EXPORTERS

    reader("en", person).post("/me/push/subscribe/", browser_keys.fields())
    exported = EXPORTERS["push_subscriptions"](person)
    assert exported[0]["push_service"] == "push.example.net"
    assert browser_keys.endpoint not in str(exported)
    ERASERS["push_subscriptions"](person)
    assert not PushSubscription.objects.exists()
