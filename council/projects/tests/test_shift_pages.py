"""The shifts page of an opportunity: list, add one, add a series, edit, delete."""

from datetime import UTC, date, datetime, time, timedelta
from functools import partial
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from council.audit.models import AuditEvent
from council.projects.models import Application, Shift
from council.projects.services.applications import application_submit
from council.projects.services.series import series_create
from council.projects.services.shifts import shift_delete, shift_update
from council.projects.tests.conftest import adult, make_opportunity, make_project

pytestmark = pytest.mark.django_db

ALMATY = ZoneInfo("Asia/Almaty")


@pytest.fixture
def almaty_opportunity(org, astana):
    project = make_project(org, status="draft")
    return make_opportunity(project, city=astana, shifts=0, timezone="Asia/Almaty")


def next_weekday(weekday: int, after_days: int = 7) -> date:
    day = timezone.localdate() + timedelta(days=after_days)
    return day + timedelta(days=(weekday - day.weekday()) % 7)


def local(day: date, hour: int, minute: int = 0) -> str:
    return f"{day.isoformat()}T{hour:02}:{minute:02}"


def test_an_organiser_adds_a_shift_in_local_time(client, org_admin, almaty_opportunity) -> None:
    day = next_weekday(2)
    client.force_login(org_admin)
    response = client.post(
        f"/opportunities/{almaty_opportunity.pk}/shifts/new/",
        {"shift-start": local(day, 9), "shift-end": local(day, 13, 30), "shift-capacity": "5"},
    )
    assert response.status_code == 302
    shift = Shift.objects.get()
    # 09:00 in Almaty (UTC+5) is 04:00 UTC.
    assert shift.start == datetime.combine(day, time(4, 0), tzinfo=UTC)
    assert shift.end == datetime.combine(day, time(8, 30), tzinfo=UTC)
    assert shift.capacity == 5
    event = AuditEvent.objects.get(action="shift.created")
    assert event.actor == org_admin and event.data["capacity"] == 5
    almaty_opportunity.refresh_from_db()
    assert almaty_opportunity.first_start == shift.start
    assert almaty_opportunity.last_end == shift.end
    page = client.get(response.url).content.decode()
    assert f"{day:%d.%m.%Y} 09:00" in page and f"{day:%d.%m.%Y} 13:30" in page
    assert "0 / 5" in page


def test_shift_errors_name_the_fields(client, org_admin, almaty_opportunity) -> None:
    day = next_weekday(2)
    url = f"/opportunities/{almaty_opportunity.pk}/shifts/new/"
    client.force_login(org_admin)
    response = client.post(
        url, {"shift-start": local(day, 13), "shift-end": local(day, 9), "shift-capacity": "5"}
    )
    assert response.status_code == 400
    assert response.context["shift_form"].errors == {"end": ["The shift must end after it starts."]}
    assert "The shift must end after it starts." in response.content.decode()
    past = timezone.localdate() - timedelta(days=2)
    response = client.post(
        url, {"shift-start": local(past, 9), "shift-end": local(past, 13), "shift-capacity": "5"}
    )
    assert response.status_code == 400
    assert response.context["shift_form"].errors == {
        "start": ["The shift must start in the future."]
    }
    response = client.post(
        url, {"shift-start": local(day, 9), "shift-end": local(day, 13), "shift-capacity": "0"}
    )
    assert response.status_code == 400 and "capacity" in response.context["shift_form"].errors
    assert not Shift.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="shift.").exists()


def test_malformed_shift_input_is_a_400(client, org_admin, almaty_opportunity) -> None:
    client.force_login(org_admin)
    response = client.post(
        f"/opportunities/{almaty_opportunity.pk}/shifts/new/",
        {"shift-start": "tomorrow", "shift-end": "2031-13-45T25:61", "shift-capacity": "many"},
    )
    assert response.status_code == 400
    assert set(response.context["shift_form"].errors) == {"start", "end", "capacity"}
    response = client.post(
        f"/opportunities/{almaty_opportunity.pk}/shifts/series/",
        {
            "series-weekdays": ["9", "x"],
            "series-first_date": "soon",
            "series-count": "1000",
            "series-start_time": "10 o'clock",
            "series-end_time": "",
            "series-capacity": "-1",
        },
    )
    assert response.status_code == 400
    assert set(response.context["series_form"].errors) == {
        "weekdays",
        "first_date",
        "count",
        "start_time",
        "end_time",
        "capacity",
    }
    assert not Shift.objects.exists()


def test_a_weekly_series_in_almaty_is_stored_in_utc(client, org_admin, almaty_opportunity):
    saturday = next_weekday(5)
    client.force_login(org_admin)
    response = client.post(
        f"/opportunities/{almaty_opportunity.pk}/shifts/series/",
        {
            "series-weekdays": ["5"],
            "series-first_date": saturday.isoformat(),
            "series-count": "4",
            "series-start_time": "10:00",
            "series-end_time": "14:00",
            "series-capacity": "6",
        },
    )
    assert response.status_code == 302
    shifts = list(Shift.objects.order_by("start"))
    # Every Saturday 10:00–14:00 in Almaty (UTC+5) is 05:00–09:00 UTC.
    assert [(s.start, s.end) for s in shifts] == [
        (
            datetime.combine(saturday + timedelta(weeks=n), time(5, 0), tzinfo=UTC),
            datetime.combine(saturday + timedelta(weeks=n), time(9, 0), tzinfo=UTC),
        )
        for n in range(4)
    ]
    assert {s.capacity for s in shifts} == {6}
    assert all(s.start.astimezone(ALMATY).weekday() == 5 for s in shifts)
    event = AuditEvent.objects.get(action="series.created")
    assert event.data["shifts"] == 4 and all(s.series_id for s in shifts)
    page = client.get(response.url).content.decode()
    assert "4 shifts have been added." in page
    assert page.count("10:00") >= 4 and "Asia/Almaty" in page


def test_a_series_starts_on_the_first_chosen_day_and_takes_several_days(
    org_admin, almaty_opportunity
) -> None:
    monday = next_weekday(0)
    series = series_create(
        actor=org_admin,
        opportunity=almaty_opportunity,
        first_date=monday + timedelta(days=1),  # a Tuesday
        rule="FREQ=WEEKLY;BYDAY=MO,WE;COUNT=4",
        start_time=time(18, 0),
        end_time=time(20, 0),
        capacity=3,
    )
    days = [s.start.astimezone(ALMATY).date() for s in series.shifts.order_by("start")]
    assert days == [
        monday + timedelta(days=2),
        monday + timedelta(days=7),
        monday + timedelta(days=9),
        monday + timedelta(days=14),
    ]


def test_a_series_follows_clock_changes(org_admin, org, ru_partner, moscow) -> None:
    """Europe/Berlin moves to summer time on 30 March 2031: 10:00 stays 10:00 on the clock."""
    project = make_project(org, status="draft")
    opportunity = make_opportunity(project, shifts=0, is_online=True, timezone="Europe/Berlin")
    sundays = partial(series_create, actor=org_admin, opportunity=opportunity, capacity=3)
    series = sundays(
        first_date=date(2031, 3, 23),
        start_time=time(10, 0),
        end_time=time(12, 0),
        rule="FREQ=WEEKLY;BYDAY=SU;COUNT=2",
    )
    assert [s.start for s in series.shifts.order_by("start")] == [
        datetime(2031, 3, 23, 9, 0, tzinfo=UTC),
        datetime(2031, 3, 30, 8, 0, tzinfo=UTC),
    ]
    with pytest.raises(ValidationError) as error:
        sundays(
            first_date=date(2031, 3, 30),
            start_time=time(2, 30),
            end_time=time(4, 0),
            rule="FREQ=WEEKLY;BYDAY=SU;COUNT=1",
        )
    assert "start_time" in error.value.message_dict
    assert Shift.objects.count() == 2


def test_a_series_in_the_past_creates_nothing(client, org_admin, almaty_opportunity) -> None:
    client.force_login(org_admin)
    response = client.post(
        f"/opportunities/{almaty_opportunity.pk}/shifts/series/",
        {
            "series-weekdays": ["0", "1", "2", "3", "4", "5", "6"],
            "series-first_date": (timezone.localdate() - timedelta(days=3)).isoformat(),
            "series-count": "14",
            "series-start_time": "10:00",
            "series-end_time": "14:00",
            "series-capacity": "6",
        },
    )
    assert response.status_code == 400
    assert response.context["series_form"].errors == {
        "first_date": ["Every shift of the series must start in the future."]
    }
    response = client.post(
        f"/opportunities/{almaty_opportunity.pk}/shifts/series/",
        {
            "series-weekdays": ["5"],
            "series-first_date": next_weekday(5).isoformat(),
            "series-count": "2",
            "series-start_time": "14:00",
            "series-end_time": "10:00",
            "series-capacity": "6",
        },
    )
    assert response.status_code == 400
    assert "end_time" in response.context["series_form"].errors
    assert not Shift.objects.exists()


@pytest.fixture
def booked(org, volunteer):
    """A published opportunity whose shift has one confirmed volunteer."""
    opportunity = make_opportunity(make_project(org), capacity=3, is_online=True)
    shift = opportunity.shifts.get()
    application_submit(volunteer=adult(volunteer), opportunity=opportunity, shift=shift)
    return shift


def test_a_shift_does_not_shrink_below_its_confirmed_volunteers(client, org_admin, booked):
    client.force_login(org_admin)
    zone = ZoneInfo(booked.opportunity.timezone)
    page = client.get(f"/shifts/{booked.pk}/edit/")
    assert page.status_code == 200
    assert f'value="{booked.start.astimezone(zone):%Y-%m-%dT%H:%M}"' in page.content.decode()
    data = {
        "start": f"{booked.start.astimezone(zone):%Y-%m-%dT%H:%M}",
        "end": f"{booked.end.astimezone(zone):%Y-%m-%dT%H:%M}",
        "capacity": "0",
    }
    response = client.post(f"/shifts/{booked.pk}/edit/", data)
    assert response.status_code == 400 and "capacity" in response.context["form"].errors
    with pytest.raises(ValidationError) as error:
        shift_update(actor=org_admin, shift=booked, start=booked.start, end=booked.end, capacity=0)
    assert error.value.message_dict == {"capacity": ["A shift takes at least one volunteer."]}
    # Shrinking to exactly the confirmed number is fine; the seat count is 1 / 1.
    response = client.post(f"/shifts/{booked.pk}/edit/", {**data, "capacity": "1"})
    assert response.status_code == 302
    assert Shift.objects.get(pk=booked.pk).capacity == 1
    assert AuditEvent.objects.get(action="shift.updated").data["before"]["capacity"] == 3
    assert "1 / 1" in client.get(response.url).content.decode()


def test_shrink_below_confirmed_is_refused(org_admin, org, volunteer, outsider) -> None:
    opportunity = make_opportunity(make_project(org), capacity=3, is_online=True)
    shift = opportunity.shifts.get()
    for person in (volunteer, outsider):
        application_submit(volunteer=adult(person), opportunity=opportunity, shift=shift)
    with pytest.raises(ValidationError) as error:
        shift_update(actor=org_admin, shift=shift, start=shift.start, end=shift.end, capacity=1)
    assert error.value.message_dict == {
        "capacity": ["2 volunteers are already confirmed; the capacity cannot be lower."]
    }
    assert Shift.objects.get(pk=shift.pk).capacity == 3


def test_moving_a_shift_keeps_local_time_rules(client, org_admin, booked) -> None:
    zone = ZoneInfo(booked.opportunity.timezone)
    start = booked.start.astimezone(zone)
    client.force_login(org_admin)
    response = client.post(
        f"/shifts/{booked.pk}/edit/",
        {
            "start": f"{start:%Y-%m-%dT%H:%M}",
            "end": f"{start - timedelta(hours=1):%Y-%m-%dT%H:%M}",
            "capacity": "3",
        },
    )
    assert response.status_code == 400
    assert response.context["form"].errors == {"end": ["The shift must end after it starts."]}


def test_a_shift_with_confirmed_volunteers_is_not_deleted(client, org_admin, booked) -> None:
    client.force_login(org_admin)
    response = client.post(f"/shifts/{booked.pk}/delete/", follow=True)
    assert "This shift has confirmed volunteers; it cannot be deleted." in (
        response.content.decode()
    )
    assert Shift.objects.filter(pk=booked.pk).exists()
    assert Application.objects.filter(shift=booked).count() == 1


def test_a_shift_with_open_applications_is_not_deleted(org_admin, org, volunteer) -> None:
    opportunity = make_opportunity(
        make_project(org), capacity=3, is_online=True, application_mode="review"
    )
    shift = opportunity.shifts.get()
    application_submit(volunteer=adult(volunteer), opportunity=opportunity, shift=shift)
    with pytest.raises(ValidationError) as error:
        shift_delete(actor=org_admin, shift=shift)
    assert "decide on them" in error.value.messages[0]


def test_an_empty_shift_is_deleted(client, org_admin, almaty_opportunity) -> None:
    series = series_create(
        actor=org_admin,
        opportunity=almaty_opportunity,
        first_date=next_weekday(5),
        rule="FREQ=WEEKLY;BYDAY=SA;COUNT=2",
        start_time=time(10),
        end_time=time(14),
        capacity=2,
    )
    shifts = list(series.shifts.order_by("start"))
    client.force_login(org_admin)
    response = client.post(f"/shifts/{shifts[1].pk}/delete/")
    assert response.status_code == 302
    assert list(Shift.objects.all()) == [shifts[0]]
    assert AuditEvent.objects.filter(action="shift.deleted", target_id=str(shifts[1].pk)).exists()
    almaty_opportunity.refresh_from_db()
    assert almaty_opportunity.last_end == shifts[0].end


def test_a_started_shift_no_longer_changes(org_admin, org) -> None:
    opportunity = make_opportunity(make_project(org), is_online=True)
    shift = opportunity.shifts.get()
    Shift.objects.filter(pk=shift.pk).update(
        start=timezone.now() - timedelta(hours=1), end=timezone.now() + timedelta(hours=1)
    )
    with pytest.raises(ValidationError) as error:
        shift_delete(actor=org_admin, shift=shift)
    assert "already started" in error.value.messages[0]


def test_the_shift_list_is_cheap(
    client, org_admin, almaty_opportunity, django_assert_max_num_queries
) -> None:
    series_create(
        actor=org_admin,
        opportunity=almaty_opportunity,
        first_date=next_weekday(0),
        rule="FREQ=DAILY;COUNT=28",
        start_time=time(10),
        end_time=time(14),
        capacity=2,
    )
    client.force_login(org_admin)
    with django_assert_max_num_queries(10):
        response = client.get(f"/opportunities/{almaty_opportunity.pk}/shifts/")
    assert response.status_code == 200
    assert response.content.decode().count("0 / 2") == 28
