"""Series of shifts: shifts on the days of a recurrence rule, at the same local time.

The days come from the rule (council/lib/recurrence.py); each day's start and end are the
series' wall-clock times on the opportunity's clock, turned into UTC with zoneinfo, so 18:00
stays 18:00 locally across a daylight-saving change while its UTC time moves by an hour.

- `series_create` makes the series and all its shifts, or none.
- `series_update` changes "this and all following" shifts: the series is split before the
  chosen shift (the earlier part's rule ends the day before); the following shifts are
  matched to the new days by date, a shift with live applications is moved in place to a day
  left over (its volunteers are told by mail in their language), the other shifts are
  removed or created. A shift with live applications and no day left is cancelled.
- `series_cancel` cancels "this and all following" shifts: their live applications are
  closed and the volunteers told, then the shifts are deleted.
- One shift changed or deleted alone leaves its series (council/projects/services/shifts.py).
- A volunteer signs up for the whole series in `series_sign_up.py`.

Locks: the series row, then its following shifts in primary-key order (the lock
`application_submit` takes), so no seat is confirmed while they change. See docs/locking.md.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from council.accounts.mail import mail_send
from council.accounts.models import User
from council.audit.services import record
from council.lib.dates import date_problem
from council.lib.locks import lock_with
from council.lib.recurrence import occurrence_days, rule_ending_before, rule_parts, rule_text
from council.lib.timezones import local_span, place_zone
from council.projects.models import (
    LIVE_STATUSES,
    Application,
    ApplicationStatus,
    Opportunity,
    Shift,
    ShiftSeries,
    Team,
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
from council.projects.services.shifts import local_datetime

Planned = dict[date, tuple[datetime, datetime]]


def _local_day(moment: datetime, zone: str) -> date:
    return moment.astimezone(place_zone(zone)).date()


@dataclass(frozen=True)
class Description:
    """What a series is: its rule from its first day, its local times, its capacity, the
    days it skips."""

    rule: str
    first_date: date
    start_time: time
    end_time: time
    capacity: int
    exceptions: tuple[date, ...] = ()


def _plan(zone: str, wanted: Description) -> Planned:
    """The series' shifts by local day, as (start, end) in UTC; errors name the field."""
    first_date, start_time, end_time = wanted.first_date, wanted.start_time, wanted.end_time
    errors: dict[str, str] = {}
    if end_time <= start_time:
        errors["end_time"] = _("The shift must end after it starts.")
    if wanted.capacity < 1:
        errors["capacity"] = _("A shift takes at least one volunteer.")
    errors.update(check_capacity_limit(wanted.capacity))
    problem = date_problem(first_date)
    if problem is not None:
        errors["first_date"] = problem
    if errors:
        raise ValidationError(errors)
    days = occurrence_days(
        wanted.rule,
        first_date=first_date,
        at=start_time,
        zone=zone,
        exceptions=wanted.exceptions,
    )
    planned: Planned = {}
    for day in days:
        try:
            start = local_datetime(day, start_time, zone)
            end = local_datetime(day, end_time, zone)
        except ValidationError as error:
            raise ValidationError({"start_time": error.messages}) from error
        if start <= timezone.now():
            raise ValidationError(
                {"first_date": _("Every shift of the series must start in the future.")}
            )
        planned[day] = (start, end)
    return planned


def _describe(series: ShiftSeries) -> dict[str, Any]:
    return {
        "rule": series.rule,
        "first_date": series.first_date.isoformat(),
        "start_time": series.start_time.isoformat("minutes"),
        "end_time": series.end_time.isoformat("minutes"),
        "exceptions": series.exceptions,
        "capacity": series.capacity,
    }


def _set_fields(series: ShiftSeries, wanted: Description) -> None:
    series.rule = rule_text(rule_parts(wanted.rule))
    series.first_date, series.capacity = wanted.first_date, wanted.capacity
    series.start_time, series.end_time = wanted.start_time, wanted.end_time
    series.exceptions = sorted(
        {day.isoformat() for day in wanted.exceptions if day >= wanted.first_date}
    )
    series.full_clean(exclude=["opportunity", "created_by"])


@transaction.atomic
def series_create(
    *,
    actor: User,
    opportunity: Opportunity,
    rule: str,
    first_date: date,
    start_time: time,
    end_time: time,
    capacity: int,
    exceptions: Iterable[date] = (),
) -> ShiftSeries:
    """A series and its shifts from `first_date`, times on the opportunity's local clock."""
    opportunity = open_opportunity(actor, opportunity)
    wanted = Description(rule, first_date, start_time, end_time, capacity, tuple(exceptions))
    planned = _plan(opportunity.timezone, wanted)
    series = ShiftSeries(opportunity=opportunity, created_by=actor)
    _set_fields(series, wanted)
    series.save()
    shifts = Shift.objects.bulk_create(
        Shift(opportunity=opportunity, series=series, start=start, end=end, capacity=capacity)
        for start, end in planned.values()
    )
    audit(
        actor,
        "series.created",
        series,
        opportunity.project,
        **_describe(series),
        shifts=len(shifts),
        first=shifts[0].start.isoformat(),
        last=shifts[-1].start.isoformat(),
    )
    opportunity_refresh(opportunity=opportunity)
    return series


def _lock_following(actor: User, shift: Shift) -> tuple[ShiftSeries, list[Shift]]:
    """The shift's series and its shifts from this one on, locked (series first, then the
    shifts by key); refused when the shift has started or is in no series."""
    if shift.series_id is None:
        raise ValidationError(_("This shift is not part of a series."))
    series = lock_with(ShiftSeries, shift.series_id, "opportunity__project__owner")
    require_open_to(actor, series.opportunity.project)
    following = list(
        Shift.objects.select_for_update()
        .filter(series=series, start__gte=shift.start)
        .order_by("pk")
    )
    if shift.pk not in {one.pk for one in following} or shift.start <= timezone.now():
        raise ValidationError(_("This shift has already started; it can no longer be changed."))
    return series, sorted(following, key=lambda one: (one.start, one.pk))


def _booked(shifts: list[Shift]) -> set[int]:
    """The shifts among these with live applications or live teams."""
    keys = [shift.pk for shift in shifts]
    live = Application.objects.filter(shift__in=keys, status__in=LIVE_STATUSES)
    teams = Team.objects.filter(shift__in=keys, status__in=LIVE_STATUSES)
    return set(live.values_list("shift_id", flat=True)) | set(
        teams.values_list("shift_id", flat=True)
    )


def _live_applications(shift: Shift) -> list[Application]:
    return list(
        Application.objects.filter(shift=shift, status__in=LIVE_STATUSES).select_related(
            "volunteer"
        )
    )


def _tell_moved(shift: Shift, before: tuple[datetime, datetime], opportunity: Opportunity) -> None:
    """Mail each volunteer of the moved shift, in their language, when it was and is."""
    for application in _live_applications(shift):
        volunteer = application.volunteer
        with translation.override(volunteer.preferred_language):
            was = local_span(*before, opportunity.timezone)
        mail_send(
            to=volunteer.email,
            template="projects/mail/shift_moved",
            language=volunteer.preferred_language,
            context={"opportunity": opportunity, "shift": shift, "person": volunteer, "was": was},
        )


def _cancel_shift(actor: User, shift: Shift, opportunity: Opportunity) -> list[int]:
    """Close the shift's live applications, tell each volunteer in their language, delete
    the shift. The keys of the closed applications."""
    if Team.objects.filter(shift=shift, status__in=LIVE_STATUSES).exists():
        raise ValidationError(
            _("A team has signed up for the shift of %(when)s; decide on it first.")
            % {"when": local_span(shift.start, shift.end, opportunity.timezone)}
        )
    reason = _("The shift has been cancelled.")
    closed = []
    for application in _live_applications(shift):
        volunteer = application.volunteer
        with translation.override(volunteer.preferred_language):
            when = local_span(shift.start, shift.end, opportunity.timezone)
        record(
            actor=actor,
            action="application.rejected",
            target=application,
            organisation_id=opportunity.project.owner_id,
            data={"status": ApplicationStatus.REJECTED, "shift": shift.pk, "reason": reason},
        )
        mail_send(
            to=volunteer.email,
            template="projects/mail/shift_cancelled",
            language=volunteer.preferred_language,
            context={"opportunity": opportunity, "person": volunteer, "when": when},
        )
        closed.append(application.pk)
    shift.delete()  # its closed applications go with it; the audit trail keeps them
    return closed


@dataclass
class Changes:
    moved: list[int] = field(default_factory=list)
    created: int = 0
    removed: int = 0
    closed: list[int] = field(default_factory=list)


def _apply_plan(
    actor: User, series: ShiftSeries, following: list[Shift], planned: Planned
) -> Changes:
    """Match the following shifts to the planned days and write the difference."""
    opportunity, zone = series.opportunity, series.opportunity.timezone
    booked = _booked(following)
    by_day = {_local_day(shift.start, zone): shift for shift in following}
    pairs = [(by_day.pop(day), day) for day in list(planned) if day in by_day]
    paired_days = {day for _shift, day in pairs}
    free_days = [day for day in planned if day not in paired_days]
    changes = Changes()
    for shift in sorted(by_day.values(), key=lambda one: one.start):
        if shift.pk in booked and free_days:
            pairs.append((shift, free_days.pop(0)))
        elif shift.pk in booked:
            changes.closed += _cancel_shift(actor, shift, opportunity)
        else:
            shift.delete()
            changes.removed += 1
    for shift, day in pairs:
        start, end = planned[day]
        check_covers_confirmed(series.capacity, seats(opportunity, shift)[1])
        before = (shift.start, shift.end)
        moved = before != (start, end)
        shift.start, shift.end, shift.capacity, shift.series = start, end, series.capacity, series
        shift.save(update_fields=["start", "end", "capacity", "series"])
        if moved and shift.pk in booked:
            changes.moved.append(shift.pk)
            _tell_moved(shift, before, opportunity)
    created = Shift.objects.bulk_create(
        Shift(
            opportunity=opportunity, series=series, start=start, end=end, capacity=series.capacity
        )
        for start, end in (planned[day] for day in free_days)
    )
    changes.created = len(created)
    return changes


@transaction.atomic
def series_update(
    *,
    actor: User,
    shift: Shift,
    rule: str,
    first_date: date,
    start_time: time,
    end_time: time,
    capacity: int,
    exceptions: Iterable[date] = (),
) -> ShiftSeries:
    """Change this shift and all following ones of its series to the new description (from
    `first_date`, on or after the shift's day). The earlier shifts keep the old series."""
    series, following = _lock_following(actor, shift)
    zone = series.opportunity.timezone
    day = _local_day(shift.start, zone)
    if first_date < day:
        raise ValidationError(
            {"first_date": _("Start on %(date)s or later.") % {"date": day.isoformat()}}
        )
    wanted = Description(rule, first_date, start_time, end_time, capacity, tuple(exceptions))
    planned = _plan(zone, wanted)
    before = _describe(series)
    target = series
    if Shift.objects.filter(series=series, start__lt=shift.start).exists():
        series.rule = rule_ending_before(series.rule, day)
        series.exceptions = [one for one in series.exceptions if one < day.isoformat()]
        series.save(update_fields=["rule", "exceptions"])
        target = ShiftSeries(opportunity=series.opportunity, created_by=actor)
    _set_fields(target, wanted)
    target.save()
    changes = _apply_plan(actor, target, following, planned)
    audit(
        actor,
        "series.updated",
        target,
        series.opportunity.project,
        **_describe(target),
        before=before,
        split_from=series.pk if target is not series else None,
        from_shift=shift.pk,
        moved=changes.moved,
        created=changes.created,
        removed=changes.removed,
        closed=changes.closed,
    )
    opportunity_refresh(opportunity=series.opportunity)
    return target


@transaction.atomic
def series_cancel(*, actor: User, shift: Shift) -> int:
    """Cancel this shift and all following ones of its series; the number cancelled."""
    series, following = _lock_following(actor, shift)
    opportunity = series.opportunity
    day = _local_day(shift.start, opportunity.timezone)
    closed: list[int] = []
    for one in following:
        closed += _cancel_shift(actor, one, opportunity)
    audit(
        actor,
        "series.cancelled",
        series,
        opportunity.project,
        from_shift=shift.pk,
        shifts=len(following),
        closed=closed,
    )
    if Shift.objects.filter(series=series).exists():
        series.rule = rule_ending_before(series.rule, day)
        series.exceptions = [one for one in series.exceptions if one < day.isoformat()]
        series.save(update_fields=["rule", "exceptions"])
    else:
        series.delete()
    opportunity_refresh(opportunity=opportunity)
    return len(following)
