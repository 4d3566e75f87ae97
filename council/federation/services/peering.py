"""Peering: how two nodes come to trust each other, and how either stops it for a while.

1. The secretariat of node A adds node B by its address: A reads B's well-known document,
   shows its key's fingerprint, and once confirmed keeps B as a peer "waiting for the other
   node" (A has accepted) and sends B a signed `peering-request`.
2. B reads A's well-known document at the request's `url`, checks the request's signature with
   the keys it finds there, and keeps A as "waiting for our acceptance".
3. B's secretariat compares the fingerprint (both pages show it) and accepts: B sends
   `peering-accept`, and the peering is live on both sides.
4. Either side suspends it (`peering-suspend`: no calls but the peering's own pass, messages
   wait in the outbox) and the side that suspended resumes it (`peering-resume`).
Every change of state is audited.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from council.accounts.models import User
from council.audit.services import record
from council.federation import client, keys, protocol
from council.federation.models import OutboxMessage, Peer, PeerStatus
from council.federation.protocol import ProtocolError, Received
from council.federation.services.outbox import (
    outbox_enqueue,
    register_refusal,
    register_reply,
)
from council.lib.locks import lock_row
from council.reference.models import Country


def _same_url(left: str, right: str) -> bool:
    return left.rstrip("/").lower() == right.rstrip("/").lower()


def check_document(document: dict[str, Any], *, url: str, node_id: Any = None) -> None:
    """Refuse (ProtocolError `unknown_peer`) a well-known document that is not of the node
    at `url` (named `node_id` when given), is our own, or names a country we do not know."""

    def refuse(message: str) -> ProtocolError:
        return ProtocolError("unknown_peer", message, status=403)

    if not _same_url(str(document.get("url", "")), url):
        raise refuse("The well-known document names another address than the request.")
    if node_id is not None and document.get("node") != node_id:
        raise refuse("The well-known document names another node than the request.")
    if document.get("node") == settings.NODE_ID:
        raise refuse("A node cannot peer with itself.")
    if document.get("country") == settings.NODE_COUNTRY:
        # One node per country: its people's data is in one database, in the country.
        raise refuse("The node is of this node's own country; a country has one node.")
    if not Country.objects.filter(code=document.get("country")).exists():
        raise refuse(f"Unknown country {document.get('country')!r}.")
    clash = Peer.objects.filter(node_id=document["node"]).exclude(url__iexact=document["url"])
    other = Peer.objects.filter(url__iexact=document["url"]).exclude(node_id=document["node"])
    if clash.exists() or other.exists():
        raise refuse("Another node is known under this name or at this address.")


def _names(document: dict[str, Any]) -> dict[str, str]:
    names = document.get("name")
    if not isinstance(names, dict):
        return {}
    return {key: str(value)[:200] for key, value in names.items() if key in ("ru", "kk", "en")}


def peer_from_document(document: dict[str, Any]) -> Peer:
    """The peer a verified `peering-request` comes from, made (waiting for our acceptance)
    or refreshed from its well-known document."""
    at = timezone.now()
    fields = {
        "country_id": document["country"],
        "names": _names(document),
        "url": str(document["url"]).rstrip("/"),
        "protocol": str(document.get("protocol", ""))[:10],
        "keys": document["keys"],
        "keys_fetched_at": at,
    }
    peer, created = Peer.objects.get_or_create(
        node_id=document["node"], defaults={**fields, "status": PeerStatus.REQUESTED}
    )
    if not created:
        for name, value in fields.items():
            setattr(peer, name, value)
        peer.save(update_fields=list(fields))
    return peer


def _audit(peer: Peer, action: str, actor: User | None = None, **data: Any) -> None:
    record(
        actor=actor,
        action=f"federation.{action}",
        target=peer,
        data={"node": peer.node_id, "status": peer.status, **data},
    )


def _status(peer: Peer) -> str:
    if peer.status == PeerStatus.SUSPENDED:
        return PeerStatus.SUSPENDED
    if peer.we_accepted_at and peer.they_accepted_at:
        return PeerStatus.LIVE
    return PeerStatus.PROPOSED if peer.we_accepted_at else PeerStatus.REQUESTED


def _locked(peer: Peer) -> Peer:
    found = lock_row(Peer, peer.pk)
    assert found is not None
    return found


# --- What the other node tells us ---------------------------------------------------------


def _on_request(received: Received) -> dict[str, Any]:
    peer = _locked(received.peer)
    if peer.they_accepted_at is None:
        peer.they_accepted_at = timezone.now()
        peer.status = _status(peer)
        peer.save(update_fields=["they_accepted_at", "status"])
        _audit(peer, "peering_requested")
    return {"status": "live" if peer.status == PeerStatus.LIVE else "requested"}


def _on_accept(received: Received) -> dict[str, Any]:
    peer = _locked(received.peer)
    if peer.they_accepted_at is None or peer.status != _status(peer):
        peer.they_accepted_at = peer.they_accepted_at or timezone.now()
        peer.status = _status(peer)
        peer.save(update_fields=["they_accepted_at", "status"])
        _audit(peer, "peering_accepted_by_peer")
    return {"status": "live" if peer.status == PeerStatus.LIVE else "proposed"}


def _on_suspend(received: Received) -> dict[str, Any]:
    peer = _locked(received.peer)
    if peer.status != PeerStatus.SUSPENDED:
        peer.status = PeerStatus.SUSPENDED
        peer.suspended_at = timezone.now()
        peer.suspended_by_us = False
        peer.save(update_fields=["status", "suspended_at", "suspended_by_us"])
        _audit(peer, "peering_suspended_by_peer")
    return {"status": PeerStatus.SUSPENDED}


def _on_resume(received: Received) -> dict[str, Any]:
    peer = _locked(received.peer)
    # A suspension is lifted by the side that made it.
    if peer.status == PeerStatus.SUSPENDED and not peer.suspended_by_us:
        peer.status = PeerStatus.PROPOSED  # anything but suspended, for _status
        peer.status = _status(peer)
        peer.suspended_at = None
        peer.save(update_fields=["status", "suspended_at"])
        _audit(peer, "peering_resumed_by_peer")
    return {"status": str(peer.status)}


# --- The answers to what we told it -------------------------------------------------------


def _request_answered(message: OutboxMessage, reply: dict[str, Any]) -> None:
    if reply.get("status") != PeerStatus.LIVE:
        return
    peer = _locked(message.peer)
    if peer.they_accepted_at is None:
        peer.they_accepted_at = timezone.now()
        peer.status = _status(peer)
        peer.save(update_fields=["they_accepted_at", "status"])
        _audit(peer, "peering_accepted_by_peer")


def _refused(message: OutboxMessage, error: ProtocolError) -> None:
    Peer.objects.filter(pk=message.peer_id).update(
        last_error=f"{message.kind}: {error.code}: {error.message}"[:300]
    )


protocol.register_write(protocol.PEERING_REQUEST, _on_request)
protocol.register_write(protocol.PEERING_ACCEPT, _on_accept)
protocol.register_write(protocol.PEERING_SUSPEND, _on_suspend)
protocol.register_write(protocol.PEERING_RESUME, _on_resume)
register_reply(protocol.PEERING_REQUEST, _request_answered)
for _kind in (
    protocol.PEERING_REQUEST,
    protocol.PEERING_ACCEPT,
    protocol.PEERING_SUSPEND,
    protocol.PEERING_RESUME,
):
    register_refusal(_kind, _refused)


# --- What the secretariat does ------------------------------------------------------------


def _url_error(message: str) -> ValidationError:
    return ValidationError({"url": message})


def peer_preview(*, url: str) -> dict[str, Any]:
    """The well-known document of the node at `url`, checked, with its key's fingerprint
    (`fingerprint`), for the secretariat to compare before adding it."""
    if not keys.is_node():
        raise _url_error(_("This deployment is not a node: set NODE_COUNTRY first."))
    try:
        document = client.fetch_well_known(url)
    except client.RefusedAddress as error:
        raise _url_error(
            _("This address may not be called: %(reason)s") % {"reason": "; ".join(error.messages)}
        ) from error
    except client.PeerUnavailable as error:
        raise _url_error(
            _("The node at this address cannot be reached: %(reason)s") % {"reason": error.message}
        ) from error
    except ProtocolError as error:
        raise _url_error(
            _("This address does not publish a node's document: %(reason)s")
            % {"reason": error.message}
        ) from error
    try:
        check_document(document, url=str(document.get("url", "")))
    except ProtocolError as error:
        raise _url_error(error.message) from error
    if not _same_url(document["url"], url):
        raise _url_error(
            _("This node calls itself %(url)s: add it by that address.") % {"url": document["url"]}
        )
    return {**document, "fingerprint": keys.jwks_fingerprint(document["keys"])}


@transaction.atomic
def peer_add(*, actor: User, url: str, fingerprint: str) -> Peer:
    """Add the node at `url` as a peer we accept, if its key still has the `fingerprint` the
    secretariat saw, and send it our peering request."""
    document = peer_preview(url=url)
    if document["fingerprint"] != fingerprint:
        raise _url_error(
            _("The node's key has changed since it was shown: compare the new fingerprint.")
        )
    existing = Peer.objects.filter(node_id=document["node"]).first()
    if existing is not None:
        raise _url_error(
            _("The node %(node)s is already a peer: see its page.") % {"node": existing.node_id}
        )
    at = timezone.now()
    peer = Peer.objects.create(
        node_id=document["node"],
        country_id=document["country"],
        names=_names(document),
        url=document["url"].rstrip("/"),
        protocol=document["protocol"][:10],
        keys=document["keys"],
        keys_fetched_at=at,
        status=PeerStatus.PROPOSED,
        we_accepted_at=at,
        added_by=actor,
    )
    _audit(peer, "peer_added", actor, url=peer.url, fingerprint=fingerprint)
    outbox_enqueue(
        peer=peer,
        kind=protocol.PEERING_REQUEST,
        payload={"url": settings.NODE_URL.rstrip("/"), "node_id": settings.NODE_ID},
        subject=peer,
    )
    return peer


@transaction.atomic
def peer_accept(*, actor: User, peer: Peer) -> Peer:
    """Accept a peering the other node asked for: it becomes live, and the other node is
    told."""
    peer = _locked(peer)
    if peer.we_accepted_at is not None or peer.status == PeerStatus.SUSPENDED:
        raise ValidationError(_("This peering is not waiting for our acceptance."))
    peer.we_accepted_at = timezone.now()
    peer.status = _status(peer)
    peer.save(update_fields=["we_accepted_at", "status"])
    _audit(peer, "peering_accepted", actor)
    outbox_enqueue(peer=peer, kind=protocol.PEERING_ACCEPT, payload={}, subject=peer)
    return peer


@transaction.atomic
def peer_suspend(*, actor: User, peer: Peer) -> Peer:
    """Suspend a live peering: no calls but the peering's own, messages wait."""
    peer = _locked(peer)
    if peer.status != PeerStatus.LIVE:
        raise ValidationError(_("Only a live peering can be suspended."))
    peer.status = PeerStatus.SUSPENDED
    peer.suspended_at = timezone.now()
    peer.suspended_by_us = True
    peer.save(update_fields=["status", "suspended_at", "suspended_by_us"])
    _audit(peer, "peering_suspended", actor)
    outbox_enqueue(peer=peer, kind=protocol.PEERING_SUSPEND, payload={}, subject=peer)
    return peer


@transaction.atomic
def peer_resume(*, actor: User, peer: Peer) -> Peer:
    """Resume a peering we suspended (one the other node suspended, it resumes)."""
    peer = _locked(peer)
    if peer.status != PeerStatus.SUSPENDED or not peer.suspended_by_us:
        raise ValidationError(_("Only a peering this node suspended can be resumed here."))
    peer.status = PeerStatus.PROPOSED
    peer.status = _status(peer)
    peer.suspended_at = None
    peer.suspended_by_us = False
    peer.save(update_fields=["status", "suspended_at", "suspended_by_us"])
    _audit(peer, "peering_resumed", actor)
    outbox_enqueue(peer=peer, kind=protocol.PEERING_RESUME, payload={}, subject=peer)
    return peer


@transaction.atomic
def peer_send_now(*, actor: User, peer: Peer) -> Peer:
    """Once a peer is back after an outage, send what waits for it now instead of when each
    message's back-off runs out."""
    from council.federation.services.outbox import outbox_send_now

    peer = _locked(peer)
    if peer.status != PeerStatus.LIVE:
        raise ValidationError(_("Messages wait while the peering is not live."))
    sent = outbox_send_now(peer=peer)
    _audit(peer, "outbox_sent_now", actor, messages=sent)
    return peer
