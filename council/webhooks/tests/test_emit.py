"""`webhook_emit`: who hears of an event, what each subscriber's payload holds (a person's data
across a border only with their live consent), and the events the other apps' services emit."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.db import transaction
from standardwebhooks.webhooks import Webhook

from council.accounts.services import consent_give, consent_withdraw
from council.conftest import make_member, make_org, make_user
from council.forums.models import DelegationMember
from council.forums.services.delegations import member_decide, member_invite, member_respond
from council.forums.services.registrations import registration_create
from council.forums.tests.conftest import make_delegation, make_forum
from council.hours.models import CertificateKind
from council.hours.services.certificates import certificate_issue
from council.hours.services.entries import hours_log, hours_verify
from council.orgs.models import MembershipRole, OrganisationKind, OrganisationStatus
from council.projects.models import Application
from council.projects.services.applications import (
    application_accept,
    application_submit,
    application_withdraw,
)
from council.projects.tests.conftest import adult, make_opportunity, make_project
from council.webhooks import events
from council.webhooks.models import WebhookDelivery
from council.webhooks.services import webhook_emit
from council.webhooks.services.endpoints import webhook_endpoint_pause
from council.webhooks.tests.conftest import Receiver, subscribe

pytestmark = pytest.mark.django_db


def _payloads(endpoint: Any, event: str) -> list[dict[str, Any]]:
    rows = WebhookDelivery.objects.filter(endpoint=endpoint, event_type=event).order_by("pk")
    return [row.payload for row in rows]


def test_the_organisation_and_its_country_s_network_hear_of_it_nobody_else(
    receiver: Receiver,
    org: Any,
    org_admin: Any,
    kz_network: Any,
    ru_network: Any,
    kazakhstan: Any,
    russia: Any,
) -> None:
    own = subscribe(org, org_admin, receiver.url, [events.SEAT_FREED])
    deaf = subscribe(org, org_admin, receiver.url, [events.HOURS_VERIFIED])
    kz_admin = make_member(
        "kz.admin@example.org", kazakhstan, kz_network, MembershipRole.ADMIN, "Asel"
    )
    network = subscribe(kz_network, kz_admin, receiver.url)
    ru_admin = make_member("ru.admin@example.org", russia, ru_network, MembershipRole.ADMIN, "Olga")
    foreign = subscribe(ru_network, ru_admin, receiver.url)
    neighbour = make_org("Another KZ NGO", kazakhstan)
    neighbours = subscribe(
        neighbour,
        make_member("n@example.org", kazakhstan, neighbour, "admin", "Dias"),
        receiver.url,
    )
    unverified = make_org(
        "KZ network in waiting",
        kazakhstan,
        kind=OrganisationKind.NATIONAL_NETWORK,
        status=OrganisationStatus.PENDING,
    )
    waiting = subscribe(
        unverified,
        make_member("w@example.org", kazakhstan, unverified, "admin", "Timur"),
        receiver.url,
    )
    paused = subscribe(org, org_admin, receiver.url)
    webhook_endpoint_pause(actor=org_admin, endpoint=paused)

    created = webhook_emit(event=events.SEAT_FREED, organisation=org, payload={"free_seats": 1})

    assert {delivery.endpoint_id for delivery in created} == {own.pk, network.pk}
    assert len({delivery.event_id for delivery in created}) == 1
    for endpoint in (deaf, foreign, neighbours, waiting, paused):
        assert not WebhookDelivery.objects.filter(endpoint=endpoint).exists()
    [payload] = _payloads(network, events.SEAT_FREED)
    assert payload["type"] == "seat.freed"
    assert payload["data"] == {
        "organisation": {"id": org.pk, "name": {"ru": org.name_ru, "kk": "", "en": org.name_en}},
        "free_seats": 1,
    }


def test_nobody_listening_costs_one_query(org: Any, django_assert_num_queries: Any) -> None:
    with django_assert_num_queries(1):
        assert webhook_emit(event=events.SEAT_FREED, organisation=org.pk, payload={}) == []


def test_an_unknown_event_is_a_programming_error(org: Any) -> None:
    with pytest.raises(ValueError):
        webhook_emit(event="application.eaten", organisation=org, payload={})


def test_nothing_is_sent_for_a_change_that_is_rolled_back(
    receiver: Receiver, endpoint: Any, org: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        webhook_emit(event=events.SEAT_FREED, organisation=org, payload={})
        raise RuntimeError
    assert callbacks == [] and receiver.requests == []
    assert not WebhookDelivery.objects.exists()


def test_a_kz_endpoint_gets_a_russian_person_s_data_only_with_their_consent(
    receiver: Receiver,
    endpoint: Any,
    org: Any,
    org_admin: Any,
    russia: Any,
    kazakhstan: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    russian = make_user("ivan@example.ru", russia, given_name="Иван", family_name="Петров")
    local = make_user("aliya@example.kz", kazakhstan, given_name="Алия")

    with django_capture_on_commit_callbacks(execute=True):
        webhook_emit(
            event=events.HOURS_VERIFIED, organisation=org, payload={"entry": 1}, person=russian
        )
    [before] = _payloads(endpoint, events.HOURS_VERIFIED)
    assert set(before["data"]["person"]) == {"id"}
    assert before["data"]["person"]["id"].startswith("psn_")
    body = receiver.requests[-1].body.decode()
    assert "ivan@example.ru" not in body and "Иван" not in body

    consent_give(user=russian, purpose="cross_border")
    webhook_emit(
        event=events.HOURS_VERIFIED, organisation=org, payload={"entry": 2}, person=russian
    )
    webhook_emit(event=events.HOURS_VERIFIED, organisation=org, payload={"entry": 3}, person=local)
    consent_withdraw(user=russian, purpose="cross_border")
    webhook_emit(
        event=events.HOURS_VERIFIED, organisation=org, payload={"entry": 4}, person=russian
    )

    _first, consented, home, withdrawn = (
        p["data"]["person"] for p in _payloads(endpoint, events.HOURS_VERIFIED)
    )
    assert consented["email"] == "ivan@example.ru" and consented["given_name"] == "Иван"
    assert consented["id"] == before["data"]["person"]["id"]  # stable for this subscriber
    assert home["given_name"] == "Алия" and home["home_country"] == "KZ"
    assert set(withdrawn) == {"id"}


def test_each_subscriber_sees_its_own_pseudonym(
    receiver: Receiver, endpoint: Any, org: Any, kz_network: Any, kazakhstan: Any, russia: Any
) -> None:
    admin = make_member(
        "kz.admin@example.org", kazakhstan, kz_network, MembershipRole.ADMIN, "Asel"
    )
    network = subscribe(kz_network, admin, receiver.url)
    person = make_user("p@example.ru", russia)
    webhook_emit(event=events.HOURS_VERIFIED, organisation=org, payload={}, person=person)
    [mine] = _payloads(endpoint, events.HOURS_VERIFIED)
    [theirs] = _payloads(network, events.HOURS_VERIFIED)
    assert mine["data"]["person"]["id"] != theirs["data"]["person"]["id"]


def test_applications_emit_submitted_decided_and_seat_freed(
    receiver: Receiver,
    endpoint: Any,
    org: Any,
    org_admin: Any,
    volunteer: Any,
    kazakhstan: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    opportunity = make_opportunity(make_project(org), capacity=1, application_mode="review")
    shift = opportunity.shifts.get()
    adult(volunteer)
    waiting = adult(make_user("second@example.org", kazakhstan, given_name="Bota"))
    with django_capture_on_commit_callbacks(execute=True):
        application = application_submit(volunteer=volunteer, opportunity=opportunity, shift=shift)
    [submitted] = _payloads(endpoint, events.APPLICATION_SUBMITTED)
    assert submitted["data"]["application"] == application.pk
    assert submitted["data"]["status"] == "pending"
    assert submitted["data"]["opportunity"] == {
        "id": opportunity.pk,
        "title": {"ru": opportunity.title_ru, "kk": "", "en": opportunity.title_en},
    }
    assert submitted["data"]["shift"]["id"] == shift.pk
    assert submitted["data"]["person"]["given_name"] == "Aliya"
    request = receiver.requests[-1]
    assert (
        Webhook(endpoint.secret).verify(request.body, request.headers)["type"]
        == "application.submitted"
    )

    application_accept(actor=org_admin, application=application)
    second = application_submit(volunteer=waiting, opportunity=opportunity, shift=shift)
    from council.projects.services.applications import application_waitlist

    application_waitlist(actor=org_admin, application=second)
    application_withdraw(volunteer=volunteer, application=application)

    decided = [
        (p["data"]["application"], p["data"]["status"])
        for p in _payloads(endpoint, events.APPLICATION_DECIDED)
    ]
    assert decided == [
        (application.pk, "confirmed"),
        (second.pk, "waitlisted"),
        (second.pk, "confirmed"),
    ]
    [freed] = _payloads(endpoint, events.SEAT_FREED)
    assert freed["data"]["shift"]["id"] == shift.pk
    assert freed["data"]["free_seats"] == 0  # the waiting list took it


def test_hours_and_certificates_emit(
    endpoint: Any, org: Any, org_admin: Any, volunteer: Any
) -> None:
    project = make_project(org)
    opportunity = make_opportunity(project)
    Application.objects.create(
        volunteer=volunteer,
        opportunity=opportunity,
        shift=opportunity.shifts.get(),
        status="confirmed",
    )
    entry = hours_log(
        volunteer=volunteer,
        project=project,
        day=date(2026, 3, 11),
        hours="6",
        description="Sorting",
    )
    hours_verify(actor=org_admin, entry=entry)
    [verified] = _payloads(endpoint, events.HOURS_VERIFIED)
    assert verified["data"]["entry"] == entry.pk
    assert verified["data"]["hours"] == "6.00" or Decimal(verified["data"]["hours"]) == 6
    assert verified["data"]["date"] == "2026-03-11"
    assert verified["data"]["status"] == "verified"
    certificate = certificate_issue(
        actor=org_admin,
        organisation=org,
        volunteer=volunteer,
        kind=CertificateKind.PROJECT,
        project=project,
    )
    [issued] = _payloads(endpoint, events.CERTIFICATE_ISSUED)
    assert issued["data"]["certificate"] == {"id": certificate.pk, "kind": "project"}
    assert issued["data"]["project"] == project.pk
    assert issued["data"]["person"]["email"] == volunteer.email


def test_forums_emit_registration_confirmed_and_delegation_approved(
    receiver: Receiver,
    endpoint: Any,
    org: Any,
    org_admin: Any,
    volunteer: Any,
    astana: Any,
    ru_network: Any,
    russia: Any,
) -> None:
    forum = make_forum(org, astana)
    from council.forums.models import Quota

    Quota.objects.create(forum=forum, kind="open", name="Individuals", size=2)
    registration = registration_create(person=volunteer, forum=forum)
    [confirmed] = _payloads(endpoint, events.FORUM_REGISTRATION_CONFIRMED)
    assert confirmed["data"]["registration"] == registration.pk
    assert confirmed["data"]["via"] == "registration"
    assert confirmed["data"]["forum"]["title"]["en"] == forum.title_en

    head = make_member("head@example.ru", russia, ru_network, MembershipRole.ADMIN, "Pavel")
    sending = subscribe(ru_network, head, receiver.url, [events.DELEGATION_APPROVED])
    delegation = make_delegation(forum, ru_network, head)
    delegate = make_user("delegate@example.ru", russia, given_name="Мария")
    member = member_invite(actor=head, delegation=delegation, person=delegate)
    member_respond(person=delegate, member=member, accept=True, cross_border_consent=True)
    member_decide(actor=org_admin, member=DelegationMember.objects.get(pk=member.pk), approve=True)

    [approved] = _payloads(sending, events.DELEGATION_APPROVED)
    assert (
        approved["data"]["delegation"] == delegation.pk and approved["data"]["member"] == member.pk
    )
    assert approved["data"]["person"]["given_name"] == "Мария"  # the network's own citizen
    host_side = _payloads(endpoint, events.FORUM_REGISTRATION_CONFIRMED)[-1]
    assert host_side["data"]["via"] == "delegation"
    assert (
        host_side["data"]["person"]["given_name"] == "Мария"
    )  # she consented for the forum abroad
