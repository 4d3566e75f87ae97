"""Shift times in the local time of the place where the shift happens."""

from __future__ import annotations

from django import template

from council.lib.timezones import local_span

register = template.Library()

__all__ = ["local_span", "register", "shift_span"]


@register.simple_tag
def shift_span(shift: object, tz: str) -> str:
    """`{% shift_span shift opportunity.timezone %}` → "7 December 2026 10:00 – 14:00"."""
    return local_span(shift.start, shift.end, tz)  # type: ignore[attr-defined]
