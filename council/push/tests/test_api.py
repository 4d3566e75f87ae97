"""Web push over the API: the key, one's own devices listed, added and removed; bad input is
a 422 naming the field; another person's device is a 404; a read token may not write."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from council.api.models import TokenScope
from council.api.tests.conftest import API, assert_problem, bearer, fields_of, key_for, post
from council.conftest import make_user
from council.push.models import PushSubscription
from council.push.tests.conftest import Browser, make_browser

pytestmark = pytest.mark.django_db


def body(browser: Browser) -> dict[str, Any]:
    fields = browser.fields()
    return {
        "endpoint": fields["endpoint"],
        "keys": {"p256dh": fields["p256dh"], "auth": fields["auth"]},
        "expirationTime": None,
    }


def test_a_person_manages_their_devices(client: Client, vapid: str, browser_keys: Browser) -> None:
    person = make_user("aliya@example.org")
    key = key_for(person)
    answer = client.get(f"{API}/push/key", headers=bearer(key)).json()
    assert answer == {"enabled": True, "public_key": vapid}

    response = post(client, "/push/subscriptions", body(browser_keys), key)
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["push_service"] == "push.example.net"
    assert "endpoint" not in created
    listed = client.get(f"{API}/push/subscriptions", headers=bearer(key)).json()
    assert [row["id"] for row in listed] == [created["id"]]

    outsider_key = key_for(make_user("outsider@example.org"))
    assert client.get(f"{API}/push/subscriptions", headers=bearer(outsider_key)).json() == []
    gone = client.delete(f"{API}/push/subscriptions/{created['id']}", headers=bearer(outsider_key))
    assert_problem(gone, 404)
    assert PushSubscription.objects.count() == 1

    response = client.delete(f"{API}/push/subscriptions/{created['id']}", headers=bearer(key))
    assert response.status_code == 204
    assert not PushSubscription.objects.exists()


def test_bad_input_is_a_422_naming_the_field(client: Client) -> None:
    key = key_for(make_user("aliya@example.org"))
    good = body(make_browser())
    cases = [
        ({**good, "endpoint": "http://push.example.net/x"}, "endpoint"),
        ({**good, "keys": {"p256dh": "xyz", "auth": good["keys"]["auth"]}}, "p256dh"),
        ({**good, "keys": {"p256dh": good["keys"]["p256dh"], "auth": "QUJD"}}, "auth"),
        ({"endpoint": good["endpoint"]}, "keys"),
    ]
    for sent, field in cases:
        problem = assert_problem(post(client, "/push/subscriptions", sent, key), 422)
        assert field in {name.split(".")[0] for name in fields_of(problem) if name}, problem
    response = client.post(
        f"{API}/push/subscriptions",
        "{not json",
        content_type="application/json",
        headers=bearer(key),
    )
    assert response.status_code in {400, 422}
    assert not PushSubscription.objects.exists()


def test_a_read_token_may_not_add_a_device(client: Client, browser_keys: Browser) -> None:
    key = key_for(make_user("aliya@example.org"), scope=TokenScope.READ)
    assert_problem(post(client, "/push/subscriptions", body(browser_keys), key), 403)


def test_anonymous_callers_are_refused(client: Client, browser_keys: Browser) -> None:
    response = client.post(
        f"{API}/push/subscriptions", json.dumps(body(browser_keys)), content_type="application/json"
    )
    assert_problem(response, 401)


def test_the_key_is_empty_without_push(client: Client, settings: Any) -> None:
    settings.VAPID_PRIVATE_KEY = settings.VAPID_PUBLIC_KEY = ""
    key = key_for(make_user("aliya@example.org"))
    assert client.get(f"{API}/push/key", headers=bearer(key)).json() == {
        "enabled": False,
        "public_key": "",
    }
