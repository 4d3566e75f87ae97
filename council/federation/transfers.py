"""The log of personal data that crossed a border (on the home node's side): the rows, the
people whose data went to a peer (`SharedPerson`), and the reads that show them to the
person (/me/data/, their data export) and to the node's secretariat (/federation/transfers/).
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.utils import timezone

from council.accounts.models import Consent, User
from council.federation.models import Direction, Peer, SharedPerson, Transfer
from council.federation.people import person_ref


def transfer_record(
    *,
    direction: str,
    peer: Peer,
    person: User,
    purpose: str,
    fields: list[str],
    consent_ref: str = "",
) -> Transfer:
    """One row of the log; call it inside the transaction of the action that sends or
    receives the data."""
    return Transfer.objects.create(
        direction=direction,
        peer=peer,
        person=person,
        person_ref=str(person.pk),
        purpose=purpose,
        fields=fields,
        consent_ref=consent_ref,
    )


def shared_person_upsert(*, peer: Peer, user: User, consent: Consent) -> SharedPerson:
    """Note that the person's data went to the peer under `consent`. Sharing again after an
    erasure was sent (a new consent) makes the peer a holder again, to be told once more."""
    now = timezone.now()
    shared, created = SharedPerson.objects.select_for_update().get_or_create(
        peer=peer,
        user=user,
        defaults={"ref": person_ref(user, peer), "consent": consent, "first_sent_at": now},
    )
    if not created:
        shared.consent = consent
        shared.last_sent_at = now
        shared.erasure_sent_at = None
        shared.save(update_fields=["consent", "last_sent_at", "erasure_sent_at"])
    return shared


def transfers_of_person(*, user: User) -> QuerySet[Transfer]:
    return (
        Transfer.objects.filter(person=user).select_related("peer__country").order_by("-at", "-pk")
    )


def transfers_for_secretariat(
    *, peer_id: int | None = None, direction: str = ""
) -> QuerySet[Transfer]:
    transfers = Transfer.objects.select_related("peer__country", "person")
    if peer_id:
        transfers = transfers.filter(peer_id=peer_id)
    if direction in Direction.values:
        transfers = transfers.filter(direction=direction)
    return transfers.order_by("-at", "-pk")


def transfers_export(user: User) -> list[dict[str, Any]]:
    """The person's part of their data export (council.accounts.registry)."""
    return [
        {
            "at": transfer.at.isoformat(),
            "direction": transfer.direction,
            "node": transfer.peer.node_id,
            "country": transfer.peer.country_id,
            "purpose": transfer.purpose,
            "fields": transfer.fields,
            "consent": transfer.consent_ref,
        }
        for transfer in transfers_of_person(user=user)
    ]


def transfers_section(user: User) -> str:
    """The person's data page's section on cross-border transfers (council.accounts.registry);
    shown to everyone, so that "none" is an answer too."""
    transfers = list(transfers_of_person(user=user)[:200])
    return render_to_string("federation/home/transfers_section.html", {"transfers": transfers})
