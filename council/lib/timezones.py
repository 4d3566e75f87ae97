"""Time zones of places."""

from __future__ import annotations

from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


@cache
def place_zone(name: str) -> ZoneInfo:
    """The IANA zone of that name; UTC for an empty or unknown name, so a bad value shows
    times in UTC rather than failing the page."""
    try:
        return ZoneInfo(name or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")
