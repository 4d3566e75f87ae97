"""Messages to everyone on a shift, an opportunity, a forum quota or a delegation, and the
caller's notification choices. The rules live in council/messaging/services.py and
council/accounts/notifications.py."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from pydantic import ConfigDict

from council.accounts.http import AuthenticatedRequest
from council.accounts.models import NotificationChannel, NotificationKind
from council.accounts.notifications import notifications_set, turned_off
from council.api.schemas import StrictId
from council.messaging.access import (
    get_delegation_for_writer,
    get_message_for_writer,
    get_opportunity_for_writer,
    get_quota_for_host,
)
from council.messaging.models import Audience, Message
from council.messaging.selectors import delivery_summary, shift_of
from council.messaging.services import message_send

router = Router(tags=["messages"])


class MessageIn(Schema):
    model_config = ConfigDict(extra="forbid")

    include_waiting: bool = False
    subject_ru: str = Field("", max_length=200)
    subject_kk: str = Field("", max_length=200)
    subject_en: str = Field("", max_length=200)
    body_ru: str = Field("", max_length=20000)
    body_kk: str = Field("", max_length=20000)
    body_en: str = Field("", max_length=20000)


class OpportunityMessageIn(MessageIn):
    shift: StrictId | None = Field(None, description="Only this shift's people")


class DeliveryCount(Schema):
    status: str
    language: str
    count: int


class MessageOut(Schema):
    id: int
    audience: Audience
    subject: str
    body: str
    include_waiting: bool
    recipients: int
    sent_at: datetime
    deliveries: list[DeliveryCount]

    @staticmethod
    def resolve_deliveries(obj: Message) -> list[dict[str, object]]:
        return delivery_summary(message=obj)


class NotificationChoice(Schema):
    kind: NotificationKind
    channel: NotificationChannel
    on: bool


class NotificationsIn(Schema):
    model_config = ConfigDict(extra="forbid")

    off: list[NotificationChoice] = Field(
        description="Every kind and channel: `on` false turns it off"
    )


@router.post("/opportunities/{opportunity_id}/messages", response={201: MessageOut})
def message_to_opportunity(
    request: AuthenticatedRequest, opportunity_id: int, payload: OpportunityMessageIn
) -> Any:
    """Send a message now, through the mail queue, to everyone on the opportunity (or on one
    of its shifts), each in their language (organisers)."""
    opportunity = get_opportunity_for_writer(user=request.user, pk=opportunity_id)
    data = payload.model_dump()
    shift_id = data.pop("shift")
    shift = None
    if shift_id is not None:
        shift = shift_of(opportunity=opportunity, pk=shift_id)
        if shift is None:
            raise ValidationError({"shift": _("Choose one of this opportunity's shifts.")})
    audience = Audience.SHIFT if shift is not None else Audience.OPPORTUNITY
    message = message_send(
        actor=request.user, audience=audience, target=opportunity, shift=shift, **data
    )
    return Status(201, message)


@router.post("/forum-quotas/{quota_id}/messages", response={201: MessageOut})
def message_to_quota(request: AuthenticatedRequest, quota_id: int, payload: MessageIn) -> Any:
    """Send a message to everyone registered in a forum quota (the forum's hosts)."""
    quota = get_quota_for_host(user=request.user, pk=quota_id)
    message = message_send(
        actor=request.user, audience=Audience.QUOTA, target=quota, **payload.model_dump()
    )
    return Status(201, message)


@router.post("/delegations/{delegation_id}/messages", response={201: MessageOut})
def message_to_delegation(
    request: AuthenticatedRequest, delegation_id: int, payload: MessageIn
) -> Any:
    """Send a message to a delegation's members (its head and sending organisers)."""
    delegation = get_delegation_for_writer(user=request.user, pk=delegation_id)
    message = message_send(
        actor=request.user,
        audience=Audience.DELEGATION,
        target=delegation,
        **payload.model_dump(),
    )
    return Status(201, message)


@router.get("/messages/{message_id}", response=MessageOut)
def message_detail(request: AuthenticatedRequest, message_id: int) -> Message:
    """A message and its log (who may write to its audience)."""
    return get_message_for_writer(user=request.user, pk=message_id)


def _choices(user: Any) -> list[dict[str, object]]:
    off = turned_off(user=user)
    return [
        {"kind": kind, "channel": channel, "on": (kind, channel) not in off}
        for kind in NotificationKind.values
        for channel in NotificationChannel.values
    ]


@router.get("/me/notifications", response=list[NotificationChoice])
def notifications_mine(request: AuthenticatedRequest) -> list[dict[str, object]]:
    """What the caller hears about, per kind and channel."""
    return _choices(request.user)


@router.put("/me/notifications", response=list[NotificationChoice])
def notifications_update(
    request: AuthenticatedRequest, payload: NotificationsIn
) -> list[dict[str, object]]:
    """Set the caller's choices; kinds and channels left out stay as they are."""
    current = {
        (str(row["kind"]), str(row["channel"])): bool(row["on"]) for row in _choices(request.user)
    }
    for choice in payload.off:
        current[(choice.kind, choice.channel)] = choice.on
    notifications_set(user=request.user, off={pair for pair, on in current.items() if not on})
    return _choices(request.user)
