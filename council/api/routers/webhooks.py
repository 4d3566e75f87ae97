"""Webhooks over the API (council/webhooks/): an organisation's endpoints, their secret, their
delivery log and redelivery, for its administrators (council/webhooks/access.py)."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from ninja import Field, Query, Router, Schema, Status
from pydantic import ConfigDict

from council.accounts.http import AuthenticatedRequest
from council.api.actions import Arguments, acts_on
from council.api.pagination import CursorParams, page_of, paginate
from council.api.schemas import Id, PlainText
from council.webhooks import access, selectors
from council.webhooks.events import EVENT_TYPES
from council.webhooks.models import DeliveryStatus, WebhookDelivery, WebhookEndpoint
from council.webhooks.services import delivery as deliveries
from council.webhooks.services import emit, endpoints

router = Router(tags=["webhooks"])

EventType = Literal[EVENT_TYPES]  # type: ignore[valid-type]


class EndpointOut(Schema):
    id: int
    organisation: int = Field(alias="organisation_id")
    url: str
    description: str
    events: list[str]
    active: bool
    paused_at: datetime | None
    paused_reason: str
    consecutive_failures: int
    previous_secret_until: datetime | None = Field(
        description="While set and in the future, the previous secret signs beside the new one"
    )
    created_at: datetime


class EndpointWithSecretOut(EndpointOut):
    secret: str = Field(description="The signing secret (whsec_…): shown this once")


class EndpointIn(Schema):
    model_config = ConfigDict(extra="forbid")

    url: str = Field(max_length=500, description="An https:// address that accepts POST")
    description: PlainText = Field("", max_length=200)
    events: list[EventType] = Field(min_length=1)  # type: ignore[valid-type]


class EndpointPatch(Schema):
    model_config = ConfigDict(extra="forbid")

    url: str | None = Field(None, max_length=500)
    description: PlainText | None = Field(None, max_length=200)
    events: list[EventType] | None = Field(None, min_length=1)  # type: ignore[valid-type]


class PauseIn(Schema):
    model_config = ConfigDict(extra="forbid")

    reason: PlainText = Field("", max_length=300)


class DeliveryOut(Schema):
    id: int
    endpoint: int = Field(alias="endpoint_id")
    event_type: str
    event_id: str = Field(description="The message's webhook-id")
    status: DeliveryStatus
    attempts: int
    created_at: datetime
    last_attempt_at: datetime | None
    next_attempt_at: datetime | None
    response_status: int | None
    response_excerpt: str
    error: str
    duration_ms: int | None


class DeliveryDetailOut(DeliveryOut):
    payload: dict[str, Any]


class DeliveryFilter(CursorParams):
    status: DeliveryStatus | None = None


@router.get("/organisations/{organisation_id}/webhooks", response=list[EndpointOut])
def endpoint_list(request: AuthenticatedRequest, organisation_id: Id) -> list[WebhookEndpoint]:
    """The organisation's webhook endpoints (its administrators)."""
    organisation = access.get_organisation_for_webhooks(user=request.user, pk=organisation_id)
    return list(selectors.endpoints_of(organisation=organisation))


@router.post("/organisations/{organisation_id}/webhooks", response={201: EndpointWithSecretOut})
def endpoint_create(
    request: AuthenticatedRequest, organisation_id: Id, payload: EndpointIn
) -> Status[WebhookEndpoint]:
    """Subscribe an https:// address to events; the answer holds the signing secret, which is
    not shown again."""
    organisation = access.get_organisation_for_webhooks(user=request.user, pk=organisation_id)
    endpoint = endpoints.webhook_endpoint_create(
        actor=request.user,
        organisation=organisation,
        url=payload.url,
        description=payload.description,
        events=list(payload.events),
    )
    return Status(201, endpoint)


@router.get("/webhooks/{endpoint_id}", response=EndpointOut)
def endpoint_detail(request: AuthenticatedRequest, endpoint_id: Id) -> WebhookEndpoint:
    return access.get_endpoint_for_admin(user=request.user, pk=endpoint_id)


@router.patch("/webhooks/{endpoint_id}", response=EndpointOut)
@acts_on(access.get_endpoint_for_admin, endpoints.webhook_endpoint_update, "endpoint")
def endpoint_update(payload: EndpointPatch) -> Arguments:
    """Change the address, the description or the events (those sent)."""
    return {
        name: list(value) if name == "events" else value
        for name, value in payload.model_dump(exclude_none=True).items()
    }


@router.delete("/webhooks/{endpoint_id}", response={204: None})
def endpoint_delete(request: AuthenticatedRequest, endpoint_id: Id) -> Status[None]:
    """Delete the endpoint and its delivery log."""
    endpoint = access.get_endpoint_for_admin(user=request.user, pk=endpoint_id)
    endpoints.webhook_endpoint_delete(actor=request.user, endpoint=endpoint)
    return Status(204, None)


@router.post("/webhooks/{endpoint_id}/rotate-secret", response=EndpointWithSecretOut)
@acts_on(access.get_endpoint_for_admin, endpoints.webhook_secret_rotate, "endpoint")
def endpoint_rotate_secret() -> Arguments:
    """A new signing secret (in the answer, shown this once); the old one signs beside it for
    the grace period (previous_secret_until)."""
    return {}


@router.post("/webhooks/{endpoint_id}/pause", response=EndpointOut)
@acts_on(access.get_endpoint_for_admin, endpoints.webhook_endpoint_pause, "endpoint")
def endpoint_pause(payload: PauseIn) -> Arguments:
    """Stop sending; deliveries wait until the endpoint is resumed."""
    return {"reason": payload.reason}


@router.post("/webhooks/{endpoint_id}/resume", response=EndpointOut)
@acts_on(access.get_endpoint_for_admin, endpoints.webhook_endpoint_resume, "endpoint")
def endpoint_resume() -> Arguments:
    """Send again; the deliveries that waited go out."""
    return {}


@router.post("/webhooks/{endpoint_id}/test", response={201: DeliveryOut})
@acts_on(access.get_endpoint_for_admin, emit.webhook_test_send, "endpoint", created=True)
def endpoint_test() -> Arguments:
    """Send a `webhook.test` event to this endpoint."""
    return {}


@router.get("/webhooks/{endpoint_id}/deliveries", response=page_of(DeliveryOut))
def delivery_list(
    request: AuthenticatedRequest, endpoint_id: Id, filters: Query[DeliveryFilter]
) -> dict[str, Any]:
    """The endpoint's delivery log, newest first."""
    endpoint = access.get_endpoint_for_admin(user=request.user, pk=endpoint_id)
    log = selectors.deliveries_of(endpoint=endpoint, status=filters.status)
    return paginate(log, key="-created_at", params=filters)


@router.get("/webhook-deliveries/{delivery_id}", response=DeliveryDetailOut)
def delivery_detail(request: AuthenticatedRequest, delivery_id: Id) -> WebhookDelivery:
    """One delivery with its payload."""
    return access.get_delivery_for_admin(user=request.user, pk=delivery_id)


@router.post("/webhook-deliveries/{delivery_id}/redeliver", response=DeliveryOut)
@acts_on(access.get_delivery_for_admin, deliveries.webhook_redeliver, "delivery")
def delivery_redeliver() -> Arguments:
    """Send the delivery again with the same message id and a fresh round of retries."""
    return {}
