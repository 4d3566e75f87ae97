"""Who may see and change an organisation's webhooks: its administrators (a national
network's administrators for the network's own endpoints). Another party's endpoint or
delivery is a 404; a member of the organisation who is not its administrator gets a 403 —
the endpoints hold a signing secret, the deliveries people's data."""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from council.accounts.http import Viewer
from council.orgs.access import get_organisation_for_admin
from council.orgs.models import Organisation
from council.webhooks.models import WebhookDelivery, WebhookEndpoint


def get_organisation_for_webhooks(*, user: Viewer, pk: int) -> Organisation:
    organisation, _membership = get_organisation_for_admin(user=user, pk=pk)
    return organisation


def _owner_checked(user: Viewer, organisation_id: int) -> None:
    get_organisation_for_admin(user=user, pk=organisation_id)


def get_endpoint_for_admin(*, user: Viewer, pk: int) -> WebhookEndpoint:
    endpoint: WebhookEndpoint = get_object_or_404(
        WebhookEndpoint.objects.select_related("organisation"), pk=pk
    )
    _owner_checked(user, endpoint.organisation_id)
    return endpoint


def get_delivery_for_admin(*, user: Viewer, pk: int) -> WebhookDelivery:
    delivery: WebhookDelivery = get_object_or_404(
        WebhookDelivery.objects.select_related("endpoint__organisation"), pk=pk
    )
    _owner_checked(user, delivery.endpoint.organisation_id)
    return delivery
