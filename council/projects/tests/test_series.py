"""Series of shifts: generated on the place's clock across clock changes, exceptions, a
change of "this and all following", one shift changed alone, cancelling, bad rules."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from council.audit.models import AuditEvent
from council.conftest import make_user
from council.projects.models import Application, ApplicationStatus, Shift, ShiftSeries
from council.projects.services.applications import application_submit
from council.projects.services.series import series_cancel, series_create, series_update
from council.projects.services.shifts import shift_delete, shift_update
from council.projects.tests.conftest import adult, make_opportunity, make_project

pytestmark = pytest.mark.django_db


def last_sunday_of_march(year: int) -> date:
    day = date(year, 3, 31)
    return day - timedelta(days=(day.weekday() + 1) % 7)


def next_spring_change() -> date:
    """The next last Sunday of March (Europe's clock change) at least a week ahead."""
    today = timezone.localdate()
    change = last_sunday_of_march(today.year)
    if change - timedelta(days=14) <= today:
        change = last_sunday_of_march(today.year + 1)
    return change


def tuesday_after(day: date, weeks: int = 1) -> date:
    return day + timedelta(days=(1 - day.weekday()) % 7 + 7 * (weeks - 1))


def opportunity_in(org, zone: str):
    return make_opportunity(make_project(org), shifts=0, timezone=zone, capacity=1)


def make_series(actor, opportunity, **fields) -> ShiftSeries:
    fields.setdefault("rule", "FREQ=WEEKLY;BYDAY=TU,TH;COUNT=6")
    fields.setdefault("first_date", tuesday_after(next_spring_change()) - timedelta(days=14))
    fields.setdefault("start_time", time(18))
    fields.setdefault("end_time", time(21))
    fields.setdefault("capacity", 1)
    return series_create(actor=actor, opportunity=opportunity, **fields)


def local_times(series: ShiftSeries) -> list[datetime]:
    zone = ZoneInfo(series.opportunity.timezone)
    return [shift.start.astimezone(zone) for shift in series.shifts.order_by("start")]


def test_a_series_keeps_local_time_across_the_clock_change(org, org_admin) -> None:
    opportunity = opportunity_in(org, "Europe/Berlin")
    series = make_series(org_admin, opportunity)
    starts = local_times(series)
    assert len(starts) == 6
    assert {start.time() for start in starts} == {time(18)}
    assert {start.weekday() for start in starts} == {1, 3}
    change = next_spring_change()
    before = [s.astimezone(UTC).time() for s in starts if s.date() < change]
    after = [s.astimezone(UTC).time() for s in starts if s.date() > change]
    # 18:00 is 17:00 UTC in winter (UTC+1) and 16:00 UTC in summer (UTC+2).
    assert set(before) == {time(17)} and set(after) == {time(16)}
    ends = [shift.end.astimezone(ZoneInfo("Europe/Berlin")).time() for shift in series.shifts.all()]
    assert set(ends) == {time(21)}
    event = AuditEvent.objects.get(action="series.created")
    assert event.actor == org_admin and event.data["shifts"] == 6
    opportunity.refresh_from_db()
    assert opportunity.first_start == series.shifts.order_by("start").first().start


def test_a_new_york_series_moves_in_utc_in_march_too(org, org_admin) -> None:
    opportunity = opportunity_in(org, "America/New_York")
    # The United States change on the second Sunday of March: a daily series across March.
    year = next_spring_change().year
    series = make_series(
        org_admin,
        opportunity,
        rule="FREQ=DAILY;UNTIL=20" + f"{year % 100:02}0320",
        first_date=date(year, 3, 1),
    )
    starts = local_times(series)
    assert len(starts) == 20 and {start.time() for start in starts} == {time(18)}
    assert {start.astimezone(UTC).hour for start in starts} == {23, 22}


def test_an_almaty_series_has_one_utc_time(org, org_admin) -> None:
    opportunity = opportunity_in(org, "Asia/Almaty")
    series = make_series(org_admin, opportunity, rule="FREQ=WEEKLY;BYDAY=TU,TH;COUNT=10")
    starts = local_times(series)
    assert len(starts) == 10 and {start.time() for start in starts} == {time(18)}
    # No clock change in Kazakhstan: the same UTC time before and after Europe's.
    assert len({start.astimezone(UTC).time() for start in starts}) == 1
    assert len({start.utcoffset() for start in starts}) == 1


def test_exceptions_are_skipped(org, org_admin) -> None:
    opportunity = opportunity_in(org, "Asia/Almaty")
    first = tuesday_after(timezone.localdate() + timedelta(days=7))
    holiday = first + timedelta(days=7)
    series = make_series(
        org_admin,
        opportunity,
        rule="FREQ=WEEKLY;BYDAY=TU;COUNT=4",
        first_date=first,
        exceptions=[holiday],
    )
    days = [start.date() for start in local_times(series)]
    assert days == [first, first + timedelta(days=14), first + timedelta(days=21)]
    assert series.exceptions == [holiday.isoformat()]


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        ("FREQ=WEEKLY;BYDAY=TU", "The rule must end"),
        ("FREQ=SOMETIMES;COUNT=3", "daily, weekly, monthly or yearly"),
        ("FREQ=WEEKLY;BYDAY=XX;COUNT=3", "not a valid recurrence rule"),
        ("FREQ=DAILY;BYHOUR=9;COUNT=3", "BYHOUR is not supported"),
        ("FREQ=DAILY;COUNT=501", "more than 500 shifts"),
        ("FREQ=DAILY;COUNT=0", "COUNT must be a whole number"),
        ("garbage", "not written correctly"),
        ("FREQ=DAILY;UNTIL=29990101", "The rule must end by"),
    ],
)
def test_a_bad_rule_is_a_field_error(org, org_admin, rule, message) -> None:
    opportunity = opportunity_in(org, "Asia/Almaty")
    with pytest.raises(ValidationError) as error:
        make_series(org_admin, opportunity, rule=rule)
    assert message in " ".join(error.value.message_dict["rule"])
    assert not Shift.objects.exists() and not ShiftSeries.objects.exists()


def test_a_time_the_clocks_skip_is_refused(org, org_admin) -> None:
    opportunity = opportunity_in(org, "Europe/Berlin")
    change = next_spring_change()
    with pytest.raises(ValidationError) as error:
        make_series(
            org_admin,
            opportunity,
            rule="FREQ=DAILY;COUNT=3",
            first_date=change - timedelta(days=1),
            start_time=time(2, 30),
            end_time=time(4),
        )
    assert "does not exist" in error.value.message_dict["start_time"][0]


@pytest.fixture
def booked_series(org, org_admin, volunteer):
    """Six Tuesdays in Almaty at 18:00; the volunteer is confirmed on the fourth."""
    opportunity = opportunity_in(org, "Asia/Almaty")
    first = tuesday_after(timezone.localdate() + timedelta(days=7))
    series = make_series(
        org_admin, opportunity, rule="FREQ=WEEKLY;BYDAY=TU;COUNT=6", first_date=first
    )
    shifts = list(series.shifts.order_by("start"))
    application_submit(volunteer=adult(volunteer), opportunity=opportunity, shift=shifts[3])
    return series, shifts


def test_this_and_following_splits_the_series(
    org_admin, booked_series, mailbox, django_capture_on_commit_callbacks
) -> None:
    series, shifts = booked_series
    mailbox.clear()
    third = shifts[2].start.astimezone(ZoneInfo("Asia/Almaty")).date()
    with django_capture_on_commit_callbacks(execute=True):
        changed = series_update(
            actor=org_admin,
            shift=shifts[2],
            rule="FREQ=WEEKLY;BYDAY=TU;COUNT=4",
            first_date=third,
            start_time=time(17),
            end_time=time(20),
            capacity=2,
        )
    assert changed.pk != series.pk
    series.refresh_from_db()
    assert f"UNTIL={third - timedelta(days=1):%Y%m%d}" in series.rule
    assert list(series.shifts.order_by("start")) == shifts[:2]
    assert {start.time() for start in local_times(series)} == {time(18)}
    following = local_times(changed)
    assert len(following) == 4 and {start.time() for start in following} == {time(17)}
    # The booked shift is moved in place; its volunteer keeps the seat and is told.
    booked = Shift.objects.get(pk=shifts[3].pk)
    assert booked.series == changed and booked.capacity == 2
    assert Application.objects.get(shift=booked).status == ApplicationStatus.CONFIRMED
    assert [message.to for message in mailbox] == [["volunteer@example.org"]]
    assert "18:00" in mailbox[0].body and "17:00" in mailbox[0].body
    event = AuditEvent.objects.get(action="series.updated")
    assert event.data["split_from"] == series.pk and event.data["moved"] == [booked.pk]


def test_a_shorter_series_cancels_a_booked_shift_left_without_a_day(
    org_admin, booked_series, mailbox, django_capture_on_commit_callbacks
) -> None:
    series, shifts = booked_series
    mailbox.clear()
    first = shifts[0].start.astimezone(ZoneInfo("Asia/Almaty")).date()
    with django_capture_on_commit_callbacks(execute=True):
        series_update(
            actor=org_admin,
            shift=shifts[0],
            rule="FREQ=WEEKLY;BYDAY=TU;COUNT=2",
            first_date=first,
            start_time=time(18),
            end_time=time(21),
            capacity=1,
        )
    series.refresh_from_db()
    assert series.shifts.count() == 2  # changed in place: the first shift starts it
    assert list(Shift.objects.order_by("start")) == shifts[:2]
    # The booked fourth Tuesday had no day left: its volunteer is told it is cancelled.
    assert not Application.objects.exists()
    assert [message.to for message in mailbox] == [["volunteer@example.org"]]
    assert "cancelled" in mailbox[0].subject


def test_one_shift_changed_alone_leaves_the_series(org_admin, booked_series) -> None:
    series, shifts = booked_series
    moved = shift_update(
        actor=org_admin,
        shift=shifts[1],
        start=shifts[1].start + timedelta(hours=1),
        end=shifts[1].end + timedelta(hours=1),
        capacity=3,
    )
    assert moved.series is None
    series.refresh_from_db()
    day = shifts[1].start.astimezone(ZoneInfo("Asia/Almaty")).date()
    assert series.exceptions == [day.isoformat()]
    # A later change of the whole series does not bring the day back.
    first = shifts[0].start.astimezone(ZoneInfo("Asia/Almaty")).date()
    series_update(
        actor=org_admin,
        shift=shifts[0],
        rule=series.rule,
        first_date=first,
        start_time=time(18),
        end_time=time(21),
        capacity=1,
        exceptions=[day],
    )
    assert Shift.objects.filter(start__date=shifts[1].start.date()).count() == 1
    shift_delete(actor=org_admin, shift=shifts[4])
    series.refresh_from_db()
    assert len(series.exceptions) == 2


def test_cancelling_this_and_following_closes_applications(
    org_admin, booked_series, mailbox, django_capture_on_commit_callbacks
) -> None:
    series, shifts = booked_series
    mailbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert series_cancel(actor=org_admin, shift=shifts[2]) == 4
    assert list(Shift.objects.order_by("start")) == shifts[:2]
    assert not Application.objects.exists()
    assert [message.to for message in mailbox] == [["volunteer@example.org"]]
    assert "cancelled" in mailbox[0].subject
    event = AuditEvent.objects.get(action="application.rejected")
    assert event.data["reason"] == "The shift has been cancelled."
    series.refresh_from_db()
    assert "UNTIL=" in series.rule and "COUNT" not in series.rule


def test_outsiders_may_not_change_a_series(org, org_admin, booked_series) -> None:
    _series, shifts = booked_series
    stranger = make_user("stranger@example.org", org.country)
    with pytest.raises(PermissionDenied):
        series_cancel(actor=stranger, shift=shifts[2])
    assert Shift.objects.count() == 6
