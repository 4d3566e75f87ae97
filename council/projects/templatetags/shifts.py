"""Shift times in the local time of the place where the shift happens."""

from __future__ import annotations

from datetime import datetime

from django import template
from django.utils import formats
from django.utils.timezone import localtime

from council.lib.timezones import place_zone

register = template.Library()


def local_span(start: datetime, end: datetime, tz: str) -> str:
    zone = place_zone(tz)
    start_local, end_local = localtime(start, zone), localtime(end, zone)
    same_day = start_local.date() == end_local.date()
    text = formats.date_format(start_local, "DATETIME_FORMAT") + " – "
    text += (
        formats.time_format(end_local, "TIME_FORMAT")
        if same_day
        else formats.date_format(end_local, "DATETIME_FORMAT")
    )
    return text


def local_datetime(moment: datetime | None, tz: str, format_name: str = "DATETIME_FORMAT") -> str:
    """A moment on the clock of a place, in the reader's locale ("6 декабря 2026 г. 14:00");
    empty for no moment."""
    if moment is None:
        return ""
    return formats.date_format(localtime(moment, place_zone(tz)), format_name)


@register.simple_tag
def local_time(moment: datetime | None, tz: str) -> str:
    """`{% local_time member.arrival forum.timezone %}` → "1 June 2027, 18:30"."""
    return local_datetime(moment, tz)


@register.simple_tag
def shift_span(shift: object, tz: str) -> str:
    """`{% shift_span shift opportunity.timezone %}` → "7 December 2026 10:00 – 14:00"."""
    return local_span(shift.start, shift.end, tz)  # type: ignore[attr-defined]
