"""Series of shifts: read an opportunity's series (public), add one, change or cancel "this
and all following" shifts (organisers), sign up for every upcoming shift of a series
(volunteers). The rules live in council/projects/services/series.py and series_sign_up.py;
the input goes through the shift page's series form, so errors name the field."""

from __future__ import annotations

from datetime import date, time
from typing import Annotated, Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Router, Schema, Status
from pydantic import ConfigDict

from council.accounts.http import AuthenticatedRequest
from council.api.auth import PUBLIC
from council.api.schemas import Id, StrictId
from council.lib.forms import valid_data
from council.lib.recurrence import MAX_OCCURRENCES, MAX_RULE_LENGTH
from council.projects.access import (
    get_opportunity_for_applicant,
    get_opportunity_for_editor,
    get_opportunity_for_viewer,
    get_shift_for_editor,
)
from council.projects.forms.series import MAX_EXCEPTIONS, ShiftSeriesForm
from council.projects.models import ApplicationStatus, ShiftSeries
from council.projects.selectors.series import series_of, series_with_opportunity
from council.projects.services import series as services
from council.projects.services.organising import MAX_CAPACITY
from council.projects.services.series_sign_up import series_sign_up

router = Router()


class SeriesIn(Schema):
    """Either days of the week (0 = Monday) with `until` or `count`, or a `rule` (an
    iCalendar RRULE without DTSTART, e.g. "FREQ=WEEKLY;BYDAY=TU,TH;UNTIL=20270630"). Times
    are on the opportunity's local clock."""

    model_config = ConfigDict(extra="forbid")

    weekdays: list[Annotated[int, Field(ge=0, le=6)]] = Field([], max_length=7)
    first_date: date
    until: date | None = None
    count: Annotated[int, Field(ge=1, le=MAX_OCCURRENCES)] | None = None
    start_time: time
    end_time: time
    exceptions: list[date] = Field([], max_length=MAX_EXCEPTIONS)
    rule: str = Field("", max_length=MAX_RULE_LENGTH)
    capacity: Annotated[int, Field(ge=1, le=MAX_CAPACITY)]


class SeriesOut(Schema):
    id: int
    opportunity: int
    rule: str = Field(description="iCalendar RRULE, its days counted from first_date")
    first_date: date
    start_time: time = Field(description="Local time of the place")
    end_time: time = Field(description="Local time of the place")
    timezone: str = Field(description="IANA time zone of the place")
    exceptions: list[date] = Field(description="Local days the rule gives but the series skips")
    capacity: int
    shifts: list[int] = Field(description="Ids of its shifts, in order")

    @staticmethod
    def resolve_opportunity(obj: ShiftSeries) -> int:
        return obj.opportunity_id

    @staticmethod
    def resolve_timezone(obj: ShiftSeries) -> str:
        return obj.opportunity.timezone

    @staticmethod
    def resolve_shifts(obj: ShiftSeries) -> list[int]:
        return [shift.pk for shift in obj.shifts.all()]


class SignUpIn(Schema):
    model_config = ConfigDict(extra="forbid")

    series: StrictId
    motivation: str = Field("", max_length=4000)


class AppliedOut(Schema):
    id: int
    shift: int
    status: ApplicationStatus


class SkippedOut(Schema):
    shift: int
    reason: str


class SignUpOut(Schema):
    applications: list[AppliedOut]
    skipped: list[SkippedOut] = Field(description="Shifts not applied for, and why")


def _series_form(payload: SeriesIn, zone: str) -> dict[str, Any]:
    """The payload through the shift page's series form: the services' arguments."""
    data: dict[str, Any] = {
        **payload.model_dump(exclude={"exceptions", "until", "count"}),
        "until": payload.until or "",
        "count": payload.count or "",
        "exceptions": "\n".join(day.isoformat() for day in payload.exceptions),
    }
    form = ShiftSeriesForm(data=data, zone=zone)
    valid_data(form)
    return form.service_kwargs()


def _series_out(series: ShiftSeries) -> ShiftSeries:
    return series_with_opportunity(pk=series.pk)


@router.get("/opportunities/{opportunity_id}/series", response=list[SeriesOut], auth=PUBLIC)
def series_list(request: HttpRequest, opportunity_id: Id) -> QuerySet[ShiftSeries]:
    """The opportunity's series of shifts."""
    opportunity = get_opportunity_for_viewer(user=request.user, pk=opportunity_id)
    return series_of(opportunity=opportunity)


@router.post("/opportunities/{opportunity_id}/series", response={201: SeriesOut})
def series_create(
    request: AuthenticatedRequest, opportunity_id: Id, payload: SeriesIn
) -> Status[ShiftSeries]:
    """Add a series of shifts (organisers): all its shifts are created, or none."""
    opportunity = get_opportunity_for_editor(user=request.user, pk=opportunity_id)
    series = services.series_create(
        actor=request.user,
        opportunity=opportunity,
        **_series_form(payload, opportunity.timezone),
    )
    return Status(201, _series_out(series))


@router.patch("/shifts/{shift_id}/following", response=SeriesOut)
def series_update(request: AuthenticatedRequest, shift_id: Id, payload: SeriesIn) -> ShiftSeries:
    """Change this shift and all following ones of its series (organisers): the series is
    split before it; volunteers of moved shifts are told by mail."""
    shift = get_shift_for_editor(user=request.user, pk=shift_id)
    series = services.series_update(
        actor=request.user, shift=shift, **_series_form(payload, shift.opportunity.timezone)
    )
    return _series_out(series)


@router.delete("/shifts/{shift_id}/following", response={204: None})
def series_cancel(request: AuthenticatedRequest, shift_id: Id) -> Status[None]:
    """Cancel this shift and all following ones of its series (organisers); their live
    applications are closed and the volunteers told."""
    shift = get_shift_for_editor(user=request.user, pk=shift_id)
    services.series_cancel(actor=request.user, shift=shift)
    return Status(204, None)


@router.post("/opportunities/{opportunity_id}/series/applications", response={201: SignUpOut})
def series_apply(
    request: AuthenticatedRequest, opportunity_id: Id, payload: SignUpIn
) -> Status[dict[str, Any]]:
    """Apply for every upcoming shift of a series: confirmed or waitlisted per shift (or
    pending review); a shift that clashes with one of the caller's confirmed shifts is
    skipped."""
    opportunity = get_opportunity_for_applicant(user=request.user, pk=opportunity_id)
    result = series_sign_up(
        volunteer=request.user,
        opportunity=opportunity,
        series=payload.series,
        motivation=payload.motivation,
    )
    return Status(
        201,
        {
            "applications": [
                {"id": one.pk, "shift": one.shift_id, "status": one.status}
                for one in result.applications
            ],
            "skipped": [{"shift": shift.pk, "reason": reason} for shift, reason in result.skipped],
        },
    )
