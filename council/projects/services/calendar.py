"""The personal iCal feed (RFC 5545) of a person's confirmed shifts."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from council.accounts.models import User
from council.audit.services import record
from council.lib.timezones import place_zone
from council.projects.models import CalendarFeed, calendar_token
from council.projects.selectors.applications import confirmed_shifts_for_calendar


def calendar_render(*, user: User) -> bytes:
    """The feed in its owner's language: a calendar app fetches it with no session and no
    language of its own to go by."""
    language = user.preferred_language
    if language not in settings.LANGUAGE_CODES:
        language = settings.LANGUAGE_CODE
    with translation.override(language):
        return _calendar(user=user)


def _calendar(*, user: User) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Volunteer Council//Shifts//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", _("Volunteer Council"))
    for application in confirmed_shifts_for_calendar(user=user):
        shift, opportunity = application.shift, application.opportunity
        assert shift is not None
        zone = place_zone(opportunity.timezone)
        event = Event()
        event.add("uid", f"shift-{shift.pk}-application-{application.pk}@volunteer-council")
        event.add("summary", str(opportunity.title))
        # Local wall-clock time with its TZID, so calendars show the time of the place.
        event.add("dtstart", shift.start.astimezone(zone))
        event.add("dtend", shift.end.astimezone(zone))
        event.add("dtstamp", application.decided_at or application.created_at)
        place = (
            _("Online")
            if opportunity.is_online
            else ", ".join(
                part
                for part in (
                    str(opportunity.city.name) if opportunity.city else "",
                    opportunity.address,
                )
                if part
            )
        )
        if place:
            event.add("location", place)
        event.add("url", settings.SITE_URL + reverse("projects:opportunity", args=[opportunity.pk]))
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return bytes(calendar.to_ical())


def calendar_feed_get(*, user: User) -> CalendarFeed:
    """The person's feed, its secret address made the first time they ask for it."""
    feed, _created = CalendarFeed.objects.get_or_create(user=user)
    return feed


@transaction.atomic
def calendar_feed_reset(*, user: User) -> CalendarFeed:
    """A new secret address; the old one stops working at once."""
    feed, created = CalendarFeed.objects.get_or_create(user=user)
    if not created:
        feed.token = calendar_token()
        feed.created_at = timezone.now()
        feed.save(update_fields=["token", "created_at"])
    record(actor=user, action="calendar_feed.reset", target=feed)
    return feed
