"""Shifts of an opportunity: one, a change, a deletion (series: `series.py`).

A shift ends after it starts, starts in the future and has a capacity of at least one. Times
are entered in the opportunity's time zone and stored in UTC. A shift that has started is no
longer changed. A shift is not shrunk below its confirmed volunteers, and is not deleted while
it has live applications (confirmed, pending or waitlisted): the organiser decides on them
first, so nobody loses a place without being told. The shift row is locked while counting, the
same lock `applications.application_submit` takes, so no seat is confirmed in between.

A shift of a series changed or deleted alone leaves the series: its day becomes one of the
series' exceptions, so a later change of "this and all following" does not bring it back.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from council.accounts.models import User
from council.lib.locks import lock_row, lock_with
from council.lib.mirrors import ensure_local
from council.projects.models import (
    LIVE_STATUSES,
    Application,
    ApplicationStatus,
    Opportunity,
    Shift,
    ShiftSeries,
)
from council.projects.selectors.seats import seats
from council.projects.services.index import opportunity_refresh
from council.projects.services.opportunities import open_opportunity
from council.projects.services.organising import (
    audit,
    check_capacity_limit,
    check_covers_confirmed,
    require_open_to,
)


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


def _leave_series(shift: Shift, start: datetime) -> None:
    """Take the shift (that started at `start`) out of its series, its local day kept as one
    of the series' exceptions; the caller saves the shift."""
    series = lock_row(ShiftSeries, shift.series_id) if shift.series_id else None
    if series is not None:
        day = start.astimezone(ZoneInfo(shift.opportunity.timezone)).date().isoformat()
        series.exceptions = sorted({*series.exceptions, day})
        series.save(update_fields=["exceptions"])
    shift.series = None


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


@transaction.atomic
def shift_update(
    *, actor: User, shift: Shift, start: datetime, end: datetime, capacity: int
) -> Shift:
    shift = _lock_shift(actor, shift)
    _check_shift(start, end, capacity)
    check_covers_confirmed(capacity, seats(shift.opportunity, shift)[1])
    previous = _shift_data(shift)
    shift.start, shift.end, shift.capacity = start, end, capacity
    if _shift_data(shift) == previous:
        return shift
    _leave_series(shift, datetime.fromisoformat(previous["start"]))
    shift.full_clean()
    shift.save(update_fields=["start", "end", "capacity", "series"])
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
    _leave_series(shift, shift.start)
    shift.delete()
    opportunity_refresh(opportunity=opportunity)
