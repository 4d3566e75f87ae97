"""Webhooks over the API: endpoints, the secret, rotation, pause and resume, the delivery log,
redelivery and the test event, with the pages' access rules."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client
from standardwebhooks.webhooks import Webhook

from council.api.models import TokenScope
from council.api.tests.conftest import API, assert_problem, bearer, fields_of, key_for, post
from council.conftest import make_member, make_org
from council.webhooks.models import WebhookDelivery, WebhookEndpoint
from council.webhooks.services.emit import webhook_test_send
from council.webhooks.tests.conftest import Receiver

pytestmark = pytest.mark.django_db


def _patch(client: Client, path: str, body: Any, key: str) -> Any:
    return client.patch(
        API + path, json.dumps(body), content_type="application/json", headers=bearer(key)
    )


def test_an_admin_manages_endpoints_over_the_api(
    client: Client,
    receiver: Receiver,
    org: Any,
    org_admin: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    key = key_for(org_admin)
    response = post(
        client,
        f"/organisations/{org.pk}/webhooks",
        {"url": receiver.url, "events": ["hours.verified"], "description": "CRM"},
        key,
    )
    assert response.status_code == 201, response.content
    created = response.json()
    endpoint = WebhookEndpoint.objects.get()
    assert created["secret"] == endpoint.secret and created["events"] == ["hours.verified"]
    assert created["organisation"] == org.pk and created["active"] is True

    listed = client.get(f"{API}/organisations/{org.pk}/webhooks", headers=bearer(key)).json()
    assert [row["id"] for row in listed] == [endpoint.pk] and "secret" not in listed[0]
    assert "secret" not in client.get(f"{API}/webhooks/{endpoint.pk}", headers=bearer(key)).json()

    changed = _patch(
        client, f"/webhooks/{endpoint.pk}", {"events": ["seat.freed", "hours.verified"]}, key
    )
    assert changed.status_code == 200 and changed.json()["events"] == [
        "seat.freed",
        "hours.verified",
    ]
    assert changed.json()["description"] == "CRM"

    rotated = post(client, f"/webhooks/{endpoint.pk}/rotate-secret", {}, key).json()
    assert rotated["secret"] != created["secret"] and rotated["previous_secret_until"]

    with django_capture_on_commit_callbacks(execute=True):
        tested = post(client, f"/webhooks/{endpoint.pk}/test", {}, key)
    assert tested.status_code == 201 and tested.json()["event_type"] == "webhook.test"
    request = receiver.requests[-1]
    Webhook(created["secret"]).verify(request.body, request.headers)  # the old one, in its grace
    Webhook(rotated["secret"]).verify(request.body, request.headers)

    log = client.get(f"{API}/webhooks/{endpoint.pk}/deliveries", headers=bearer(key)).json()
    [row] = log["items"]
    assert row["status"] == "succeeded" and row["response_status"] == 200
    assert "payload" not in row
    detail = client.get(f"{API}/webhook-deliveries/{row['id']}", headers=bearer(key)).json()
    assert detail["payload"]["type"] == "webhook.test"
    failed = client.get(
        f"{API}/webhooks/{endpoint.pk}/deliveries?status=failed", headers=bearer(key)
    )
    assert failed.json()["items"] == []

    with django_capture_on_commit_callbacks(execute=True):
        again = post(client, f"/webhook-deliveries/{row['id']}/redeliver", {}, key)
    assert again.status_code == 200 and len(receiver.requests) == 2

    paused = post(
        client, f"/webhooks/{endpoint.pk}/pause", {"reason": "Moving servers"}, key
    ).json()
    assert paused["active"] is False and paused["paused_reason"] == "Moving servers"
    assert_problem(post(client, f"/webhooks/{endpoint.pk}/pause", {}, key), 422)
    assert post(client, f"/webhooks/{endpoint.pk}/resume", {}, key).json()["active"] is True

    assert client.delete(f"{API}/webhooks/{endpoint.pk}", headers=bearer(key)).status_code == 204
    assert not WebhookEndpoint.objects.exists()


def test_bad_input_is_a_clear_problem_naming_the_field(
    client: Client, org: Any, org_admin: Any, settings: Any
) -> None:
    settings.WEBHOOKS_ALLOWED_HOSTS = []
    key = key_for(org_admin)
    path = f"/organisations/{org.pk}/webhooks"
    problem = assert_problem(
        post(client, path, {"url": "https://169.254.169.254/", "events": ["seat.freed"]}, key), 422
    )
    assert fields_of(problem) == {"url"}
    problem = assert_problem(
        post(client, path, {"url": "http://example.org/", "events": ["seat.freed"]}, key), 422
    )
    assert "https://" in problem["errors"][0]["message"]
    assert assert_problem(post(client, path, {"url": "https://8.8.8.8/", "events": []}, key), 422)
    assert assert_problem(
        post(client, path, {"url": "https://8.8.8.8/", "events": ["nope"]}, key), 422
    )
    assert assert_problem(
        post(
            client, path, {"url": "https://8.8.8.8/", "events": ["seat.freed"], "secret": "x"}, key
        ),
        422,
    )
    assert assert_problem(post(client, path, {"url": 5, "events": "seat.freed"}, key), 422)
    assert not WebhookEndpoint.objects.exists()


def test_access_another_organisation_is_a_404_a_member_a_403_a_read_token_a_403(
    client: Client,
    receiver: Receiver,
    endpoint: WebhookEndpoint,
    org: Any,
    org_admin: Any,
    org_member: Any,
    kazakhstan: Any,
) -> None:
    delivery = webhook_test_send(actor=org_admin, endpoint=endpoint)
    other = make_org("Other centre", kazakhstan)
    stranger = make_member("other@example.org", kazakhstan, other, "admin", "Erlan")
    reads = [
        f"/organisations/{org.pk}/webhooks",
        f"/webhooks/{endpoint.pk}",
        f"/webhooks/{endpoint.pk}/deliveries",
        f"/webhook-deliveries/{delivery.pk}",
    ]
    writes = [
        f"/organisations/{org.pk}/webhooks",
        *(f"/webhooks/{endpoint.pk}/{a}" for a in ("rotate-secret", "pause", "resume", "test")),
        f"/webhook-deliveries/{delivery.pk}/redeliver",
    ]
    body = {"url": receiver.url, "events": ["seat.freed"]}
    for user, answer in ((stranger, 404), (org_member, 403)):
        key = key_for(user)
        for path in reads:
            assert client.get(API + path, headers=bearer(key)).status_code == answer, (user, path)
        for path in writes:
            sent = body if path.endswith("/webhooks") else {}
            assert post(client, path, sent, key).status_code == answer, (user, path)
        assert (
            _patch(client, f"/webhooks/{endpoint.pk}", {"description": "x"}, key).status_code
            == answer
        )
        assert (
            client.delete(f"{API}/webhooks/{endpoint.pk}", headers=bearer(key)).status_code
            == answer
        )
    reader_key = key_for(org_admin, TokenScope.READ)
    assert (
        client.get(f"{API}/webhooks/{endpoint.pk}", headers=bearer(reader_key)).status_code == 200
    )
    assert post(client, f"/webhooks/{endpoint.pk}/rotate-secret", {}, reader_key).status_code == 403
    assert client.get(f"{API}/webhooks/{endpoint.pk}").status_code == 401
    endpoint.refresh_from_db()
    assert endpoint.description == "Our CRM" and endpoint.active
    assert WebhookDelivery.objects.count() == 1 and receiver.requests == []
