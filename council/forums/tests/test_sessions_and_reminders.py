"""Sessions of the programme with their own capacity, the hold-expiring reminder, the XLSX
roster, and the forum's volunteer roles."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from openpyxl import load_workbook

from council.conftest import make_user
from council.forums.models import ForumSession, Registration
from council.forums.services import (
    holds_remind,
    registration_cancel,
    registration_create,
    session_leave,
    session_sign_up,
)
from council.forums.services.delegations import member_invite
from council.forums.tests.conftest import make_delegation
from council.forums.tests.test_registration import signed_in


@pytest.fixture
def workshop(forum: Any) -> ForumSession:
    start = datetime(2027, 5, 20, 5, 0, tzinfo=UTC)
    return ForumSession.objects.create(
        forum=forum,
        title_en="First aid workshop",
        track="Health",
        room="Hall B",
        start=start,
        end=start + timedelta(hours=2),
        capacity=1,
    )


def test_a_session_takes_confirmed_participants_up_to_its_capacity(
    forum: Any, open_quota: Any, workshop: ForumSession, kazakhstan: Any
) -> None:
    first, second, third = (make_user(f"s{n}@example.org", kazakhstan) for n in range(3))
    for person in (first, second, third):
        registration_create(person=person, forum=forum)
    session_sign_up(person=first, session=workshop)
    with pytest.raises(ValidationError) as caught:
        session_sign_up(person=second, session=workshop)
    assert caught.value.messages == ["This session is full."]
    with pytest.raises(ValidationError) as caught:
        session_sign_up(person=third, session=workshop)  # on the waiting list
    assert caught.value.messages == ["Sessions are open to confirmed participants of the forum."]
    session_leave(person=first, session=workshop)
    session_sign_up(person=second, session=workshop)


def test_signing_up_on_the_page(
    forum: Any, open_quota: Any, workshop: ForumSession, volunteer: Any
) -> None:
    registration_create(person=volunteer, forum=forum)
    client = signed_in(volunteer)
    page = client.get(f"/forums/{forum.pk}/").content.decode()
    assert "First aid workshop" in page and "1 seat left" in page
    answer = client.post(f"/forums/sessions/{workshop.pk}/", follow=True).content.decode()
    assert "You are signed up for the session." in answer
    assert "0 seats left" in answer


def test_the_hold_reminder_goes_once(
    forum: Any,
    open_quota: Any,
    kazakhstan: Any,
    mailbox: list[Any],
    django_capture_on_commit_callbacks: Any,
) -> None:
    people = [make_user(f"h{n}@example.org", kazakhstan) for n in range(3)]
    registrations = [registration_create(person=person, forum=forum) for person in people]
    registration_cancel(actor=people[0], registration=registrations[0])
    mailbox.clear()
    soon = timezone.now() + timedelta(hours=40)
    with django_capture_on_commit_callbacks(execute=True):
        assert holds_remind(now=soon) == 1
        assert holds_remind(now=soon) == 0
    assert [message.to for message in mailbox] == [[people[2].email]]
    assert Registration.objects.get(pk=registrations[2].pk).hold_reminded_at is not None


def test_the_roster_as_xlsx(forum: Any, ru_network: Any, ru_coordinator: Any, russia: Any) -> None:
    delegation = make_delegation(forum, ru_network, ru_coordinator)
    person = make_user(
        "zhanna@example.org",
        russia,
        given_name="Жанна",
        family_name="Ким",
        given_name_latin="Zhanna",
        family_name_latin="Kim",
    )
    member_invite(actor=ru_coordinator, delegation=delegation, person=person)
    response = signed_in(ru_coordinator).get(f"/forums/delegations/{delegation.pk}/roster.xlsx")
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("Name", "Name in Latin", "Email address")
    assert rows[1][:4] == ("Жанна Ким", "Zhanna Kim", "zhanna@example.org", "Invited")


def test_the_forums_volunteer_roles_are_listed(forum: Any, org: Any) -> None:
    from council.projects.tests.conftest import make_opportunity, make_project

    project = make_project(org, title_en="Forum volunteer team")
    make_opportunity(project, title_en="Welcome desk volunteer")
    forum.volunteer_project = project
    forum.save(update_fields=["volunteer_project"])
    from django.test import Client

    page = Client().get(f"/forums/{forum.pk}/").content.decode()
    assert "Volunteer at this forum" in page and "Welcome desk volunteer" in page
