"""Shifts of an opportunity: one, a weekly series, a change, a deletion.

A shift ends after it starts, starts in the future and has a capacity of at least one. Times
are entered in the opportunity's time zone and stored in UTC. A shift that has started is no
longer changed. A shift is not shrunk below its confirmed volunteers, and is not deleted while
it has live applications (confirmed, pending or waitlisted): the organiser decides on them
first, so nobody loses a place without being told. The shift row is locked while counting, the
same lock `applications.application_submit` takes, so no seat is confirmed in between.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from council.accounts.models import User
from council.lib.dates import date_problem
from council.lib.locks import lock_with
from council.lib.mirrors import ensure_local
from council.projects.models import (
    LIVE_STATUSES,
    Application,
    ApplicationStatus,
    Opportunity,
    Shift,
)
from council.projects.services.index import opportunity_refresh
from council.projects.services.opportunities import open_opportunity
from council.projects.services.organising import (
    audit,
    check_capacity_limit,
    check_covers_confirmed,
    require_open_to,
)

MAX_SERIES_WEEKS = 52


def local_datetime(day: date, at: time, zone: str) -> datetime:
    """A wall-clock time in a time zone, in UTC; a time skipped by a clock change is refused."""
    naive = datetime.combine(day, at)
    aware = naive.replace(tzinfo=ZoneInfo(zone))
    in_utc = aware.astimezone(UTC)
    if in_utc.astimezone(ZoneInfo(zone)).replace(tzinfo=None) != naive:
        raise ValidationError(
            _("%(time)s does not exist in %(zone)s on %(day)s (the clocks change).")
            % {"time": at.strftime("%H:%M"), "zone": zone, "day": day.isoformat()}
        )
    return in_utc


def _check_shift(start: datetime, end: datetime, capacity: int) -> None:
    errors: dict[str, str] = {}
    if end <= start:
        errors["end"] = _("The shift must end after it starts.")
    if start <= timezone.now():
        errors["start"] = _("The shift must start in the future.")
    if errors:
        raise ValidationError(errors)
    _check_capacity(capacity)


def _check_capacity(capacity: int) -> None:
    if capacity < 1:
        raise ValidationError({"capacity": _("A shift takes at least one volunteer.")})
    too_many = check_capacity_limit(capacity)
    if too_many:
        raise ValidationError(too_many)


def _lock_shift(actor: User, shift: Shift) -> Shift:
    shift = lock_with(Shift, shift.pk, "opportunity__project__owner")
    ensure_local(shift, shift.opportunity)
    require_open_to(actor, shift.opportunity.project)
    if shift.start <= timezone.now():
        raise ValidationError(_("This shift has already started; it can no longer be changed."))
    return shift


def _shift_data(shift: Shift) -> dict[str, Any]:
    return {
        "start": shift.start.isoformat(),
        "end": shift.end.isoformat(),
        "capacity": shift.capacity,
    }


@transaction.atomic
def shift_create(
    *, actor: User, opportunity: Opportunity, start: datetime, end: datetime, capacity: int
) -> Shift:
    opportunity = open_opportunity(actor, opportunity)
    _check_shift(start, end, capacity)
    shift = Shift(opportunity=opportunity, start=start, end=end, capacity=capacity)
    shift.full_clean()
    shift.save()
    audit(actor, "shift.created", shift, opportunity.project, **_shift_data(shift))
    opportunity_refresh(opportunity=opportunity)
    return shift


def _check_series(
    first_date: date, days: set[int], start_time: time, end_time: time, weeks: int
) -> None:
    if not days or not days <= set(range(7)):
        raise ValidationError({"weekdays": _("Choose at least one day of the week.")})
    if not 1 <= weeks <= MAX_SERIES_WEEKS:
        raise ValidationError(
            {"weeks": _("Enter 1 to %(number)d weeks.") % {"number": MAX_SERIES_WEEKS}}
        )
    if end_time <= start_time:
        raise ValidationError({"end_time": _("The shift must end after it starts.")})
    problem = date_problem(first_date)
    if problem is not None:
        raise ValidationError({"first_date": problem})


def _series_times(
    day: date, start_time: time, end_time: time, zone: str
) -> tuple[datetime, datetime]:
    try:
        start = local_datetime(day, start_time, zone)
        end = local_datetime(day, end_time, zone)
    except ValidationError as error:
        raise ValidationError({"start_time": error.messages}) from error
    if start <= timezone.now():
        raise ValidationError(
            {"first_date": _("Every shift of the series must start in the future.")}
        )
    if end <= start:
        raise ValidationError({"end_time": _("The shift must end after it starts.")})
    return start, end


@transaction.atomic
def shift_series_create(
    *,
    actor: User,
    opportunity: Opportunity,
    first_date: date,
    weekdays: Iterable[int],
    start_time: time,
    end_time: time,
    weeks: int,
    capacity: int,
) -> list[Shift]:
    """Shifts on the given weekdays (0 = Monday) from `first_date` for `weeks` weeks, from
    `start_time` to `end_time` on the opportunity's local clock. All or none are created."""
    opportunity = open_opportunity(actor, opportunity)
    days = set(weekdays)
    _check_series(first_date, days, start_time, end_time, weeks)
    _check_capacity(capacity)
    shifts = []
    for offset in range(weeks * 7):
        day = first_date + timedelta(days=offset)
        if day.weekday() not in days:
            continue
        start, end = _series_times(day, start_time, end_time, opportunity.timezone)
        shift = Shift(opportunity=opportunity, start=start, end=end, capacity=capacity)
        # The opportunity and start < end are checked above; skip a lookup per shift.
        shift.full_clean(exclude=["opportunity"], validate_constraints=False)
        shift.save()
        shifts.append(shift)
    if not shifts:
        raise ValidationError({"weekdays": _("None of the chosen days falls within the series.")})
    audit(
        actor,
        "shift.series_created",
        opportunity,
        opportunity.project,
        shifts=[shift.pk for shift in shifts],
        first=shifts[0].start.isoformat(),
        last=shifts[-1].start.isoformat(),
        capacity=capacity,
    )
    opportunity_refresh(opportunity=opportunity)
    return shifts


@transaction.atomic
def shift_update(
    *, actor: User, shift: Shift, start: datetime, end: datetime, capacity: int
) -> Shift:
    shift = _lock_shift(actor, shift)
    _check_shift(start, end, capacity)
    confirmed = Application.objects.filter(shift=shift, status=ApplicationStatus.CONFIRMED).count()
    check_covers_confirmed(capacity, confirmed)
    previous = _shift_data(shift)
    shift.start, shift.end, shift.capacity = start, end, capacity
    if _shift_data(shift) == previous:
        return shift
    shift.full_clean()
    shift.save(update_fields=["start", "end", "capacity"])
    audit(
        actor,
        "shift.updated",
        shift,
        shift.opportunity.project,
        before=previous,
        **_shift_data(shift),
    )
    opportunity_refresh(opportunity=shift.opportunity)
    return shift


@transaction.atomic
def shift_delete(*, actor: User, shift: Shift) -> None:
    shift = _lock_shift(actor, shift)
    live = Application.objects.filter(shift=shift, status__in=LIVE_STATUSES)
    if live.filter(status=ApplicationStatus.CONFIRMED).exists():
        raise ValidationError(_("This shift has confirmed volunteers; it cannot be deleted."))
    if live.exists():
        raise ValidationError(
            _("This shift has open applications; decide on them before deleting it.")
        )
    opportunity = shift.opportunity
    audit(actor, "shift.deleted", shift, opportunity.project, **_shift_data(shift))
    shift.delete()
    opportunity_refresh(opportunity=opportunity)
