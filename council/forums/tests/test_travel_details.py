"""A delegation member's travel details as the member and the head of delegation see them: the
saved details come back into the form, saving again changes only what was changed, and times
are on the forum's clock (Asia/Almaty here), written as the reader's language writes them."""

from __future__ import annotations

from datetime import UTC, datetime
from html.parser import HTMLParser
from typing import Any

import pytest
from django.test import Client

from council.audit.models import AuditEvent
from council.conftest import PASSWORD, make_user
from council.forums.models import DelegationMember, Forum
from council.forums.services.delegations import (
    member_decide,
    member_invite,
    member_respond,
)
from council.forums.tests.conftest import make_delegation
from council.lib.tests.languages import in_each_language


class _FormValues(HTMLParser):
    """What a browser would submit from the form posting to `action`: inputs with their
    values (checked boxes only) and each select's selected option."""

    def __init__(self, action: str) -> None:
        super().__init__()
        self.action = action
        self.inside = False
        self.select: str | None = None
        self.values: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "form":
            self.inside = attributes.get("action") == self.action
        if not self.inside:
            return
        name = attributes.get("name") or ""
        if tag == "input" and name:
            if attributes.get("type") == "checkbox":
                if "checked" in attributes:
                    self.values[name] = attributes.get("value") or "on"
            else:
                self.values[name] = attributes.get("value") or ""
        elif tag == "select":
            self.select = name
            self.values.setdefault(name, "")
        elif tag == "option" and self.select and "selected" in attributes:
            self.values[self.select] = attributes.get("value") or ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.inside = False
        if tag == "select":
            self.select = None


def form_values(html: str, action: str) -> dict[str, str]:
    parser = _FormValues(action)
    parser.feed(html)
    return parser.values


def client_in(user: Any, language: str) -> Client:
    client = Client()
    assert client.login(email=user.email, password=PASSWORD)
    client.cookies["django_language"] = language
    return client


@pytest.fixture
def member(
    forum: Forum, ru_network: Any, ru_coordinator: Any, org_admin: Any, russia: Any
) -> DelegationMember:
    """Павел, confirmed in the Russian delegation to the forum in Astana (Asia/Almaty)."""
    delegation = make_delegation(forum, ru_network, ru_coordinator)
    person = make_user("pavel@example.org", russia, given_name="Павел")
    invited = member_invite(actor=ru_coordinator, delegation=delegation, person=person)
    member_respond(person=person, member=invited, accept=True, cross_border_consent=True)
    return member_decide(actor=org_admin, member=invited, approve=True)


@pytest.mark.parametrize("language", ["ru", "kk"])
def test_saved_travel_details_come_back_and_a_second_save_keeps_them(
    member: DelegationMember, language: str
) -> None:
    client = client_in(member.person, language)
    page = f"/forums/{member.delegation.forum_id}/"
    action = f"/forums/members/{member.pk}/travel/"
    client.post(
        action,
        {
            "arrival": "2027-05-19T14:00",
            "departure": "2027-05-23T10:30",
            "transport": "rail",
            "accommodation_needed": "on",
            "visa_support_needed": "on",
        },
    )
    html = client.get(page).content.decode()
    # The form shows what was saved, on the forum's clock.
    assert form_values(html, action) == {
        "csrfmiddlewaretoken": form_values(html, action)["csrfmiddlewaretoken"],
        "arrival": "2027-05-19T14:00",
        "departure": "2027-05-23T10:30",
        "transport": "rail",
        "accommodation_needed": "on",
        "visa_support_needed": "on",
    }
    assert f'href="/forums/members/{member.pk}/invitation.pdf"' in html
    # Change only the transport, as a person would: the rest of the form is as shown.
    values = form_values(html, action)
    values["transport"] = "air"
    client.post(action, values)
    member.refresh_from_db()
    assert member.transport == "air"
    assert member.arrival == datetime(2027, 5, 19, 9, 0, tzinfo=UTC)
    assert member.departure == datetime(2027, 5, 23, 5, 30, tzinfo=UTC)
    assert member.accommodation_needed and member.visa_support_needed
    html = client.get(page).content.decode()
    assert f'href="/forums/members/{member.pk}/invitation.pdf"' in html
    assert form_values(html, action)["arrival"] == "2027-05-19T14:00"
    # The trail names what each save changed.
    changes = [
        event.data["fields"]
        for event in AuditEvent.objects.filter(action="delegation.travel_updated").order_by("pk")
    ]
    assert changes[-1] == ["transport"]


@in_each_language(
    ru=("19 мая 2027 г. 14:00", "19.05.2027 14:00"),
    kk=("19 мамыр 2027 ж. 14:00", "19.05.2027 14:00"),
    en=("19 May 2027, 14:00", "19.05.2027 14:00"),
)
def test_the_head_reads_arrival_on_the_forums_clock(
    member: DelegationMember, ru_coordinator: Any, language: str, shown: str, cell: str
) -> None:
    client_in(member.person, language).post(
        f"/forums/members/{member.pk}/travel/",
        {"arrival": "2027-05-19T14:00", "departure": "2027-05-23T10:30", "transport": "air"},
    )
    member.refresh_from_db()
    assert member.arrival == datetime(2027, 5, 19, 9, 0, tzinfo=UTC)  # 14:00 in Almaty
    head = client_in(ru_coordinator, language)
    html = head.get(f"/forums/delegations/{member.delegation_id}/").content.decode()
    # (The case of a Kazakh month name is another matter: compared without it.)
    assert shown.lower() in html.lower()
    assert "9:00" not in html and "09:00" not in html
    roster = head.get(f"/forums/delegations/{member.delegation_id}/roster.csv")
    text = b"".join(roster.streaming_content).decode("utf-8-sig")
    row = next(line for line in text.splitlines() if "pavel@example.org" in line)
    assert cell in row and "23.05.2027 10:30" in row
    assert "+00:00" not in text and "09:00" not in text
