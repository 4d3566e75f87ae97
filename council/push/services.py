"""Web push: a device's subscription kept and dropped, and a notification sent to each of a
person's devices by a background task, in the person's language.

`push_send` only records what to send; the task (`push_deliver`) encrypts and posts it
through pywebpush. A push service that answers 404 or 410 has forgotten the device (the
person turned notifications off in the browser, or uninstalled it): its row goes. Without
VAPID keys (settings.VAPID_PRIVATE_KEY) nothing is queued or sent."""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.functional import Promise
from pywebpush import WebPushException, webpush

from council.accounts.models import NotificationChannel, User
from council.accounts.notifications import is_turned_off
from council.audit.services import record
from council.push.models import PushSubscription

logger = logging.getLogger(__name__)
# What the push service's answer means for the device: gone for good, or try another time.
GONE_STATUSES = {404, 410}


def push_enabled() -> bool:
    return bool(settings.VAPID_PRIVATE_KEY and settings.VAPID_PUBLIC_KEY)


@transaction.atomic
def push_subscription_save(
    *, user: User, endpoint: str, p256dh: str, auth: str
) -> PushSubscription:
    """Keep this device's subscription for `user`. A device is its push address: subscribing
    it again (new keys, or another person signed in on it) updates the one row."""
    subscription = PushSubscription.objects.select_for_update().filter(
        endpoint=endpoint
    ).first() or PushSubscription(endpoint=endpoint)
    changed_hands = subscription.pk is not None and subscription.user_id != user.pk
    created = subscription.pk is None
    subscription.user = user
    subscription.p256dh = p256dh
    subscription.auth = auth
    subscription.full_clean(validate_unique=False)
    subscription.save()
    if created or changed_hands:
        record(actor=user, action="push.subscribed", target=subscription)
    return subscription


@transaction.atomic
def push_subscription_delete(*, user: User, subscription: PushSubscription) -> None:
    """Stop notifications to this device (its owner's wish)."""
    record(actor=user, action="push.unsubscribed", target=subscription)
    subscription.delete()


def push_subscription_delete_endpoint(*, user: User, endpoint: str) -> bool:
    """Stop notifications to the device of this push address, if it is `user`'s; whether
    there was one."""
    subscription = PushSubscription.objects.filter(user=user, endpoint=endpoint).first()
    if subscription is None:
        return False
    push_subscription_delete(user=user, subscription=subscription)
    return True


def _render(text: str | Promise, context: Mapping[str, Any]) -> str:
    # Inside translation.override: a lazy text and the context's model instances (their
    # __str__ reads translated fields) come out in the recipient's language.
    rendered = str(text)
    if context:
        rendered = rendered % {name: str(value) for name, value in context.items()}
    return rendered


def push_send(
    *,
    user: User,
    title: str | Promise,
    body: str | Promise,
    url: str,
    context: Mapping[str, Any] | None = None,
    kind: str | None = None,
) -> int:
    """Notify each of `user`'s devices once the surrounding transaction commits; returns how
    many were queued (0 without VAPID keys or devices). `title` and `body` are translatable
    texts (gettext_lazy), formatted with `context` in the person's language; `url` is the
    page a tap on the notification opens (a path of this site); `kind` (a NotificationKind)
    is respected as the person chose it for this channel."""
    if not push_enabled():
        return 0
    if kind is not None and is_turned_off(user=user, kind=kind, channel=NotificationChannel.PUSH):
        return 0  # the person turned this kind off on their devices (accounts/notifications.py)
    devices = list(PushSubscription.objects.filter(user=user).values_list("pk", flat=True))
    if not devices:
        return 0
    with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
        message = {
            "title": _render(title, context or {}),
            "body": _render(body, context or {}),
            "url": url,
            "lang": translation.get_language(),
        }
    payload = json.dumps(message, ensure_ascii=False)
    _send_after_commit(devices, payload)
    return len(devices)


def _send_after_commit(subscription_ids: list[int], payload: str) -> None:
    """With the change when tasks are rows of this database (they commit or vanish with it),
    otherwise once it commits: no notification about a rolled-back change."""
    from django_tasks_db.backend import DatabaseBackend

    from council.push.tasks import push_deliver_task

    def enqueue() -> None:
        for pk in subscription_ids:
            push_deliver_task.enqueue(subscription_id=pk, payload=payload)

    if isinstance(push_deliver_task.get_backend(), DatabaseBackend):
        enqueue()
    else:
        transaction.on_commit(enqueue)


def push_deliver(*, subscription_id: int, payload: str) -> str:
    """Encrypt and post one notification to one device: "sent", "gone" (the push service
    forgot the device, whose row is deleted), "failed" (logged; a later message may pass),
    or "skipped" (the device or the keys are gone)."""
    subscription = PushSubscription.objects.filter(pk=subscription_id).first()
    if subscription is None or not push_enabled():
        return "skipped"
    try:
        webpush(
            subscription_info=subscription.subscription_info(),
            data=payload,
            vapid_private_key=settings.VAPID_PRIVATE_KEY,
            vapid_claims={"sub": settings.VAPID_SUBJECT},
            ttl=settings.PUSH_TTL_SECONDS,
            timeout=settings.PUSH_TIMEOUT_SECONDS,
        )
    except WebPushException as error:
        status = error.status_code
        if status in GONE_STATUSES:
            with transaction.atomic():
                record(
                    actor=None,
                    action="push.expired",
                    target=subscription,
                    data={"status": status},
                )
                PushSubscription.objects.filter(pk=subscription.pk).delete()
            return "gone"
        logger.warning("push to %s failed: %s", subscription.service_host, status or error)
        return "failed"
    except OSError as error:  # the push service could not be reached (requests' errors too)
        logger.warning("push to %s failed: %s", subscription.service_host, error)
        return "failed"
    return "sent"


def push_subscriptions_export(user: User) -> list[dict[str, Any]]:
    return [
        {"push_service": row.service_host, "since": row.created_at.isoformat()}
        for row in PushSubscription.objects.filter(user=user)
    ]


def push_subscriptions_erase(user: User) -> None:
    PushSubscription.objects.filter(user=user).delete()
