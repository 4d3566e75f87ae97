"""Shift times in the local time of the place where the shift happens."""

from __future__ import annotations

from datetime import datetime

from django import template

from council.lib.timezones import local_datetime, local_span

register = template.Library()

__all__ = ["local_span", "register", "shift_span"]


@register.simple_tag
def local_time(moment: datetime | None, tz: str) -> str:
    """`{% local_time member.arrival forum.timezone %}` → "1 June 2027, 18:30"."""
    return local_datetime(moment, tz)


@register.simple_tag
def shift_span(shift: object, tz: str) -> str:
    """`{% shift_span shift opportunity.timezone %}` → "7 December 2026 10:00 – 14:00"."""
    return local_span(shift.start, shift.end, tz)  # type: ignore[attr-defined]
