"""The one door from the home node's services to the outbox (council.federation.services.
outbox, which carries writes to peers with retries): imported when used, so that these
services stand on their own.

Besides `enqueue`, the steps every action sent from here shares:
- `send_personal`: a write that carries the person's block (apply, register, exchange-apply,
  candidacy), with the person noted as shared with the peer, its transfer-log row linked to
  the message, and the audit event;
- `send_reference`: a write about an action already sent (withdraw, cancel, accept an offer),
  which carries only the person's reference, logged as a transfer;
- `link_for`: our row's link with the owner node's (its id there, its status there)."""

from __future__ import annotations

from typing import Any

from django.db.models import Model

from council.accounts.models import Consent, User
from council.audit.services import record
from council.federation.models import Direction, OutboxMessage, Peer, RemoteLink
from council.federation.people import person_ref
from council.federation.transfers import shared_person_upsert, transfer_record


def enqueue(
    *,
    peer: Peer,
    kind: str,
    payload: dict[str, Any],
    person: Any = None,
    subject: Model | None = None,
) -> Any:
    from council.federation.services.outbox import outbox_enqueue

    return outbox_enqueue(peer=peer, kind=kind, payload=payload, person=person, subject=subject)


def send_personal(
    *,
    peer: Peer,
    kind: str,
    payload: dict[str, Any],
    person: User,
    consent: Consent,
    subject: Model,
    fields: list[str],
    action: str,
    target: Model,
    organisation_id: int | None,
    data: dict[str, Any] | None = None,
) -> Any:
    """Send the write `kind` with the person's block under `consent`; the audit event
    `action` on `target` lists the `fields` that went."""
    shared_person_upsert(peer=peer, user=person, consent=consent)
    transfer = transfer_record(
        direction=Direction.OUT,
        peer=peer,
        person=person,
        purpose=kind,
        fields=fields,
        consent_ref=str(consent.pk),
    )
    record(
        actor=person,
        action=action,
        target=target,
        organisation_id=organisation_id,
        data={**(data or {}), "node": peer.node_id, "fields": fields},
    )
    message = enqueue(peer=peer, kind=kind, payload=payload, person=person, subject=subject)
    OutboxMessage.objects.filter(pk=message.pk).update(transfer=transfer)
    return message


def send_reference(
    *, peer: Peer, kind: str, name: str, remote_id: str, person: User, subject: Model
) -> Any:
    """Send the write `kind` about the owner node's row `remote_id` (its body: `name` and the
    person's reference)."""
    message = enqueue(
        peer=peer,
        kind=kind,
        payload={name: remote_id, "person": person_ref(person, peer)},
        person=person,
        subject=subject,
    )
    transfer_record(direction=Direction.OUT, peer=peer, person=person, purpose=kind, fields=["ref"])
    return message


def link_for(peer: Peer, kind: str, local_id: Any) -> RemoteLink | None:
    """Our row's link with the owner node's, locked; None before the owner answered."""
    return (
        RemoteLink.objects.select_for_update()
        .filter(peer=peer, kind=kind, local_id=str(local_id))
        .first()
    )
