"""The window of plausible dates: nothing on the platform happened before 2000, nothing is
planned more than ten years ahead, and what has happened (hours worked) is not in the future.

One place for the rule, used by the model fields (so every service that runs `full_clean`
applies it), the forms and the API schemas. Dates outside the window were typing mistakes
(0001-01-01, 9999-12-31) that later broke sorting, printing and arithmetic."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

EARLIEST_DATE = date(2000, 1, 1)
# The days that any form or the API takes at all (a search filter, a date of birth): a date
# near the ends of what Python and the databases hold (year 1, year 9999) would overflow as
# soon as code adds a day to it.
EARLIEST_DAY = date(1900, 1, 1)
LATEST_DAY = date(2100, 12, 31)
PLAN_YEARS = 10

# The zone whose calendar runs furthest ahead (Kiribati's Line Islands, UTC+14): a date that
# is not yet "today" there is in the future for every place on Earth.
_FURTHEST_AHEAD = ZoneInfo("Etc/GMT-14")


def today_somewhere() -> date:
    """The latest date that is today in some place."""
    return timezone.now().astimezone(_FURTHEST_AHEAD).date()


def latest_plan_date(today: date | None = None) -> date:
    """The last date a plan may reach: ten years from today."""
    today = today or timezone.localdate()
    try:
        return today.replace(year=today.year + PLAN_YEARS)
    except ValueError:  # 29 February
        return today.replace(year=today.year + PLAN_YEARS, day=28)


def _day(value: date | datetime) -> date:
    return value.date() if isinstance(value, datetime) else value


def date_problem(
    value: date | datetime, *, earliest: date = EARLIEST_DATE, latest: date | None = None
) -> str | None:
    """What is wrong with the date, translated; None when it lies in the window."""
    day = _day(value)
    last = latest or latest_plan_date()
    if earliest <= day <= last:
        return None
    return _("Enter a date between %(earliest)s and %(latest)s.") % {
        "earliest": earliest.isoformat(),
        "latest": last.isoformat(),
    }


def validate_plan_date(value: date | datetime | None) -> None:
    """Validator for the dates of plans and records (projects, shifts, forums, agreements):
    from 2000 to ten years ahead."""
    if value is None:
        return
    problem = date_problem(value)
    if problem is not None:
        raise ValidationError(problem, code="date_out_of_range")


def validate_past_date(value: date | datetime | None) -> None:
    """Validator for the dates of what has happened (hours worked): from 2000 to today in
    the place whose calendar runs furthest ahead; services check the place's own today."""
    if value is None:
        return
    if _day(value) > today_somewhere():
        raise ValidationError(_("The date cannot be in the future."), code="date_in_future")
    problem = date_problem(value, latest=today_somewhere())
    if problem is not None:
        raise ValidationError(problem, code="date_out_of_range")


def validate_day(value: date | datetime | None) -> None:
    """Validator for any date a form or the API takes: between EARLIEST_DAY and LATEST_DAY."""
    if value is None:
        return
    problem = date_problem(value, earliest=EARLIEST_DAY, latest=LATEST_DAY)
    if problem is not None:
        raise ValidationError(problem, code="out_of_range")
