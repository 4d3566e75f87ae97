from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from council.orgs.models import Organisation
from council.webhooks.models import DeliveryStatus, WebhookDelivery, WebhookEndpoint


def endpoints_of(*, organisation: Organisation) -> QuerySet[WebhookEndpoint]:
    """The organisation's endpoints, each with its count of deliveries given up."""
    return (
        WebhookEndpoint.objects.filter(organisation=organisation)
        .annotate(gave_up=Count("deliveries", filter=Q(deliveries__status=DeliveryStatus.GAVE_UP)))
        .order_by("pk")
    )


def deliveries_of(
    *, endpoint: WebhookEndpoint, status: str | None = None
) -> QuerySet[WebhookDelivery]:
    """The endpoint's delivery log, newest first (of one status when given)."""
    deliveries = WebhookDelivery.objects.filter(endpoint=endpoint)
    if status:
        deliveries = deliveries.filter(status=status)
    return deliveries.defer("payload").order_by("-created_at", "-pk")
