"""Handing a shift on: to a named colleague in one swap (with the organiser's approval when
asked), refused when the colleague may not take it, and on the pages."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from council.audit.models import AuditEvent
from council.conftest import make_user, reader
from council.projects.models import Application, Handover
from council.projects.selectors.seats import free_seats
from council.projects.services.applications import application_submit
from council.projects.services.handovers import (
    handover_accept,
    handover_cancel,
    handover_decide,
    handover_offer,
)
from council.projects.tests.conftest import adult, make_opportunity, make_project
from council.projects.tests.test_application_cycle import minor

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(kazakhstan):
    return [adult(make_user(f"h{n}@example.org", kazakhstan)) for n in range(4)]


def _confirmed(opportunity, volunteer):
    return application_submit(
        volunteer=volunteer, opportunity=opportunity, shift=opportunity.shifts.get()
    )


def test_a_colleague_takes_the_shift_in_one_swap(
    org, people, django_capture_on_commit_callbacks
) -> None:
    opportunity = make_opportunity(make_project(org), capacity=2)
    giver, colleague, waiting = people[:3]
    mine = _confirmed(opportunity, giver)
    _confirmed(opportunity, people[3])
    assert _confirmed(opportunity, waiting).status == "waitlisted"
    with django_capture_on_commit_callbacks(execute=True):
        handover = handover_offer(volunteer=giver, application=mine, email=colleague.email)
    assert mail.outbox[-1].to == [colleague.email]
    with django_capture_on_commit_callbacks(execute=True):
        handover_accept(volunteer=colleague, handover=handover)
    mine.refresh_from_db()
    taken = Application.objects.get(volunteer=colleague)
    assert (mine.status, taken.status) == ("withdrawn", "confirmed")
    assert Application.objects.get(volunteer=waiting).status == "waitlisted"  # seat not freed
    assert free_seats(opportunity=opportunity, shift=opportunity.shifts.get()) == 0
    assert Handover.objects.get().status == "done"
    assert AuditEvent.objects.filter(action="application.handed_on").count() == 1
    assert any("has been handed on" in message.subject for message in mail.outbox)


def test_the_colleague_must_be_free_and_eligible(org, people, kazakhstan) -> None:
    project = make_project(org)
    opportunity = make_opportunity(project, capacity=3)
    giver, busy = people[:2]
    mine = _confirmed(opportunity, giver)
    other = make_opportunity(project, capacity=3, title_en="Same time elsewhere")
    other.shifts.update(start=opportunity.shifts.get().start, end=opportunity.shifts.get().end)
    _confirmed(other, busy)
    handover = handover_offer(volunteer=giver, application=mine, email=busy.email)
    with pytest.raises(ValidationError) as error:
        handover_accept(volunteer=busy, handover=handover)
    assert "already have a confirmed shift at this time" in str(error.value)
    handover_cancel(volunteer=giver, handover=handover)
    teen = minor(make_user("teen.h@example.org", kazakhstan), 15)
    handover = handover_offer(volunteer=giver, application=mine, email=teen.email)
    with pytest.raises(ValidationError) as error:
        handover_accept(volunteer=teen, handover=handover)
    assert "A parent or guardian must give their consent" in str(error.value)
    mine.refresh_from_db()
    assert mine.status == "confirmed"  # nothing changed


def test_the_organiser_approves_the_swap_when_asked(org, org_admin, people) -> None:
    opportunity = make_opportunity(make_project(org), capacity=2, handover_needs_approval=True)
    giver, colleague = people[:2]
    mine = _confirmed(opportunity, giver)
    handover = handover_accept(
        volunteer=colleague,
        handover=handover_offer(volunteer=giver, application=mine, email=colleague.email),
    )
    mine.refresh_from_db()
    assert (handover.status, mine.status) == ("accepted", "confirmed")
    assert not Application.objects.filter(volunteer=colleague).exists()
    handover_decide(actor=org_admin, handover=handover, decision="approve")
    mine.refresh_from_db()
    assert mine.status == "withdrawn"
    assert Application.objects.get(volunteer=colleague).status == "confirmed"


def test_the_pages_of_a_handover(client, org, org_admin, people) -> None:
    opportunity = make_opportunity(make_project(org), capacity=2, handover_needs_approval=True)
    giver, colleague = people[:2]
    mine = _confirmed(opportunity, giver)
    client.force_login(giver)
    assert "Hand on" in client.get("/me/applications/").content.decode()
    assert "Offer my shift" in client.get(f"/me/applications/{mine.pk}/hand-on/").content.decode()
    response = client.post(f"/me/applications/{mine.pk}/hand-on/offer/", {"email": "not-mail"})
    assert response.status_code == 302 and not Handover.objects.exists()
    client.post(f"/me/applications/{mine.pk}/hand-on/offer/", {"email": colleague.email})
    handover = Handover.objects.get()
    assert colleague.email in client.get(f"/me/applications/{mine.pk}/hand-on/").content.decode()
    other = reader("ru", colleague)
    page = other.get(f"/handovers/take/{handover.token}/").content.decode()
    assert "Взять смену" in page
    other.post(f"/handovers/take/{handover.token}/", {"accept": ""})
    client.force_login(org_admin)
    page = client.get(f"/opportunities/{opportunity.pk}/applications/").content.decode()
    assert re.search(r"hands their shift on to", page)
    client.post(f"/handovers/{handover.pk}/decide/", {"decision": "approve"})
    assert Application.objects.get(volunteer=colleague).status == "confirmed"
    client.force_login(people[3])
    assert client.get(f"/me/applications/{mine.pk}/hand-on/").status_code == 404
