"""Recurrence rules of shift series: one iCalendar RRULE (RFC 5545) read through dateutil.

A rule describes days; the time of day comes from the series (its local start time), so the
parts that set hours, minutes or seconds are refused, and so are rules finer than a day. A
rule must end (UNTIL or COUNT) and gives at most MAX_OCCURRENCES days, none beyond the
plan window (`council.lib.dates`). UNTIL is read on the place's clock: a date alone means
the whole of that day, a time in UTC ("…Z") is turned into the place's time.

Errors are ValidationErrors on the field `rule`, translated."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from dateutil.rrule import rrulestr  # type: ignore[import-untyped]
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from council.lib.dates import latest_plan_date

MAX_OCCURRENCES = 500
MAX_RULE_LENGTH = 500
FREQUENCIES = ("DAILY", "WEEKLY", "MONTHLY", "YEARLY")
PARTS = (
    "FREQ",
    "INTERVAL",
    "UNTIL",
    "COUNT",
    "BYDAY",
    "BYMONTHDAY",
    "BYMONTH",
    "BYYEARDAY",
    "BYWEEKNO",
    "BYSETPOS",
    "WKST",
)
WEEKDAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_UNTIL_FORMATS = ("%Y%m%d", "%Y%m%dT%H%M%S")


def _refuse(message: str) -> ValidationError:
    return ValidationError({"rule": message})


def rule_parts(text: str) -> dict[str, str]:
    """The parts of a rule ("RRULE:" and spaces allowed), by name; refused when malformed."""
    text = "".join(text.split()).upper().removeprefix("RRULE:")
    if not text or len(text) > MAX_RULE_LENGTH:
        raise _refuse(_("Enter one recurrence rule, such as FREQ=WEEKLY;BYDAY=TU,TH;COUNT=10."))
    parts: dict[str, str] = {}
    for item in text.strip(";").split(";"):
        name, sign, value = item.partition("=")
        if not sign or not value or name in parts:
            raise _refuse(_("The rule is not written correctly near “%(part)s”.") % {"part": item})
        if name not in PARTS:
            raise _refuse(_("The rule part %(part)s is not supported here.") % {"part": name})
        parts[name] = value
    if parts.get("FREQ") not in FREQUENCIES:
        raise _refuse(_("The rule must repeat daily, weekly, monthly or yearly (FREQ)."))
    if ("UNTIL" in parts) == ("COUNT" in parts):
        raise _refuse(_("The rule must end: give either an end date (UNTIL) or a count (COUNT)."))
    for name in ("COUNT", "INTERVAL"):
        if name in parts and not (parts[name].isdigit() and int(parts[name]) >= 1):
            raise _refuse(_("%(part)s must be a whole number from 1.") % {"part": name})
    return parts


def _until(value: str, zone: str) -> datetime:
    """UNTIL on the place's clock, naive."""
    in_utc = value.endswith("Z")
    for layout in _UNTIL_FORMATS:
        try:
            moment = datetime.strptime(value.removesuffix("Z"), layout)
        except ValueError:
            continue
        if layout == "%Y%m%d":
            return datetime.combine(moment.date(), time.max.replace(microsecond=0))
        if in_utc:
            local = moment.replace(tzinfo=UTC).astimezone(ZoneInfo(zone))
            return local.replace(tzinfo=None)
        return moment
    raise _refuse(_("The end of the rule (UNTIL) is not a date."))


def weekly_rule(*, weekdays: Iterable[int], until: date | None, count: int | None) -> str:
    """The rule of "these days of the week (0 = Monday), until that day or that many times"."""
    days = ",".join(WEEKDAY_CODES[day] for day in sorted(set(weekdays)))
    end = f"UNTIL={until:%Y%m%d}" if until is not None else f"COUNT={count}"
    return f"FREQ=WEEKLY;BYDAY={days};{end}"


def rule_text(parts: dict[str, str]) -> str:
    return ";".join(f"{name}={parts[name]}" for name in PARTS if name in parts)


def rule_ending_before(text: str, day: date) -> str:
    """The rule cut so that its last day is before `day` (the earlier part of a split)."""
    parts = rule_parts(text)
    parts.pop("COUNT", None)
    parts["UNTIL"] = f"{day - timedelta(days=1):%Y%m%d}"
    return rule_text(parts)


def occurrence_days(
    text: str, *, first_date: date, at: time, zone: str, exceptions: Iterable[date] = ()
) -> list[date]:
    """The days the rule gives from `first_date` (the local start time `at` decides UNTIL's
    last day), without the exceptions. Refused: a malformed rule, one that never ends, more
    than MAX_OCCURRENCES days, a day beyond the plan window, or no day at all."""
    parts = rule_parts(text)
    latest = latest_plan_date()
    limit = datetime.combine(latest, time.max.replace(microsecond=0))
    count = int(parts.pop("COUNT", "0"))
    if "UNTIL" in parts:
        until = _until(parts["UNTIL"], zone)
        if until > limit:
            raise _refuse(_("The rule must end by %(date)s.") % {"date": latest.isoformat()})
    else:
        until = limit  # COUNT: read within the window, so a rule that finds no day stops
    parts["UNTIL"] = f"{until:%Y%m%dT%H%M%S}"
    start = datetime.combine(first_date, at)
    try:
        rule = rrulestr(rule_text(parts), dtstart=start)
    except (ValueError, TypeError) as error:
        raise _refuse(
            _("The rule is not a valid recurrence rule: %(error)s") % {"error": error}
        ) from error
    days: list[date] = []
    for moment in rule:
        days.append(moment.date())
        if len(days) > MAX_OCCURRENCES or (count and len(days) == count):
            break
    if len(days) > MAX_OCCURRENCES:
        raise _refuse(
            _("The rule gives more than %(number)d shifts; end it sooner.")
            % {"number": MAX_OCCURRENCES}
        )
    if count and len(days) < count:
        raise _refuse(_("The rule must end by %(date)s.") % {"date": latest.isoformat()})
    skipped = set(exceptions)
    kept = [day for day in days if day not in skipped]
    if not kept:
        raise _refuse(_("The rule gives no day for a shift."))
    return kept
