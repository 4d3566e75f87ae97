"""The catalogue of webhook events: each type a subscriber may choose, its label, and what its
`data` holds (docs/webhooks.md prints the same catalogue for subscribers).

Every delivery is a Standard Webhooks message, `{"type", "timestamp", "data"}`. Its `data`
always has `organisation` (`{"id", "name"}`: the organisation the event happened in) and,
when the event is about a person, `person`: `{"id"}` (a pseudonymous id, stable for that
subscriber and that person, different for each subscriber) plus the person's fields when the
subscriber may see them (docs/webhooks.md, "Personal data")."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

APPLICATION_SUBMITTED = "application.submitted"
APPLICATION_DECIDED = "application.decided"
SEAT_FREED = "seat.freed"
HOURS_VERIFIED = "hours.verified"
CERTIFICATE_ISSUED = "certificate.issued"
FORUM_REGISTRATION_CONFIRMED = "forum_registration.confirmed"
DELEGATION_APPROVED = "delegation.approved"
IMPORT_FINISHED = "import.finished"
# Sent by the "send test event" button to one endpoint; nobody subscribes to it.
TEST = "webhook.test"


@dataclass(frozen=True)
class Event:
    type: str
    label: Promise
    data: tuple[str, ...]  # the keys of `data` besides organisation and person
    person: bool = False  # the event is about a person


EVENTS: tuple[Event, ...] = (
    Event(
        APPLICATION_SUBMITTED,
        _("An application was submitted"),
        ("application", "opportunity", "shift", "status"),
        person=True,
    ),
    Event(
        APPLICATION_DECIDED,
        _("An application was decided (accepted, waitlisted, rejected, or a seat given)"),
        ("application", "opportunity", "shift", "status"),
        person=True,
    ),
    Event(
        SEAT_FREED,
        _("A seat became free (an application withdrawn or rejected after confirmation)"),
        ("opportunity", "shift", "free_seats"),
    ),
    Event(
        HOURS_VERIFIED,
        _("Volunteer hours were verified"),
        ("entry", "project", "date", "hours"),
        person=True,
    ),
    Event(
        CERTIFICATE_ISSUED,
        _("A certificate was issued"),
        ("certificate", "project", "hours", "period_start", "period_end"),
        person=True,
    ),
    Event(
        FORUM_REGISTRATION_CONFIRMED,
        _("A forum registration was confirmed"),
        ("registration", "forum", "quota", "via"),
        person=True,
    ),
    Event(
        DELEGATION_APPROVED,
        _("A delegation member was approved by the forum's host"),
        ("delegation", "member", "forum"),
        person=True,
    ),
    Event(
        IMPORT_FINISHED,
        _("An import finished"),
        (
            "import",
            "kind",
            "status",
            "created",
            "updated",
            "rejected",
            "skipped",
            "rows",
            "finished_at",
        ),
    ),
)

EVENTS_BY_TYPE = {event.type: event for event in EVENTS}
EVENT_TYPES = tuple(EVENTS_BY_TYPE)


def event_choices() -> list[tuple[str, Promise]]:
    """The events a subscriber may choose, for forms."""
    return [(event.type, event.label) for event in EVENTS]


def event_label(event_type: str) -> str:
    """The event's label in the active language ("Test event" for the test)."""
    if event_type == TEST:
        return str(_("Test event"))
    event = EVENTS_BY_TYPE.get(event_type)
    return str(event.label) if event is not None else event_type
