"""Delivering to a real receiver: the signature, rotation, retries with back-off, giving up,
pausing after failures (and the mail), redelivery, redirects not followed."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone
from standardwebhooks.webhooks import Webhook, WebhookVerificationError

from council.audit.models import AuditEvent
from council.conftest import make_member
from council.orgs.models import MembershipRole
from council.webhooks.models import DeliveryStatus, WebhookDelivery, WebhookEndpoint
from council.webhooks.services.delivery import (
    MAX_ATTEMPTS,
    RETRY_DELAYS,
    _claim,
    delivery_attempt,
    webhook_redeliver,
)
from council.webhooks.services.emit import webhook_test_send
from council.webhooks.services.endpoints import webhook_endpoint_resume, webhook_secret_rotate
from council.webhooks.tests.conftest import Receiver

pytestmark = pytest.mark.django_db


def _send_test(endpoint: WebhookEndpoint, actor: Any, capture: Any) -> WebhookDelivery:
    with capture(execute=True):
        delivery = webhook_test_send(actor=actor, endpoint=endpoint)
    delivery.refresh_from_db()
    return delivery


def test_a_delivery_is_signed_and_verifies_with_the_reference(
    receiver: Receiver,
    endpoint: WebhookEndpoint,
    org_admin: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    delivery = _send_test(endpoint, org_admin, django_capture_on_commit_callbacks)

    assert delivery.status == DeliveryStatus.SUCCEEDED
    assert (delivery.attempts, delivery.response_status) == (1, 200)
    assert delivery.response_excerpt == "thanks"
    assert delivery.next_attempt_at is None and delivery.duration_ms is not None
    [request] = receiver.requests
    assert request.path == "/hooks/council"
    assert request.headers["webhook-id"] == delivery.event_id
    assert request.headers["Content-Type"] == "application/json"
    assert request.headers["User-Agent"].startswith("VolunteerCouncil-Webhooks/")
    payload = Webhook(endpoint.secret).verify(request.body, request.headers)
    assert payload["type"] == "webhook.test"
    assert payload["data"]["endpoint"] == endpoint.pk
    assert payload == delivery.payload
    with pytest.raises(WebhookVerificationError):
        Webhook("whsec_" + "QUJD" * 11).verify(request.body, request.headers)


def test_during_a_rotation_both_secrets_verify_and_after_it_only_the_new(
    receiver: Receiver,
    endpoint: WebhookEndpoint,
    org_admin: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    old = endpoint.secret
    rotated = webhook_secret_rotate(actor=org_admin, endpoint=endpoint)
    assert rotated.secret != old and rotated.secret.startswith("whsec_")
    _send_test(rotated, org_admin, django_capture_on_commit_callbacks)
    request = receiver.requests[-1]
    assert len(request.headers["webhook-signature"].split(" ")) == 2
    Webhook(old).verify(request.body, request.headers)
    Webhook(rotated.secret).verify(request.body, request.headers)
    assert AuditEvent.objects.filter(action="webhook.secret_rotated").exists()

    WebhookEndpoint.objects.filter(pk=endpoint.pk).update(
        previous_secret_until=timezone.now() - timedelta(seconds=1)
    )
    _send_test(
        WebhookEndpoint.objects.get(pk=endpoint.pk), org_admin, django_capture_on_commit_callbacks
    )
    request = receiver.requests[-1]
    assert len(request.headers["webhook-signature"].split(" ")) == 1
    Webhook(rotated.secret).verify(request.body, request.headers)
    with pytest.raises(WebhookVerificationError):
        Webhook(old).verify(request.body, request.headers)


def test_a_500_is_retried_with_growing_back_off_until_it_gives_up(
    receiver: Receiver,
    endpoint: WebhookEndpoint,
    org_admin: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    receiver.status, receiver.body = 500, "<h1>Internal\x00 error</h1>"
    delivery = _send_test(endpoint, org_admin, django_capture_on_commit_callbacks)
    waits = []
    while delivery.status == DeliveryStatus.FAILED:
        assert delivery.response_status == 500
        assert delivery.error == "The endpoint answered 500."
        assert delivery.response_excerpt == "<h1>Internal error</h1>"  # plain text kept
        waits.append(delivery.next_attempt_at - delivery.last_attempt_at)
        # Not due yet: nothing is sent.
        call_command(
            "deliver_webhooks", now=(delivery.next_attempt_at - timedelta(seconds=1)).isoformat()
        )
        assert len(receiver.requests) == delivery.attempts
        # Due: the deliver command sends it.
        call_command(
            "deliver_webhooks", now=(delivery.next_attempt_at + timedelta(seconds=1)).isoformat()
        )
        delivery.refresh_from_db()

    assert waits == list(RETRY_DELAYS)
    assert waits == sorted(waits)
    assert delivery.status == DeliveryStatus.GAVE_UP
    assert delivery.attempts == MAX_ATTEMPTS == len(receiver.requests)
    assert delivery.next_attempt_at is None
    assert {request.headers["webhook-id"] for request in receiver.requests} == {delivery.event_id}
    assert AuditEvent.objects.filter(
        action="webhook.delivery_gave_up", target_id=str(delivery.pk)
    ).exists()


def test_a_retry_succeeds_and_clears_the_failure_count(
    receiver: Receiver,
    endpoint: WebhookEndpoint,
    org_admin: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    receiver.answers = [(503, "busy", {})]
    delivery = _send_test(endpoint, org_admin, django_capture_on_commit_callbacks)
    assert delivery.status == DeliveryStatus.FAILED
    assert WebhookEndpoint.objects.get(pk=endpoint.pk).consecutive_failures == 1
    WebhookDelivery.objects.filter(pk=delivery.pk).update(next_attempt_at=timezone.now())
    call_command("deliver_webhooks")
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.error) == ("succeeded", 2, "")
    assert WebhookEndpoint.objects.get(pk=endpoint.pk).consecutive_failures == 0


def test_a_redirect_is_not_followed(
    receiver: Receiver,
    endpoint: WebhookEndpoint,
    org_admin: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    receiver.answers = [(302, "", {"Location": "http://169.254.169.254/latest/meta-data/"})]
    delivery = _send_test(endpoint, org_admin, django_capture_on_commit_callbacks)
    assert (delivery.status, delivery.response_status) == ("failed", 302)
    assert len(receiver.requests) == 1


def test_repeated_failures_pause_the_endpoint_and_mail_its_admins_in_their_language(
    receiver: Receiver,
    endpoint: WebhookEndpoint,
    org_admin: Any,
    kazakhstan: Any,
    settings: Any,
    mailbox: list[Any],
    django_capture_on_commit_callbacks: Any,
) -> None:
    settings.WEBHOOKS_PAUSE_AFTER_FAILURES = 3
    organisation = endpoint.organisation
    organisation.name_en, organisation.name_ru = (
        "Astana Volunteer Centre",
        "Центр волонтёров Астаны",
    )
    organisation.save()
    russian = make_member(
        "ru.admin@example.org", kazakhstan, organisation, MembershipRole.ADMIN, "Ivan"
    )
    russian.preferred_language = "ru"
    russian.save()
    make_member("plain@example.org", kazakhstan, organisation, MembershipRole.MEMBER, "Nurlan")
    receiver.status = 500

    for _ in range(2):
        _send_test(endpoint, org_admin, django_capture_on_commit_callbacks)
    assert WebhookEndpoint.objects.get(pk=endpoint.pk).active
    last = _send_test(endpoint, org_admin, django_capture_on_commit_callbacks)

    endpoint.refresh_from_db()
    assert not endpoint.active and endpoint.paused_reason == "failures"
    assert endpoint.consecutive_failures == 3
    assert "kept failing" in endpoint.paused_reason_text
    assert AuditEvent.objects.filter(action="webhook.paused", actor__isnull=True).count() == 1
    by_address = {message.to[0]: message for message in mailbox}
    assert set(by_address) == {org_admin.email, russian.email}
    assert "Astana Volunteer Centre" in by_address[org_admin.email].subject
    assert "Центр волонтёров Астаны" in by_address[russian.email].subject
    assert f"/webhooks/{endpoint.pk}/" in by_address[org_admin.email].body

    # Paused: the retry waits, however due, and a test event is refused.
    WebhookDelivery.objects.filter(pk=last.pk).update(next_attempt_at=timezone.now())
    call_command("deliver_webhooks")
    assert len(receiver.requests) == 3
    # Resumed: the waiting retries go out.
    receiver.status = 200
    webhook_endpoint_resume(actor=org_admin, endpoint=endpoint)
    call_command("deliver_webhooks", now=(timezone.now() + timedelta(minutes=1)).isoformat())
    assert WebhookDelivery.objects.filter(endpoint=endpoint, status="succeeded").count() == 3


def test_redelivery_sends_the_same_message_again(
    receiver: Receiver,
    endpoint: WebhookEndpoint,
    org_admin: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    delivery = _send_test(endpoint, org_admin, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        again = webhook_redeliver(actor=org_admin, delivery=delivery)
    again.refresh_from_db()
    assert (again.status, again.attempts) == ("succeeded", 1)
    first, second = receiver.requests
    assert first.body == second.body
    assert first.headers["webhook-id"] == second.headers["webhook-id"] == delivery.event_id
    Webhook(endpoint.secret).verify(second.body, second.headers)
    event = AuditEvent.objects.get(action="webhook.redelivered")
    assert event.actor_id == org_admin.pk and event.data["status"] == "succeeded"


def test_a_claimed_delivery_is_not_sent_twice(
    receiver: Receiver, endpoint: WebhookEndpoint, org_admin: Any
) -> None:
    delivery = webhook_test_send(actor=org_admin, endpoint=endpoint)  # not committed: not sent
    assert _claim(delivery.pk, timezone.now())
    assert not _claim(delivery.pk, timezone.now())
    assert delivery_attempt(delivery_id=delivery.pk) is None
    assert receiver.requests == []
    WebhookDelivery.objects.filter(pk=delivery.pk).update(
        claimed_until=timezone.now() - timedelta(seconds=1)
    )
    assert delivery_attempt(delivery_id=delivery.pk) == "succeeded"
    assert len(receiver.requests) == 1


def test_an_unreachable_endpoint_is_a_failed_attempt(
    receiver: Receiver,
    endpoint: WebhookEndpoint,
    org_admin: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    port = int(receiver.url.split(":")[2].split("/")[0])
    WebhookEndpoint.objects.filter(pk=endpoint.pk).update(
        url=f"http://127.0.0.1:{port + 1 if port < 65535 else 1}/"
    )
    delivery = _send_test(
        WebhookEndpoint.objects.get(pk=endpoint.pk), org_admin, django_capture_on_commit_callbacks
    )
    assert delivery.status == "failed" and delivery.response_status is None
    assert "ConnectionRefusedError" in delivery.error
