"""Keeping the copies of peers' catalogues up to date: pulling each live peer's feed page by
page (`peer_pull`, the `federation_pull` job every 5 minutes and the `changed` notice), and
telling the peers when our own feed has news (`feed_notify`, the `federation_notify` job).

A pull sends our stored cursor as `after`; a page whose `from` is not that cursor is refused
(`cursor_skipped`: logged, the cursor stays, so nothing is skipped). Each page is applied
(council.federation.mirror) and the cursor stored with it in one transaction. A peer that
cannot be reached leaves everything as it was: its rows stay shown "as of" their last sync
(`origin_synced_at`), and the peer's `last_error` and `last_pull_at` say what happened."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils.timezone import now

from council.federation.feed import feed_head
from council.federation.mirror import MirrorResult, mirror_apply, mirror_sweep
from council.federation.models import (
    CallLog,
    CallOutcome,
    Direction,
    OutboxMessage,
    Peer,
    PeerStatus,
)
from council.federation.node_states import forget_node_states
from council.federation.protocol import (
    CHANGED,
    FEED,
    ProtocolError,
    Received,
    path_of,
    register_write,
)
from council.lib.locks import lock_row

log = logging.getLogger(__name__)

PAGE_LIMIT = 200
# Pages one pull reads at most; the next pull goes on from the stored cursor.
MAX_PAGES = 100

Fetch = Callable[[Peer, str], dict[str, Any]]


@dataclass
class PullResult:
    pages: int = 0
    items: int = 0
    refused: int = 0
    error: str = ""  # a code: unavailable, cursor_skipped, or the peer's refusal
    applied: list[MirrorResult] = field(default_factory=list)
    swept: MirrorResult | None = None  # after a whole snapshot: copies no longer published

    @property
    def ok(self) -> bool:
        return not self.error


def _fetch_from_peer(peer: Peer, cursor: str) -> dict[str, Any]:
    """One page of the peer's feed over the signed transport."""
    from council.federation.client import call

    page: dict[str, Any] = call(peer, FEED, params={"after": cursor, "limit": PAGE_LIMIT})
    return page


def _unavailable() -> tuple[type[BaseException], ...]:
    """What a fetch raises when the peer cannot be reached (retried at the next pull)."""
    try:
        from council.federation.client import PeerUnavailable
    except ImportError:  # the transport not installed: connection errors only
        return (OSError,)
    return (PeerUnavailable, OSError)


def peer_pull(peer: Peer, *, fetch: Fetch | None = None, max_pages: int = MAX_PAGES) -> PullResult:
    """Pull `peer`'s feed from the stored cursor until it has no more (or `max_pages`)."""
    fetch = fetch or _fetch_from_peer
    result = PullResult()
    # A pull that reads a whole snapshot (from "" to the end) sweeps the copies it did not
    # bring again (`mirror_sweep`).
    snapshot_from: datetime | None = None
    snapshot_pages = 0
    while result.pages < max_pages:
        cursor = peer.feed_cursor
        if cursor == "" and snapshot_from is None:
            snapshot_from, snapshot_pages = now(), len(result.applied)
        try:
            page = fetch(peer, cursor)
        except _unavailable() as error:
            return _failed(peer, result, "unavailable", str(error) or type(error).__name__)
        except ProtocolError as error:
            if error.code == "invalid_body" and error.field == "after" and cursor:
                # The owner no longer reads our cursor (it was reset or upgraded): start a new
                # snapshot; copies are upserted, so nothing is doubled.
                Peer.objects.filter(pk=peer.pk, feed_cursor=cursor).update(feed_cursor="")
                peer.feed_cursor = ""
            return _failed(peer, result, error.code, error.message)
        if not _well_formed(page):
            _refuse(peer, "invalid_body", "The feed page is not a feed page.")
            return _failed(peer, result, "invalid_body", "The feed page is not a feed page.")
        with transaction.atomic():
            locked = lock_row(Peer, peer.pk)
            if locked is None or locked.feed_cursor != cursor:
                # Another pull moved on meanwhile: it applies what follows.
                return result
            if page["from"] != cursor:
                detail = f"Asked after {cursor!r}, the page starts after {page['from']!r}."
                _refuse(peer, "cursor_skipped", detail)
                return _failed(peer, result, "cursor_skipped", detail)
            applied = mirror_apply(peer, page)
            at = now()
            peer.feed_cursor = page["next"]
            peer.last_pull_at = peer.last_pull_ok_at = at
            peer.last_error = ""
            peer.save(
                update_fields=["feed_cursor", "last_pull_at", "last_pull_ok_at", "last_error"]
            )
        forget_node_states()
        result.pages += 1
        result.items += len(page["items"])
        result.refused += applied.refused
        result.applied.append(applied)
        if not page.get("has_more"):
            if snapshot_from is not None:
                spare = {
                    (kind, key)
                    for applied in result.applied[snapshot_pages:]
                    for kind, key, _code in applied.refusals
                }
                result.swept = mirror_sweep(peer, before=snapshot_from, spare=spare)
            break
    return result


def _well_formed(page: Any) -> bool:
    return (
        isinstance(page, dict)
        and isinstance(page.get("from"), str)
        and isinstance(page.get("next"), str)
        and 0 < len(page["next"]) <= 200
        and isinstance(page.get("items"), list)
    )


def _refuse(peer: Peer, code: str, detail: str) -> None:
    log.warning("Refused a feed page of %s: %s", peer.node_id, code)
    CallLog.objects.create(
        direction=Direction.OUT,
        peer=peer,
        method="GET",
        path=path_of(FEED),
        outcome=CallOutcome.REFUSED,
        reason=code,
        detail=detail[:300],
    )


def _failed(peer: Peer, result: PullResult, code: str, detail: str) -> PullResult:
    """The pull stops; the rows stay as they were, "as of" their last sync."""
    peer.last_pull_at = now()
    peer.last_error = f"{code}: {detail}"[:300]
    Peer.objects.filter(pk=peer.pk).update(
        last_pull_at=peer.last_pull_at, last_error=peer.last_error
    )
    forget_node_states()
    result.error = code
    return result


def peer_pull_by_id(*, peer_id: int) -> PullResult | None:
    peer = Peer.objects.filter(pk=peer_id, status=PeerStatus.LIVE).first()
    return None if peer is None else peer_pull(peer)


def peers_pull(*, fetch: Fetch | None = None) -> int:
    """Pull every live peer's feed (the `federation_pull` job); returns the items applied."""
    items = 0
    for peer in Peer.objects.filter(status=PeerStatus.LIVE).order_by("pk"):
        items += peer_pull(peer, fetch=fetch).items
    return items


# --- Notices ---------------------------------------------------------------------------------


Enqueue = Callable[..., Any]


def _outbox_enqueue(**kwargs: Any) -> Any:
    from council.federation.services.outbox import outbox_enqueue

    return outbox_enqueue(**kwargs)


def feed_notify(*, enqueue: Enqueue | None = None) -> int:
    """Send `changed` with our feed head to every live peer not yet told of it (the last
    `changed` in its outbox names an older head); returns how many were told."""
    enqueue = enqueue or _outbox_enqueue
    head = feed_head()
    told = 0
    for peer in Peer.objects.filter(status=PeerStatus.LIVE).order_by("pk"):
        last = (
            OutboxMessage.objects.filter(peer=peer, kind=CHANGED)
            .order_by("-created_at", "-pk")
            .values_list("payload", flat=True)
            .first()
        )
        if last is not None and last.get("cursor") == head:
            continue
        if last is None and head == "a:0":
            continue  # nothing ever happened here
        with transaction.atomic():
            enqueue(peer=peer, kind=CHANGED, payload={"cursor": head})
        told += 1
    return told


def changed_received(received: Received) -> dict[str, Any]:
    """The `changed` write: the peer's feed has news; pull it soon (after this answer)."""
    cursor = received.body.get("cursor", "")
    if not isinstance(cursor, str) or len(cursor) > 200:
        raise ProtocolError("invalid_body", "The cursor is a text.", field="cursor")
    peer_id = received.peer.pk

    def pull() -> None:
        from council.federation.tasks import federation_pull_peer

        federation_pull_peer.enqueue(peer_id=peer_id)

    transaction.on_commit(pull)
    return {"ok": True}


register_write(CHANGED, changed_received)
