"""Time zones of places, and times as a person reads them: in the place's zone (or the
reader's), formatted by the active language, with the zone named in that language."""

from __future__ import annotations

from datetime import datetime
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from babel.dates import get_timezone_location
from django.conf import settings
from django.utils import formats, timezone, translation

from council.lib.people import Person


@cache
def place_zone(name: str) -> ZoneInfo:
    """The IANA zone of that name; UTC for an empty or unknown name, so a bad value shows
    times in UTC rather than failing the page."""
    try:
        return ZoneInfo(name or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def _offset(zone: ZoneInfo, at: datetime | None) -> str:
    delta = (at or timezone.now()).astimezone(zone).utcoffset()
    minutes = int(delta.total_seconds() // 60) if delta is not None else 0
    if not minutes:
        return "UTC"
    sign = "+" if minutes > 0 else "−"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")


@cache
def _city(name: str, language: str) -> str:
    try:
        return str(get_timezone_location(ZoneInfo(name), locale=language, return_city=True))
    except Exception:  # an identifier Babel does not know: its own last part
        return name.rsplit("/", 1)[-1].replace("_", " ")


def zone_label(name: str, *, at: datetime | None = None) -> str:
    """A zone as a reader names it, in the active language: "Алматы (UTC+5)", "Мәскеу (UTC+3)",
    "UTC"; never the identifier "Asia/Almaty". The offset is the one at `at` (now if None)."""
    zone = place_zone(name)
    offset = _offset(zone, at)
    if zone.key in ("UTC", "Etc/UTC"):
        return offset
    language = (translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]
    return f"{_city(zone.key, language)} ({offset})"


def local_datetime(
    value: datetime | None,
    zone_name: str,
    *,
    with_zone: bool = False,
    format_name: str = "DATETIME_FORMAT",
) -> str:
    """`value` in the zone, in the active language's DATETIME_FORMAT ("6 декабря 2026 г. 18:00",
    "6 желтоқсан 2026 ж. 18:00") or another format named, with the zone's name after it if
    asked; empty for no moment."""
    if value is None:
        return ""
    local = timezone.localtime(value, place_zone(zone_name))
    text = formats.date_format(local, format_name)
    return f"{text} · {zone_label(zone_name, at=value)}" if with_zone else text


def local_span(start: datetime, end: datetime, zone_name: str) -> str:
    """A span in the zone: "7 December 2026, 10:00 – 14:00" (the end's date only when it is
    another day)."""
    zone = place_zone(zone_name)
    start_local, end_local = timezone.localtime(start, zone), timezone.localtime(end, zone)
    text = formats.date_format(start_local, "DATETIME_FORMAT") + " – "
    if start_local.date() == end_local.date():
        return text + formats.time_format(end_local, "TIME_FORMAT")
    return text + formats.date_format(end_local, "DATETIME_FORMAT")


def reader_zone(user: Person) -> str:
    """The zone a person reads times in: their profile city's zone when they gave one, else
    the zone of their home country's largest city (Moscow's for Russia, Almaty's for
    Kazakhstan), else the site's default (settings.TIME_ZONE)."""
    if not getattr(user, "is_authenticated", False):
        return settings.TIME_ZONE
    profile = getattr(user, "volunteer", None)
    city = getattr(profile, "city", None) if profile is not None else None
    if getattr(city, "timezone", ""):
        return str(city.timezone)  # type: ignore[union-attr]
    country = getattr(user, "home_country", None)
    if country is not None:
        zone = country.cities.order_by("-population").values_list("timezone", flat=True).first()
        if zone:
            return str(zone)
    return settings.TIME_ZONE
