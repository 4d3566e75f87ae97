"""Sending deliveries: one attempt, the retries with back-off, giving up, pausing an endpoint
that keeps failing (and telling its administrators), and sending again by hand.

An attempt claims its delivery first with one compare-and-set UPDATE of `claimed_until` (a
lease): of two senders at once — the queued task and `manage.py deliver_webhooks`, or two
workers — the database lets one take it, on SQLite and PostgreSQL alike, and no transaction
or row lock is held while the request to the subscriber is under way (up to
WEBHOOKS_TIMEOUT_SECONDS). A sender that died leaves a claim that runs out after CLAIM."""

from __future__ import annotations

import http.client
import json
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _
from standardwebhooks.webhooks import Webhook

from council.accounts.mail import mail_send
from council.accounts.models import User
from council.audit.services import record
from council.orgs.models import MembershipRole
from council.webhooks import net
from council.webhooks.models import (
    EXCERPT_LENGTH,
    OPEN_STATUSES,
    PAUSED_FOR_FAILURES,
    DeliveryStatus,
    WebhookDelivery,
    WebhookEndpoint,
)
from council.webhooks.services.emit import send_after_commit

logger = logging.getLogger(__name__)

# The waits before each retry, as Standard Webhooks suggests: the first attempt, then 5
# seconds, 5 minutes, 30 minutes, 2 hours, 5 hours, 10 hours and 10 hours later (about 28
# hours in all); after the last retry the delivery is given up.
RETRY_DELAYS = (
    timedelta(seconds=5),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
    timedelta(hours=5),
    timedelta(hours=10),
    timedelta(hours=10),
)
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1
# How long a sender holds a claimed delivery at most: longer than a request may take.
CLAIM = timedelta(minutes=2)
USER_AGENT = "VolunteerCouncil-Webhooks/1.0"


@dataclass(frozen=True)
class Outcome:
    ok: bool
    status: int | None = None
    excerpt: str = ""
    error: str = ""
    duration_ms: int | None = None


def retry_delay(attempts: int) -> timedelta | None:
    """The wait after the `attempts`-th failed attempt; None when it was the last."""
    return RETRY_DELAYS[attempts - 1] if attempts <= len(RETRY_DELAYS) else None


def body_of(delivery: WebhookDelivery) -> str:
    return json.dumps(delivery.payload, ensure_ascii=False, separators=(",", ":"))


def signed_headers(
    *, endpoint: WebhookEndpoint, msg_id: str, body: str, at: datetime
) -> dict[str, str]:
    """The Standard Webhooks headers: one `v1,` signature per signing secret (the current
    and, during a rotation's grace period, the previous one), separated by spaces."""
    signatures = [
        Webhook(secret).sign(msg_id=msg_id, timestamp=at, data=body)
        for secret in endpoint.signing_secrets()
    ]
    return {
        "webhook-id": msg_id,
        "webhook-timestamp": str(int(at.timestamp())),
        "webhook-signature": " ".join(signatures),
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
    }


def _plain_excerpt(text: str) -> str:
    """The start of a response as plain text: control characters but line breaks dropped."""
    kept = "".join(ch for ch in text if ch.isprintable() or ch in "\n\t")
    return kept[:EXCERPT_LENGTH]


def _send(delivery: WebhookDelivery) -> Outcome:
    body = body_of(delivery)
    headers = signed_headers(
        endpoint=delivery.endpoint, msg_id=delivery.event_id, body=body, at=timezone.now()
    )
    try:
        response = net.post(
            delivery.endpoint.url,
            body=body.encode(),
            headers=headers,
            timeout=settings.WEBHOOKS_TIMEOUT_SECONDS,
        )
    except net.RefusedAddress as error:
        return Outcome(False, error=" ".join(error.messages))
    except (OSError, ValueError, http.client.HTTPException) as error:
        # Connection, TLS, timeout, a broken answer, or an address http.client cannot write.
        return Outcome(False, error=(f"{type(error).__name__}: {error}")[:500])
    return Outcome(
        200 <= response.status < 300,
        response.status,
        _plain_excerpt(response.body),
        ""
        if 200 <= response.status < 300
        else _("The endpoint answered %(code)d.") % {"code": response.status},
        response.duration_ms,
    )


def _claim(delivery_id: int, now: datetime) -> bool:
    """Take the delivery if it is due at `now`, open, its endpoint active and nobody else
    holds it (one UPDATE: compare and set)."""
    moment = timezone.now()
    # Every condition on the delivery's own columns, none through a join: Django would move
    # them all into a subquery (`id IN (SELECT …)`), which PostgreSQL does not re-check on
    # the row a concurrent sender has just changed, and both would take it.
    active = WebhookEndpoint.objects.filter(active=True).order_by().values("pk")
    return bool(
        WebhookDelivery.objects.filter(
            Q(claimed_until__isnull=True) | Q(claimed_until__lt=moment),
            pk=delivery_id,
            status__in=OPEN_STATUSES,
            next_attempt_at__lte=now,
            endpoint_id__in=Subquery(active),
        ).update(claimed_until=moment + CLAIM)
    )


def delivery_attempt(*, delivery_id: int, now: datetime | None = None) -> str | None:
    """Send the delivery once if it is due at `now` (this moment by default) and nobody else
    is sending it; record the outcome and schedule the retry. Its new status, or None when
    it was not ours to send."""
    now = now or timezone.now()
    if not _claim(delivery_id, now):
        return None
    deliveries = WebhookDelivery.objects.select_related("endpoint__organisation")
    delivery = deliveries.filter(pk=delivery_id).first()
    if delivery is None:  # deleted with its endpoint meanwhile
        return None
    outcome = _send(delivery)
    status = _record(delivery, outcome)
    if status == DeliveryStatus.FAILED:
        _queue_retry(delivery)
    return status


@transaction.atomic
def _record(delivery: WebhookDelivery, outcome: Outcome) -> str:
    at = timezone.now()
    attempts = delivery.attempts + 1
    delay = retry_delay(attempts)
    if outcome.ok:
        status, next_at = DeliveryStatus.SUCCEEDED, None
    elif delay is None:
        status, next_at = DeliveryStatus.GAVE_UP, None
    else:
        status, next_at = DeliveryStatus.FAILED, at + delay
    fields = {
        "status": status,
        "attempts": attempts,
        "last_attempt_at": at,
        "next_attempt_at": next_at,
        "claimed_until": None,
        "response_status": outcome.status,
        "response_excerpt": outcome.excerpt,
        "error": outcome.error,
        "duration_ms": outcome.duration_ms,
    }
    WebhookDelivery.objects.filter(pk=delivery.pk).update(**fields)
    for name, value in fields.items():
        setattr(delivery, name, value)
    endpoint = delivery.endpoint
    if outcome.ok:
        WebhookEndpoint.objects.filter(pk=endpoint.pk, consecutive_failures__gt=0).update(
            consecutive_failures=0
        )
        return status
    if status == DeliveryStatus.GAVE_UP:
        record(
            actor=None,
            action="webhook.delivery_gave_up",
            target=delivery,
            organisation_id=endpoint.organisation_id,
            data={"endpoint": endpoint.pk, "event": delivery.event_type, "attempts": attempts},
        )
    WebhookEndpoint.objects.filter(pk=endpoint.pk).update(
        consecutive_failures=F("consecutive_failures") + 1
    )
    failures = (
        WebhookEndpoint.objects.filter(pk=endpoint.pk)
        .values_list("consecutive_failures", flat=True)
        .get()
    )
    if failures >= settings.WEBHOOKS_PAUSE_AFTER_FAILURES:
        _pause_failing(endpoint, failures)
    return status


def _pause_failing(endpoint: WebhookEndpoint, failures: int) -> None:
    """Pause an endpoint that failed `failures` times in a row (once: compare and set) and
    mail its organisation's administrators, each in their language."""
    at = timezone.now()
    reason = PAUSED_FOR_FAILURES
    paused = WebhookEndpoint.objects.filter(pk=endpoint.pk, active=True).update(
        active=False, paused_at=at, paused_reason=reason
    )
    if not paused:
        return
    endpoint.active, endpoint.paused_at, endpoint.paused_reason = False, at, reason
    record(
        actor=None,
        action="webhook.paused",
        target=endpoint,
        organisation_id=endpoint.organisation_id,
        data={"url": endpoint.url, "reason": reason, "failures": failures},
    )
    admins = User.objects.filter(
        memberships__organisation_id=endpoint.organisation_id,
        memberships__role=MembershipRole.ADMIN,
        is_active=True,
    ).order_by("pk")
    for admin in admins:
        mail_send(
            to=admin.email,
            template="webhooks/mail/paused",
            language=admin.preferred_language,
            context={
                "endpoint": endpoint,
                "organisation": endpoint.organisation,
                "person": admin,
                "failures": failures,
            },
        )


def _queue_retry(delivery: WebhookDelivery) -> None:
    """Queue the retry for its time where the task queue can wait (the database queue);
    elsewhere `manage.py deliver_webhooks` sends it when due."""
    from council.webhooks.tasks import webhook_deliver

    if delivery.next_attempt_at is None or not webhook_deliver.get_backend().supports_defer:
        return
    webhook_deliver.using(run_after=delivery.next_attempt_at).enqueue(delivery_id=delivery.pk)


def deliveries_send_due(*, now: datetime | None = None, limit: int = 500) -> int:
    """Send every delivery due at `now` (this moment by default) of an active endpoint,
    oldest first, at most `limit` per run; how many were sent (whatever their outcome)."""
    now = now or timezone.now()
    due = (
        WebhookDelivery.objects.filter(
            status__in=OPEN_STATUSES, next_attempt_at__lte=now, endpoint__active=True
        )
        .order_by("next_attempt_at", "pk")
        .values_list("pk", flat=True)[:limit]
    )
    sent = 0
    for pk in list(due):
        if delivery_attempt(delivery_id=pk, now=now) is not None:
            sent += 1
    return sent


def webhook_redeliver(*, actor: User, delivery: WebhookDelivery) -> WebhookDelivery:
    """Send a delivery again, whatever became of it, with the same message id (the
    subscriber can tell a repeat) and a fresh round of retries."""
    moment = timezone.now()
    with transaction.atomic():
        endpoint = delivery.endpoint
        if not endpoint.active:
            raise ValidationError(_("This endpoint is paused: resume it first."))
        before = {"status": delivery.status, "attempts": delivery.attempts}
        taken = (
            WebhookDelivery.objects.filter(pk=delivery.pk)
            .filter(Q(claimed_until__isnull=True) | Q(claimed_until__lt=moment))
            .update(
                status=DeliveryStatus.PENDING,
                attempts=0,
                next_attempt_at=moment,
                error="",
            )
        )
        if not taken:
            raise ValidationError(_("This delivery is being sent right now; try again shortly."))
        record(
            actor=actor,
            action="webhook.redelivered",
            target=delivery,
            organisation_id=endpoint.organisation_id,
            data={"endpoint": endpoint.pk, "event": delivery.event_type, **before},
        )
        send_after_commit([delivery.pk])
    delivery.refresh_from_db()
    return delivery
