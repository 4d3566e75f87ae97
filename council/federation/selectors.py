"""Reads of the federation pages: peers with their figures, the call log."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from council.federation import keys
from council.federation.models import CallLog, Peer


def peer_fingerprint(peer: Peer) -> str:
    return keys.jwks_fingerprint(peer.keys)


def peers_overview() -> list[Peer]:
    return list(Peer.objects.select_related("country").order_by("node_id"))


def calls_filtered(filters: dict[str, Any]) -> QuerySet[CallLog]:
    rows = CallLog.objects.select_related("peer").order_by("-at", "-pk")
    if filters.get("peer"):
        rows = rows.filter(peer=filters["peer"])
    if filters.get("outcome"):
        rows = rows.filter(outcome=filters["outcome"])
    if filters.get("direction"):
        rows = rows.filter(direction=filters["direction"])
    return rows
