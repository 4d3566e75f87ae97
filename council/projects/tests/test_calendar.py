import pytest
from icalendar import Calendar

from council.projects.models import CalendarFeed
from council.projects.services.applications import application_submit
from council.projects.tests.conftest import adult

pytestmark = pytest.mark.django_db


def test_the_feed_lists_confirmed_shifts_in_local_time(client, opportunity, shift, volunteer):
    opportunity.timezone = "Asia/Almaty"
    opportunity.save()
    application_submit(volunteer=adult(volunteer), opportunity=opportunity, shift=shift)
    client.force_login(volunteer)
    page = client.get("/me/calendar/")
    assert page.status_code == 200
    feed = CalendarFeed.objects.get(user=volunteer)
    assert f"/calendar/{feed.token}.ics" in page.content.decode()

    client.logout()
    response = client.get(f"/calendar/{feed.token}.ics")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 1
    start = events[0].decoded("dtstart")
    assert str(start.tzinfo) == "Asia/Almaty"
    assert start == shift.start
    assert events[0]["summary"] == "Beach clean-up volunteer"
    assert next(iter(calendar.walk("VTIMEZONE")))["tzid"] == "Asia/Almaty"


def test_a_new_address_retires_the_old_one(client, volunteer) -> None:
    client.force_login(volunteer)
    client.get("/me/calendar/")
    old = CalendarFeed.objects.get(user=volunteer).token
    client.post("/me/calendar/")
    new = CalendarFeed.objects.get(user=volunteer).token
    assert new != old
    assert client.get(f"/calendar/{old}.ics").status_code == 404
    assert client.get(f"/calendar/{new}.ics").status_code == 200


def test_anonymous_calendar_page_goes_to_login(client) -> None:
    assert client.get("/me/calendar/").status_code == 302
    assert client.get("/calendar/guess.ics").status_code == 404
