"""Subscribing an endpoint, changing it, pausing and resuming it, rotating its secret."""

from __future__ import annotations

import base64
import secrets
from datetime import timedelta
from typing import TypedDict, Unpack

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from council.accounts.models import User
from council.audit.services import record
from council.lib.updates import save_fields
from council.orgs.models import Organisation
from council.webhooks import net
from council.webhooks.events import EVENT_TYPES
from council.webhooks.models import WebhookEndpoint

SECRET_PREFIX = "whsec_"  # noqa: S105 (the form of a secret, not one)
SECRET_BYTES = 32
# At most this many endpoints per organisation.
MAX_ENDPOINTS = 20


class EndpointFields(TypedDict, total=False):
    url: str
    description: str
    events: list[str]


def secret_new() -> str:
    """A new signing secret in the Standard Webhooks form: `whsec_` and base64 of 32 random
    bytes."""
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(SECRET_BYTES)).decode()


def _clean(fields: EndpointFields) -> EndpointFields:
    cleaned: EndpointFields = {}
    if "url" in fields:
        url = (fields["url"] or "").strip()
        if len(url) > WebhookEndpoint._meta.get_field("url").max_length:  # type: ignore[operator]
            raise ValidationError({"url": _("The address is too long.")})
        net.resolve(url)  # RefusedAddress, a ValidationError naming `url`
        cleaned["url"] = url
    if "description" in fields:
        cleaned["description"] = (fields["description"] or "").strip()
    if "events" in fields:
        events = list(dict.fromkeys(fields["events"] or []))
        unknown = [event for event in events if event not in EVENT_TYPES]
        if unknown:
            raise ValidationError(
                {"events": _("Unknown events: %(events)s.") % {"events": ", ".join(unknown)}}
            )
        if not events:
            raise ValidationError({"events": _("Choose at least one event.")})
        cleaned["events"] = events
    return cleaned


def _audit(actor: User | None, action: str, endpoint: WebhookEndpoint, **data: object) -> None:
    record(
        actor=actor,
        action=action,
        target=endpoint,
        organisation_id=endpoint.organisation_id,
        data={"url": endpoint.url, **data},
    )


def webhook_endpoint_create(
    *, actor: User, organisation: Organisation, **fields: Unpack[EndpointFields]
) -> WebhookEndpoint:
    """Subscribe an address of the organisation to events; its new secret is on the
    returned endpoint (show it once). The address is looked up (DNS) before the transaction
    begins, so no lookup holds the database."""
    cleaned = _clean({"description": "", **fields})
    if "url" not in cleaned or not cleaned["url"]:
        raise ValidationError({"url": _("Enter the address.")})
    if "events" not in cleaned:
        raise ValidationError({"events": _("Choose at least one event.")})
    with transaction.atomic():
        if WebhookEndpoint.objects.filter(organisation=organisation).count() >= MAX_ENDPOINTS:
            raise ValidationError(
                _("An organisation can have at most %(count)d endpoints.")
                % {"count": MAX_ENDPOINTS}
            )
        endpoint = WebhookEndpoint(
            organisation=organisation, secret=secret_new(), created_by=actor, **cleaned
        )
        endpoint.full_clean()
        endpoint.save()
        _audit(actor, "webhook.created", endpoint, events=endpoint.events)
    return endpoint


def webhook_endpoint_update(
    *, actor: User, endpoint: WebhookEndpoint, **fields: Unpack[EndpointFields]
) -> WebhookEndpoint:
    """Change the address, the description or the events (those given)."""
    cleaned = _clean(fields)
    with transaction.atomic():
        for name, value in cleaned.items():
            setattr(endpoint, name, value)
        endpoint.full_clean()
        endpoint.save(update_fields=list(cleaned))
        _audit(actor, "webhook.updated", endpoint, events=endpoint.events)
    return endpoint


@transaction.atomic
def webhook_endpoint_delete(*, actor: User, endpoint: WebhookEndpoint) -> None:
    """Delete the endpoint and its delivery log (the audit keeps that it existed)."""
    _audit(actor, "webhook.deleted", endpoint)
    endpoint.delete()


@transaction.atomic
def webhook_endpoint_pause(
    *, actor: User | None, endpoint: WebhookEndpoint, reason: str = ""
) -> WebhookEndpoint:
    """Stop sending: deliveries wait (their retries too) until the endpoint is resumed."""
    if not endpoint.active:
        raise ValidationError(_("This endpoint is already paused."))
    reason = reason.strip()[:300]
    save_fields(endpoint, active=False, paused_at=timezone.now(), paused_reason=reason)
    _audit(actor, "webhook.paused", endpoint, reason=reason)
    return endpoint


@transaction.atomic
def webhook_endpoint_resume(*, actor: User, endpoint: WebhookEndpoint) -> WebhookEndpoint:
    """Send again; the deliveries that waited go out at their next attempt, and the count of
    failures starts afresh."""
    if endpoint.active:
        raise ValidationError(_("This endpoint is not paused."))
    save_fields(endpoint, active=True, paused_at=None, paused_reason="", consecutive_failures=0)
    _audit(actor, "webhook.resumed", endpoint)
    return endpoint


def rotation_grace() -> timedelta:
    return timedelta(hours=settings.WEBHOOKS_ROTATION_GRACE_HOURS)


@transaction.atomic
def webhook_secret_rotate(
    *, actor: User, endpoint: WebhookEndpoint, grace: timedelta | None = None
) -> WebhookEndpoint:
    """A new secret; the old one goes on signing beside it for `grace` (by default
    WEBHOOKS_ROTATION_GRACE_HOURS), so the subscriber can switch without losing a message.
    The new secret is on the returned endpoint (show it once)."""
    grace = rotation_grace() if grace is None else grace
    save_fields(
        endpoint,
        previous_secret=endpoint.secret,
        previous_secret_until=timezone.now() + grace,
        secret=secret_new(),
    )
    _audit(
        actor,
        "webhook.secret_rotated",
        endpoint,
        previous_until=endpoint.previous_secret_until.isoformat()
        if endpoint.previous_secret_until
        else None,
    )
    return endpoint
