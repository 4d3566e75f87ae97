"""Web push over the API (council/push/): the site's public VAPID key, and the caller's own
devices that receive notifications, added (a browser's PushSubscription as it serialises
itself) and removed."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from ninja import Field, Router, Schema, Status
from pydantic import ConfigDict

from council.accounts.http import AuthenticatedRequest
from council.api.schemas import Id
from council.push import access, selectors, services
from council.push.models import PushSubscription

router = Router(tags=["push"])


class KeyOut(Schema):
    enabled: bool = Field(description="Whether this site sends push messages at all")
    public_key: str = Field(description="The applicationServerKey (url-safe base64), or empty")


class SubscriptionOut(Schema):
    id: int
    push_service: str = Field(alias="service_host", description="The push service's host")
    created_at: datetime


class KeysIn(Schema):
    model_config = ConfigDict(extra="forbid")

    p256dh: str = Field(max_length=200)
    auth: str = Field(max_length=100)


class SubscriptionIn(Schema):
    """A browser's PushSubscription as `subscription.toJSON()` gives it."""

    model_config = ConfigDict(extra="ignore")

    endpoint: str = Field(max_length=1000)
    keys: KeysIn


@router.get("/push/key", response=KeyOut)
def push_key(request: AuthenticatedRequest) -> dict[str, object]:
    """The key a browser subscribes with (`applicationServerKey`)."""
    enabled = services.push_enabled()
    return {"enabled": enabled, "public_key": settings.VAPID_PUBLIC_KEY if enabled else ""}


@router.get("/push/subscriptions", response=list[SubscriptionOut])
def subscription_list(request: AuthenticatedRequest) -> list[PushSubscription]:
    """The caller's devices that receive notifications."""
    return list(selectors.subscriptions_of(user=request.user))


@router.post("/push/subscriptions", response={201: SubscriptionOut})
def subscription_create(
    request: AuthenticatedRequest, payload: SubscriptionIn
) -> Status[PushSubscription]:
    """Send the caller's notifications to this device (again: its keys are updated)."""
    subscription = services.push_subscription_save(
        user=request.user,
        endpoint=payload.endpoint,
        p256dh=payload.keys.p256dh,
        auth=payload.keys.auth,
    )
    return Status(201, subscription)


@router.delete("/push/subscriptions/{subscription_id}", response={204: None})
def subscription_delete(request: AuthenticatedRequest, subscription_id: Id) -> Status[None]:
    """Stop notifications to this device."""
    subscription = access.get_own_subscription(user=request.user, pk=subscription_id)
    services.push_subscription_delete(user=request.user, subscription=subscription)
    return Status(204, None)
