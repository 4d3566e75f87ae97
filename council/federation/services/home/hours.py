"""Verified hours of one of our people, sent home by the node where they worked (the `hours`
write, docs/federation.md).

The entry comes signed with the owner node's key; the signature is checked against the keys
the peer publishes before anything is written. The hours join the person's record book as a
verified entry whose origin is "peer:<node>" and whose external id is the owner's entry id:
sending it again updates the same entry. They are valued like any other entry, by the wage
rates of the country where the work was done (the owner's), so the value matches the owner's.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from council.federation.models import Direction, LinkKind, Peer, RemoteLink, SharedPerson
from council.federation.protocol import HOURS, ProtocolError, Received
from council.federation.services.home.applications import moment_of
from council.federation.transfers import transfer_record
from council.hours.models import HoursEntry
from council.hours.services.imported import ImportedEntry, hours_import_verified
from council.projects.models import Application, Opportunity

PEER_ORIGIN = "peer:"


def peer_origin(peer: Peer) -> str:
    return f"{PEER_ORIGIN}{peer.node_id}"


def _invalid(message: str, field: str) -> ProtocolError:
    return ProtocolError("invalid_body", message, field=field)


def _verify(entry: dict[str, Any], signature: Any, peer: Peer) -> None:
    from council.federation.client import verify_document

    if verify_document(entry, signature, peer) is False:
        raise ProtocolError("signature_invalid", "the entry's signature does not verify")


def _day(value: Any) -> date:
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise _invalid("date is not YYYY-MM-DD", "entry.date") from None


def _hours(value: Any) -> Decimal:
    try:
        hours = Decimal(str(value))
    except InvalidOperation:
        raise _invalid("hours is not a decimal", "entry.hours") from None
    if not hours.is_finite() or hours <= 0 or hours > 24:
        raise _invalid("hours must be more than 0 and at most 24", "entry.hours")
    return hours


def _application(value: Any, person_id: int, peer: Peer) -> Application | None:
    if value in (None, ""):
        return None
    application = (
        Application.objects.filter(
            pk=int(value) if str(value).isdigit() else 0,
            volunteer_id=person_id,
            opportunity__origin_node=peer.node_id,
        )
        .select_related("shift")
        .first()
    )
    if application is None:
        raise ProtocolError("unknown_reference", "no such application", field="entry.application")
    return application


@transaction.atomic
def hours_received(received: Received) -> dict[str, Any]:
    peer = received.peer
    entry = received.body.get("entry")
    if not isinstance(entry, dict):
        raise _invalid("entry is missing", "entry")
    _verify(entry, received.body.get("signature"), peer)
    if entry.get("node") != peer.node_id:
        raise _invalid("the entry names another node", "entry.node")
    if entry.get("country") != peer.country_id:
        raise ProtocolError(
            "foreign_country", "the entry names another country", field="entry.country"
        )
    external_id = str(entry.get("id") or "")
    if not external_id:
        raise _invalid("the entry has no id", "entry.id")
    shared = (
        SharedPerson.objects.select_related("user")
        .filter(peer=peer, ref=str(entry.get("person") or ""))
        .first()
    )
    if shared is None or shared.user.erased_at is not None:
        raise ProtocolError("not_found", "no such person of ours", status=404, field="entry.person")
    person = shared.user
    opportunity_key = str((entry.get("opportunity") or {}).get("id") or "")
    opportunity = (
        Opportunity.objects.select_related("project")
        .filter(origin_node=peer.node_id, origin_key=opportunity_key)
        .first()
    )
    if opportunity is None:
        raise ProtocolError(
            "unknown_reference", "no such opportunity in your feed", field="entry.opportunity"
        )
    application = _application(entry.get("application"), person.pk, peer)
    item = ImportedEntry(
        volunteer=person,
        project=opportunity.project,
        opportunity=opportunity,
        day=_day(entry.get("date")),
        hours=_hours(entry.get("hours")),
        origin=peer_origin(peer),
        external_id=external_id,
        country_id=peer.country_id,
        region_id=opportunity.region_id,
        isco_group_id=opportunity.isco_group_id,
        verified_at=moment_of(entry.get("verified_at")),
    )
    try:
        hours_import_verified(actor=None, entries=[item])
    except ValidationError as error:
        field = next(iter(getattr(error, "error_dict", {})), "")
        raise _invalid(" ".join(error.messages), f"entry.{field}" if field else "entry") from None
    saved = HoursEntry.objects.get(origin=item.origin, external_id=external_id)
    if application is not None and application.shift_id and saved.shift_id is None:
        saved.shift_id = application.shift_id
        saved.save(update_fields=["shift"])
    RemoteLink.objects.update_or_create(
        peer=peer,
        kind=LinkKind.HOURS,
        local_id=str(saved.pk),
        defaults={"remote_id": external_id, "status": "verified"},
    )
    transfer_record(
        direction=Direction.IN,
        peer=peer,
        person=person,
        purpose=HOURS,
        fields=sorted(entry),
        consent_ref=str(shared.consent_id or ""),
    )
    return {"entry": str(saved.pk)}
