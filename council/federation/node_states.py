"""How each peer node stands, for the mark of its copies (council.lib.mirrors.node_state): a
peer whose last pull failed "cannot be reached at the moment", one without a live peering is
"suspended". One query, kept in the cache for a minute and forgotten whenever a pull ends or a
peer changes, so that a page of many copies asks once."""

from __future__ import annotations

from django.core.cache import cache

from council.federation.models import Peer, PeerStatus
from council.lib.mirrors import DISCONNECTED, UNREACHABLE

CACHE_KEY = "federation:node-states"
CACHE_SECONDS = 60


def _compute() -> dict[str, str]:
    states: dict[str, str] = {}
    rows = Peer.objects.values_list(
        "node_id", "status", "last_error", "last_pull_at", "last_pull_ok_at"
    )
    for node_id, status, error, pulled, pulled_ok in rows:
        if status != PeerStatus.LIVE:
            states[node_id] = DISCONNECTED
        elif error and pulled is not None and (pulled_ok is None or pulled > pulled_ok):
            states[node_id] = UNREACHABLE
    return states


def node_states() -> dict[str, str]:
    states = cache.get(CACHE_KEY)
    if states is None:
        states = _compute()
        cache.set(CACHE_KEY, states, CACHE_SECONDS)
    return states


def forget_node_states() -> None:
    cache.delete(CACHE_KEY)
