"""Reads of the federation pages: peers with their figures, the call log."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from council.federation import keys
from council.federation.models import CallLog, Peer
from council.reference.models import Skill


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


def recent_calls(peer: Peer, limit: int = 50) -> list[CallLog]:
    """The peer's last calls, newest first."""
    return list(CallLog.objects.filter(peer=peer).order_by("-at", "-pk")[:limit])


def skill_names(slugs: list[str]) -> list[str]:
    """The names of the skills with these codes, in code order."""
    return [str(skill.name) for skill in Skill.objects.filter(slug__in=slugs).order_by("slug")]
