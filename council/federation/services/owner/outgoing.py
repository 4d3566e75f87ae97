"""What the owner node tells a person's home node after the action: each new status of the
rows it made for the home node's actions (`status`), and verified hours, signed with this
node's key (`hours`). Both go through the outbox (council.federation.services.outbox), which
retries them until the home node has answered, under one idempotency key each."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from typing import Any

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.db.models import BigIntegerField, CharField, Exists, F, OuterRef, Subquery
from django.db.models.functions import Cast
from django.utils import timezone

from council.deployments.models import Candidacy
from council.exchanges.models import ExchangeApplication
from council.federation import protocol
from council.federation.models import Direction, LinkKind, Peer, RemoteLink, Transfer
from council.forums.models import Registration
from council.hours.models import EntryStatus, HoursEntry
from council.lib.signing import sign
from council.projects.models import Application
from council.webhooks.payloads import names_of

# Each kind of row made for a home node's action: its model and the field naming the person.
LINKED_ROWS: dict[str, tuple[type[models.Model], str]] = {
    LinkKind.APPLICATION: (Application, "volunteer"),
    LinkKind.REGISTRATION: (Registration, "person"),
    LinkKind.EXCHANGE_APPLICATION: (ExchangeApplication, "person"),
    LinkKind.CANDIDACY: (Candidacy, "person"),
}
HOURS_BATCH = 500
HOURS_FIELDS = ["person", "date", "hours", "organisation", "opportunity"]


@dataclass
class StatusDue:
    link: RemoteLink
    row: Any  # the local application, registration, exchange application or candidacy
    payload: dict[str, Any]

    @property
    def person(self) -> Any:
        return getattr(self.row, LINKED_ROWS[self.link.kind][1])


def _status_payload(link: RemoteLink, row: Any) -> dict[str, Any]:
    at = getattr(row, "decided_at", None) or timezone.now()
    return {
        "kind": link.kind,
        "id": link.remote_id,
        "remote_id": link.local_id,
        "status": row.status,
        "reason": getattr(row, "reason", "") or "",
        "at": at.isoformat(),
    }


def status_changes_due() -> list[StatusDue]:
    """The linked rows whose status is not the one last told to the home node: two queries
    per kind of row, however many there are."""
    due: list[StatusDue] = []
    for kind, (model, person_field) in LINKED_ROWS.items():
        current = model._default_manager.filter(
            pk=Cast(OuterRef("local_id"), BigIntegerField())
        ).values("status")[:1]
        links = list(
            RemoteLink.objects.filter(kind=kind)
            .annotate(current=Subquery(current))
            .filter(current__isnull=False)
            .exclude(current=F("status"))
            .select_related("peer")
            .order_by("updated_at", "pk")
        )
        if not links:
            continue
        rows = model._default_manager.select_related(person_field).in_bulk(
            [int(link.local_id) for link in links]
        )
        for link in links:
            row = rows.get(int(link.local_id))
            if row is not None:
                due.append(StatusDue(link, row, _status_payload(link, row)))
    return due


def send_status_changes() -> int:
    """Put each new status in the outbox for its home node, and remember it as told in the
    same transaction (so it goes once, however often this runs). A person erased meanwhile is
    told nothing more about. Returns how many were sent."""
    from council.federation.services.outbox import outbox_enqueue

    sent = 0
    for item in status_changes_due():
        with transaction.atomic():
            link = RemoteLink.objects.select_for_update().filter(pk=item.link.pk).first()
            if link is None or link.status == item.row.status:
                continue  # another run told it meanwhile
            person = item.person
            if person.erased_at is None:
                outbox_enqueue(
                    peer=link.peer,
                    kind=protocol.STATUS,
                    payload=item.payload,
                    person=person,
                    subject=item.row,
                )
                sent += 1
            link.status = item.row.status
            link.updated_at = timezone.now()
            link.save(update_fields=["status", "updated_at"])
    return sent


# --- Hours -----------------------------------------------------------------------------------


@dataclass
class HoursDue:
    entry: HoursEntry
    peer: Peer
    document: dict[str, Any]  # the entry as signed and sent (docs/federation.md, "hours")


def _home_applications(entries: list[HoursEntry]) -> dict[tuple[int, int | None, int | None], str]:
    """The home node's application ids behind the entries, by (person, opportunity, shift):
    two queries."""
    volunteers = {entry.volunteer_id for entry in entries}
    opportunities = {entry.opportunity_id for entry in entries if entry.opportunity_id}
    applications = list(
        Application.objects.filter(
            volunteer_id__in=volunteers, opportunity_id__in=opportunities
        ).values_list("pk", "volunteer_id", "opportunity_id", "shift_id")
    )
    links = dict(
        RemoteLink.objects.filter(
            kind=LinkKind.APPLICATION, local_id__in=[str(row[0]) for row in applications]
        ).values_list("local_id", "remote_id")
    )
    found: dict[tuple[int, int | None, int | None], str] = {}
    for pk, volunteer, opportunity, shift in applications:
        if str(pk) in links:
            found[(volunteer, opportunity, shift)] = links[str(pk)]
    return found


def _document(entry: HoursEntry, home_application: str | None) -> dict[str, Any]:
    opportunity = entry.opportunity
    verified_at = entry.decided_at or timezone.now()
    return {
        "id": str(entry.pk),
        "person": entry.volunteer.remote_person.remote_ref,
        "application": home_application,
        "organisation": {
            "id": str(entry.organisation_id),
            "name": names_of(entry.organisation, "name"),
        },
        # Hours of a person of another node come from a shift of a role; were the role
        # deleted since, its project stands in.
        "opportunity": {"id": str(opportunity.pk), "title": names_of(opportunity, "title")}
        if opportunity is not None
        else {"id": f"project-{entry.project_id}", "title": names_of(entry.project, "title")},
        "date": entry.date.isoformat(),
        "hours": f"{entry.hours:.2f}",
        "verified_at": verified_at.isoformat(),
        "node": settings.NODE_ID,
        "country": settings.NODE_COUNTRY,
    }


def hours_due(*, limit: int = HOURS_BATCH) -> list[HoursDue]:
    """Verified hours of people of other nodes not sent home yet, oldest first (a constant
    number of queries)."""
    sent = RemoteLink.objects.filter(
        kind=LinkKind.HOURS, local_id=Cast(OuterRef("pk"), CharField())
    )
    entries = list(
        HoursEntry.objects.filter(
            status=EntryStatus.VERIFIED,
            volunteer__home_node__gt="",
            volunteer__erased_at__isnull=True,
            volunteer__remote_person__erased_at__isnull=True,
        )
        .exclude(Exists(sent))
        .select_related("volunteer__remote_person__peer", "organisation", "opportunity", "project")
        .order_by("decided_at", "pk")[:limit]
    )
    applications = _home_applications(entries)
    return [
        HoursDue(
            entry,
            entry.volunteer.remote_person.peer,
            _document(
                entry,
                applications.get((entry.volunteer_id, entry.opportunity_id, entry.shift_id))
                or applications.get((entry.volunteer_id, entry.opportunity_id, None)),
            ),
        )
        for entry in entries
    ]


def hours_payload(document: dict[str, Any], private_key: str) -> dict[str, Any]:
    """The body of an `hours` write: the entry and this node's signature over it."""
    return {"entry": document, "signature": sign(document, private_key)}


def send_verified_hours() -> int:
    """Sign each verified entry of a person of another node and put it in the outbox for their
    home node, with a RemoteLink (so it goes once) and a transfer-log row. Returns how many
    were sent."""
    from council.federation.services.outbox import outbox_enqueue

    keys = import_module("council.federation.keys")
    # The node's private key (base64 Ed25519 seed): `node_private_key` as the contract names
    # it, `private_key` as council.federation.keys may spell it.
    private_key = getattr(keys, "node_private_key", None) or keys.private_key
    private_key = private_key()
    sent = 0
    while batch := hours_due():
        for item in batch:
            volunteer = item.entry.volunteer
            try:
                with transaction.atomic():
                    RemoteLink.objects.create(
                        peer=item.peer,
                        kind=LinkKind.HOURS,
                        local_id=str(item.entry.pk),
                        status="sent",
                    )
                    outbox_enqueue(
                        peer=item.peer,
                        kind=protocol.HOURS,
                        payload=hours_payload(item.document, private_key),
                        person=volunteer,
                        subject=item.entry,
                    )
                    Transfer.objects.create(
                        direction=Direction.OUT,
                        peer=item.peer,
                        person=volunteer,
                        person_ref=str(volunteer.pk),
                        purpose=protocol.HOURS,
                        fields=HOURS_FIELDS,
                        consent_ref=volunteer.remote_person.consent_ref,
                    )
            except IntegrityError:
                continue  # another run sent it meanwhile
            sent += 1
        if len(batch) < HOURS_BATCH:
            break
    return sent


def hours_answered(message: Any, reply: dict[str, Any]) -> None:
    """The home node's id of the entry it recorded, kept on the link."""
    home_id = reply.get("entry")
    if isinstance(home_id, str | int) and message.subject_id:
        RemoteLink.objects.filter(
            peer_id=message.peer_id, kind=LinkKind.HOURS, local_id=message.subject_id
        ).update(remote_id=str(home_id)[:64], status="delivered", updated_at=timezone.now())


def hours_refused(message: Any, error: Any) -> None:
    """The home node refused the entry (a refusal is final): the link says so, and the entry
    is not sent again."""
    if message.subject_id:
        RemoteLink.objects.filter(
            peer_id=message.peer_id, kind=LinkKind.HOURS, local_id=message.subject_id
        ).update(status="refused", updated_at=timezone.now())
