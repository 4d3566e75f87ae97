"""The administrators' pages: endpoints, the secret shown once, rotation, pause, resume,
delete, test event, the delivery log and a delivery with "send again"; and who may see them."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from council.audit.models import AuditEvent
from council.conftest import make_member, make_org, reader
from council.webhooks.models import WebhookDelivery, WebhookEndpoint
from council.webhooks.services.emit import webhook_test_send
from council.webhooks.tests.conftest import Receiver, subscribe

pytestmark = pytest.mark.django_db


def _admin(user: Any) -> Client:
    return reader("en", user)


def test_the_organisation_page_links_its_admins_to_webhooks(
    org: Any, org_admin: Any, org_member: Any
) -> None:
    assert f"/webhooks/orgs/{org.pk}/" in _admin(org_admin).get(f"/orgs/{org.pk}/").content.decode()
    assert (
        f"/webhooks/orgs/{org.pk}/"
        not in _admin(org_member).get(f"/orgs/{org.pk}/").content.decode()
    )


def test_adding_an_endpoint_shows_its_secret_once(
    receiver: Receiver, org: Any, org_admin: Any
) -> None:
    client = _admin(org_admin)
    page = client.get(f"/webhooks/orgs/{org.pk}/new/").content.decode()
    assert 'type="checkbox" name="events" value="application.submitted"' in page
    response = client.post(
        f"/webhooks/orgs/{org.pk}/new/",
        {
            "url": receiver.url,
            "description": "CRM",
            "events": ["application.submitted", "seat.freed"],
        },
    )
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    endpoint = WebhookEndpoint.objects.get()
    assert endpoint.secret in response.content.decode()
    assert endpoint.events == ["application.submitted", "seat.freed"]
    assert endpoint.created_by == org_admin
    assert AuditEvent.objects.filter(action="webhook.created", organisation_id=org.pk).exists()
    listing = client.get(f"/webhooks/orgs/{org.pk}/").content.decode()
    detail = client.get(f"/webhooks/{endpoint.pk}/").content.decode()
    assert receiver.url in listing and receiver.url in detail
    assert endpoint.secret not in listing + detail


def test_a_private_address_or_no_event_is_refused_on_the_form(org: Any, org_admin: Any) -> None:
    response = _admin(org_admin).post(
        f"/webhooks/orgs/{org.pk}/new/", {"url": "https://10.0.0.1/", "events": []}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Choose at least one event." in page
    response = _admin(org_admin).post(
        f"/webhooks/orgs/{org.pk}/new/", {"url": "https://10.0.0.1/", "events": ["seat.freed"]}
    )
    assert response.status_code == 400
    assert "private or reserved network" in response.content.decode()
    response = _admin(org_admin).post(
        f"/webhooks/orgs/{org.pk}/new/", {"url": "x" * 600, "events": ["nonsense"]}
    )
    assert response.status_code == 400
    assert not WebhookEndpoint.objects.exists()


def test_edit_rotate_pause_resume_test_and_delete(
    receiver: Receiver,
    endpoint: WebhookEndpoint,
    org_admin: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    client = _admin(org_admin)
    response = client.post(
        f"/webhooks/{endpoint.pk}/edit/",
        {"url": receiver.url, "description": "Renamed", "events": ["hours.verified"]},
    )
    assert response.status_code == 302
    endpoint.refresh_from_db()
    assert (endpoint.description, endpoint.events) == ("Renamed", ["hours.verified"])

    old = endpoint.secret
    page = client.post(f"/webhooks/{endpoint.pk}/rotate/").content.decode()
    endpoint.refresh_from_db()
    assert endpoint.secret != old and endpoint.secret in page and old not in page
    assert endpoint.previous_secret == old

    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(f"/webhooks/{endpoint.pk}/test/").status_code == 302
    assert len(receiver.requests) == 1
    log = client.get(f"/webhooks/{endpoint.pk}/").content.decode()
    assert "webhook.test" in log and "Succeeded" in log

    client.post(f"/webhooks/{endpoint.pk}/pause/", {"reason": "Maintenance"})
    endpoint.refresh_from_db()
    assert not endpoint.active and endpoint.paused_reason == "Maintenance"
    assert "Maintenance" in client.get(f"/webhooks/{endpoint.pk}/").content.decode()
    response = client.post(f"/webhooks/{endpoint.pk}/test/", follow=True)
    assert "resume it first" in response.content.decode()
    client.post(f"/webhooks/{endpoint.pk}/resume/")
    endpoint.refresh_from_db()
    assert endpoint.active

    response = client.post(f"/webhooks/{endpoint.pk}/delete/")
    assert (
        response.status_code == 302
        and response.url == f"/webhooks/orgs/{endpoint.organisation_id}/"
    )
    assert not WebhookEndpoint.objects.exists() and not WebhookDelivery.objects.exists()
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {
        "webhook.updated",
        "webhook.secret_rotated",
        "webhook.test_sent",
        "webhook.paused",
        "webhook.resumed",
        "webhook.deleted",
    } <= actions


def test_the_delivery_log_filters_by_status_and_a_delivery_can_be_sent_again(
    receiver: Receiver,
    endpoint: WebhookEndpoint,
    org_admin: Any,
    django_capture_on_commit_callbacks: Any,
    django_assert_max_num_queries: Any,
) -> None:
    receiver.answers = [(500, "boom", {})]
    with django_capture_on_commit_callbacks(execute=True):
        failed = webhook_test_send(actor=org_admin, endpoint=endpoint)
        webhook_test_send(actor=org_admin, endpoint=endpoint)
    for _ in range(30):
        webhook_test_send(actor=org_admin, endpoint=endpoint)
    client = _admin(org_admin)
    with django_assert_max_num_queries(10):  # as many for 32 rows as for one
        assert client.get(f"/webhooks/{endpoint.pk}/").content.decode().count("<tr>") == 33
    with django_assert_max_num_queries(10):
        page = client.get(f"/webhooks/{endpoint.pk}/", {"status": "failed"}).content.decode()
    assert page.count("<tr>") == 2  # the header and the failed one
    assert f"/webhooks/deliveries/{failed.pk}/" in page
    assert client.get(f"/webhooks/{endpoint.pk}/", {"status": "nonsense"}).status_code == 200
    assert client.get(f"/webhooks/{endpoint.pk}/", {"page": "x"}).status_code == 200

    detail = client.get(f"/webhooks/deliveries/{failed.pk}/").content.decode()
    assert "boom" in detail and "The endpoint answered 500." in detail and failed.event_id in detail
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/webhooks/deliveries/{failed.pk}/redeliver/")
    assert response.status_code == 302
    failed.refresh_from_db()
    assert failed.status == "succeeded"
    assert receiver.requests[-1].headers["webhook-id"] == failed.event_id


def test_others_get_a_404_and_members_a_403(
    receiver: Receiver,
    endpoint: WebhookEndpoint,
    org: Any,
    org_admin: Any,
    org_member: Any,
    outsider: Any,
    kazakhstan: Any,
) -> None:
    delivery = webhook_test_send(actor=org_admin, endpoint=endpoint)
    other = make_org("Other centre", kazakhstan)
    other_admin = make_member("other@example.org", kazakhstan, other, "admin", "Erlan")
    subscribe(other, other_admin, receiver.url)
    reads = [
        f"/webhooks/orgs/{org.pk}/",
        f"/webhooks/orgs/{org.pk}/new/",
        f"/webhooks/{endpoint.pk}/",
        f"/webhooks/{endpoint.pk}/edit/",
        f"/webhooks/deliveries/{delivery.pk}/",
    ]
    writes = [
        f"/webhooks/{endpoint.pk}/{action}/"
        for action in ("rotate", "pause", "resume", "delete", "test")
    ]
    writes.append(f"/webhooks/deliveries/{delivery.pk}/redeliver/")
    for user, answer in ((other_admin, 404), (outsider, 404), (org_member, 403)):
        client = _admin(user)
        for url in reads:
            assert client.get(url).status_code == answer, (user, url)
        for url in [*writes, f"/webhooks/orgs/{org.pk}/new/", f"/webhooks/{endpoint.pk}/edit/"]:
            assert (
                client.post(url, {"url": "https://8.8.8.8/", "events": ["seat.freed"]}).status_code
                == answer
            ), (user, url)
    assert Client().get(reads[0]).status_code == 302
    endpoint.refresh_from_db()
    assert endpoint.active and WebhookEndpoint.objects.filter(organisation=org).count() == 1
    assert receiver.requests == []


@pytest.mark.parametrize("language", ["ru", "kk", "en"])
def test_the_pages_speak_the_reader_s_language(
    language: str, endpoint: WebhookEndpoint, org_admin: Any
) -> None:
    client = reader(language, org_admin)
    for url in (f"/webhooks/orgs/{endpoint.organisation_id}/", f"/webhooks/{endpoint.pk}/"):
        response = client.get(url)
        assert response.status_code == 200
        assert f'lang="{language}"' in response.content.decode()
