import pytest
from django.core import mail
from icalendar import Calendar

from council.lib.tests.languages import in_each_language
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


@in_each_language(
    kk=("Жағажайды тазалау еріктісі", "Еріктілер кеңесі"),
    ru=("Волонтёр уборки пляжа", "Волонтёрский совет"),
    en=("Beach clean-up volunteer", "Volunteer Council"),
)
def test_the_feed_is_in_its_owners_language(
    client, opportunity, shift, volunteer, settings, language, summary, calendar_name
) -> None:
    """A calendar app fetches the feed with no session: it follows the owner's language, not
    the default (Russian) nor the app's Accept-Language."""
    settings.LANGUAGE_CODE = "ru"
    opportunity.title_kk = "Жағажайды тазалау еріктісі"
    opportunity.is_online = True
    opportunity.save()
    volunteer.preferred_language = language
    volunteer.save()
    application_submit(volunteer=adult(volunteer), opportunity=opportunity, shift=shift)
    feed = CalendarFeed.objects.create(user=volunteer)

    response = client.get(f"/calendar/{feed.token}.ics", HTTP_ACCEPT_LANGUAGE="en")
    calendar = Calendar.from_ical(response.content)
    event = next(iter(calendar.walk("VEVENT")))
    assert event["summary"] == summary
    assert event["location"] == {"kk": "Онлайн", "ru": "Онлайн", "en": "Online"}[language]
    assert calendar["x-wr-calname"] == calendar_name


def test_the_feed_and_its_links_carry_the_served_address(
    client, opportunity, shift, volunteer, settings, django_capture_on_commit_callbacks
) -> None:
    """`make run PORT=8101` sets SITE_URL: the confirmation mail and the feed link there."""
    settings.SITE_URL = "http://127.0.0.1:8101"
    with django_capture_on_commit_callbacks(execute=True):
        application_submit(volunteer=adult(volunteer), opportunity=opportunity, shift=shift)
    assert "http://127.0.0.1:8101/me/applications/" in mail.outbox[-1].body

    feed = CalendarFeed.objects.create(user=volunteer)
    calendar = Calendar.from_ical(client.get(f"/calendar/{feed.token}.ics").content)
    event = next(iter(calendar.walk("VEVENT")))
    assert event["url"] == f"http://127.0.0.1:8101/opportunities/{opportunity.pk}/"
