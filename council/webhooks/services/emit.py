"""`webhook_emit`: the one entry point of the other apps. It finds who may hear of an event,
builds each subscriber's payload with only what that subscriber may see, records the
deliveries in the caller's transaction and sends them once it commits.

Who hears of an event in an organisation:
- the organisation's own active endpoints subscribed to the event;
- the active endpoints of the verified national network(s) of the organisation's country
  (the network that coordinates and verifies the country's organisations, as
  council.orgs.selectors.coordinated_country_codes has it), subscribed to the event.
Nobody else: not a parent network of another country, not the council.

A person's fields (name, email…) go to a subscriber only when the subscriber's organisation
is in the person's home country or the person has a live cross-border consent
(council/accounts/consents.py); otherwise the subscriber gets a pseudonymous id only."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from council.accounts.models import ConsentPurpose, User
from council.accounts.services import has_live_consent
from council.audit.services import record
from council.orgs.models import Organisation, OrganisationKind, OrganisationStatus
from council.webhooks.events import EVENTS_BY_TYPE, TEST
from council.webhooks.models import WebhookDelivery, WebhookEndpoint
from council.webhooks.payloads import names_of, person_fields_of


def message_id() -> str:
    """A new message id (`webhook-id`), as Standard Webhooks writes them: `msg_…`."""
    return f"msg_{uuid.uuid4().hex}"


def person_pseudonym(*, subscriber_id: int, person_id: int) -> str:
    """The person's id as one subscriber sees it: stable for that subscriber, different for
    each, and not the platform's own key (subscribers cannot join their data on it)."""
    digest = salted_hmac(
        "council.webhooks.person", f"{subscriber_id}:{person_id}", algorithm="sha256"
    ).hexdigest()
    return f"psn_{digest[:32]}"


def subscribers(*, event: str, organisation_id: int) -> list[WebhookEndpoint]:
    """The active endpoints that hear of `event` in the organisation (see the module's
    docstring), with their organisations: one query."""
    country = Organisation.objects.filter(pk=organisation_id).values("country_id")[:1]
    endpoints = WebhookEndpoint.objects.filter(
        Q(organisation_id=organisation_id)
        | Q(
            organisation__kind=OrganisationKind.NATIONAL_NETWORK,
            organisation__status=OrganisationStatus.VERIFIED,
            organisation__country_id=country,
        ),
        active=True,
    ).select_related("organisation")
    # JSON containment is not a lookup SQLite has; an organisation has a few endpoints.
    return [endpoint for endpoint in endpoints.order_by("pk") if event in endpoint.events]


def _may_see_person(endpoint: WebhookEndpoint, person: User, consent: dict[str, bool]) -> bool:
    if person.home_country_id and endpoint.organisation.country_id == person.home_country_id:
        return True
    if "live" not in consent:  # asked once per event, and only when it matters
        consent["live"] = has_live_consent(user=person, purpose=ConsentPurpose.CROSS_BORDER)
    return consent["live"]


def _envelope(event: str, at: datetime, data: dict[str, Any]) -> dict[str, Any]:
    return {"type": event, "timestamp": at.isoformat(), "data": data}


def webhook_emit(
    *,
    event: str,
    organisation: Organisation | int,
    payload: Mapping[str, Any],
    person: User | None = None,
    person_fields: Mapping[str, Any] | None = None,
) -> list[WebhookDelivery]:
    """Record a delivery of `event` for each subscriber that may hear of it, inside the
    caller's transaction, and send them once it commits. `organisation` (or its pk: it is
    read only when someone listens) is where the event happened; `payload` is the event's
    `data` (events.py); `person` the person it is about, whose `person_fields` (by default
    `person_fields_of(person)`) go only to subscribers that may see them. One query when
    nobody listens."""
    if event not in EVENTS_BY_TYPE:
        raise ValueError(f"unknown webhook event {event!r}")
    organisation_id = organisation if isinstance(organisation, int) else organisation.pk
    endpoints = subscribers(event=event, organisation_id=organisation_id)
    if not endpoints:
        return []
    if isinstance(organisation, int):
        organisation = Organisation.objects.get(pk=organisation_id)
    at = timezone.now()
    msg = message_id()
    where = {"id": organisation.pk, "name": names_of(organisation)}
    consent: dict[str, bool] = {}
    fields = dict(person_fields if person_fields is not None else {})
    if person is not None and person_fields is None:
        fields = person_fields_of(person)
    deliveries = []
    for endpoint in endpoints:
        data: dict[str, Any] = {"organisation": where, **payload}
        if person is not None:
            seen: dict[str, Any] = {
                "id": person_pseudonym(subscriber_id=endpoint.organisation_id, person_id=person.pk)
            }
            if _may_see_person(endpoint, person, consent):
                seen.update(fields)
            data["person"] = seen
        deliveries.append(
            WebhookDelivery(
                endpoint=endpoint,
                event_type=event,
                event_id=msg,
                payload=_envelope(event, at, data),
                created_at=at,
                next_attempt_at=at,
            )
        )
    created = WebhookDelivery.objects.bulk_create(deliveries)
    send_after_commit([delivery.pk for delivery in created])
    return created


def send_after_commit(delivery_ids: list[int]) -> None:
    """Queue the deliveries' first attempts: with the change when tasks are rows of this
    database (they commit or vanish with it), otherwise once it commits. Whatever a queue
    loses, `manage.py deliver_webhooks` sends when due."""
    from django_tasks_db.backend import DatabaseBackend

    from council.webhooks.tasks import webhook_deliver

    def enqueue() -> None:
        for pk in delivery_ids:
            webhook_deliver.enqueue(delivery_id=pk)

    if isinstance(webhook_deliver.get_backend(), DatabaseBackend):
        enqueue()
    else:
        transaction.on_commit(enqueue)


@transaction.atomic
def webhook_test_send(*, actor: User, endpoint: WebhookEndpoint) -> WebhookDelivery:
    """Send a test event to this endpoint alone (whatever it subscribed to)."""
    if not endpoint.active:
        raise ValidationError(_("This endpoint is paused: resume it first."))
    at = timezone.now()
    data = {
        "organisation": {"id": endpoint.organisation_id, "name": names_of(endpoint.organisation)},
        "endpoint": endpoint.pk,
        "message": "This is a test event from the Volunteer Council platform.",
    }
    delivery = WebhookDelivery.objects.create(
        endpoint=endpoint,
        event_type=TEST,
        event_id=message_id(),
        payload=_envelope(TEST, at, data),
        created_at=at,
        next_attempt_at=at,
    )
    record(
        actor=actor,
        action="webhook.test_sent",
        target=endpoint,
        organisation_id=endpoint.organisation_id,
        data={"delivery": delivery.pk},
    )
    send_after_commit([delivery.pk])
    return delivery
