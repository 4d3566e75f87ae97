"""The messages sent to an audience, and one message's log, in a fixed number of queries."""

from __future__ import annotations

from django.db.models import Count, QuerySet

from council.messaging.models import Delivery, Message
from council.projects.models import Opportunity, Shift


def messages_to(**target: object) -> QuerySet[Message]:
    """Messages sent to `opportunity=…`, `quota=…` or `delegation=…`, newest first."""
    return (
        Message.objects.filter(**target)
        .select_related("author", "shift")
        .order_by("-sent_at", "-pk")
    )


def delivery_summary(*, message: Message) -> list[dict[str, object]]:
    """How many deliveries of each status and language."""
    return list(
        Delivery.objects.filter(message=message)
        .values("status", "language")
        .annotate(count=Count("pk"))
        .order_by("status", "language")
    )


def shifts_of(*, opportunity: Opportunity) -> list[Shift]:
    """The opportunity's shifts, for choosing one to write to."""
    return list(opportunity.shifts.order_by("start", "pk"))


def shift_of(*, opportunity: Opportunity, pk: int) -> Shift | None:
    return opportunity.shifts.filter(pk=pk).first()
