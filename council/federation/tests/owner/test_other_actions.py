"""register, registration-cancel, exchange-apply and candidacy on the owner node."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.utils import timezone

from council.audit.models import AuditEvent
from council.conftest import known_city, make_user
from council.cooperation.tests.conftest import council  # noqa: F401
from council.deployments import services as deployments
from council.deployments.models import Assignment, AssignmentStatus, Candidacy
from council.deployments.tests.conftest import draft_assignment
from council.exchanges import services as exchanges
from council.exchanges.models import Exchange, ExchangeApplication, ExchangeStatus
from council.federation.models import LinkKind, RemoteLink, Transfer
from council.federation.protocol import ProtocolError
from council.federation.services.owner import handlers
from council.federation.tests.owner.conftest import CONSENT, call, person_block
from council.federation.tests.owner.test_wire_format import check
from council.forums.models import Delegation, Forum, Quota, QuotaKind, Registration
from council.forums.tests.conftest import make_country_quota, make_forum


@pytest.fixture
def ru_forum(ru_org: Any, russia: Any) -> Forum:
    forum = make_forum(ru_org, known_city(russia, "moscow"))
    Quota.objects.create(forum=forum, kind=QuotaKind.OPEN, name="Individuals", size=1)
    return forum


def register_body(target: Forum, home_id: str = "501", **fields: Any) -> dict[str, Any]:
    body = {
        "registration": home_id,
        "forum": str(target.pk),
        "quota": None,
        "person": person_block(),
        "consent": CONSENT,
        "delegation": None,
    }
    body.update(fields)
    return body


def test_a_remote_person_registers_and_cancels(peer: Any, first_aid: Any, ru_forum: Forum) -> None:
    body = register_body(ru_forum)
    check("register", body)
    answer = call(handlers.register, peer, **body)
    check("register.reply", answer)

    registration = Registration.objects.get()
    assert answer == {"registration": str(registration.pk), "status": "confirmed"}
    assert registration.quota.kind == QuotaKind.OPEN
    assert registration.person.home_node == "kz"
    assert RemoteLink.objects.get().kind == LinkKind.REGISTRATION
    assert Transfer.objects.get().purpose == "register"
    assert call(handlers.register, peer, **register_body(ru_forum)) == answer

    other = call(
        handlers.register,
        peer,
        **register_body(
            ru_forum, "502", person=person_block(ref="psn_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb")
        ),
    )
    assert other["status"] == "waitlisted"

    body = {
        "registration": answer["registration"],
        "person": "psn_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
    }
    check("registration-cancel", body)
    assert call(handlers.registration_cancel, peer, **body) == {"status": "cancelled"}
    assert call(handlers.registration_cancel, peer, **body) == {"status": "cancelled"}
    assert Registration.objects.get(pk=other["registration"]).status == "offered"

    # The person offered the seat takes it from home; the same write again answers the same.
    accept = {
        "registration": other["registration"],
        "person": "psn_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
    }
    check("registration-accept", accept)
    assert call(handlers.registration_accept, peer, **accept) == {"status": "confirmed"}
    check("registration-accept.reply", {"status": "confirmed"})
    assert call(handlers.registration_accept, peer, **accept) == {"status": "confirmed"}
    assert Registration.objects.get(pk=other["registration"]).status == "confirmed"
    # No seat on offer (cancelled), or someone else's registration.
    with pytest.raises(ProtocolError) as refusal:
        call(handlers.registration_accept, peer, **body)
    assert refusal.value.code == "closed"
    with pytest.raises(ProtocolError) as refusal:
        call(handlers.registration_accept, peer, **{**accept, "person": body["person"]})
    assert refusal.value.code == "not_found"


DELEGATION = {"id": "7", "name": "Kazakh youth delegation"}


def test_a_member_of_the_home_nodes_delegation_takes_a_seat_of_its_countrys_quota(
    peer: Any, first_aid: Any, ru_forum: Forum, ru_org: Any
) -> None:
    quota = make_country_quota(ru_forum, ru_org, country_id="KZ", name="Kazakhstan", size=1)
    body = register_body(ru_forum, delegation=DELEGATION)
    check("register", body)
    answer = call(handlers.register, peer, **body)
    registration = Registration.objects.get()
    assert answer == {"registration": str(registration.pk), "status": "confirmed"}
    assert registration.quota == quota
    event = AuditEvent.objects.get(action="registration.delegation")
    assert (event.data["delegation"], event.data["node"]) == ("Kazakh youth delegation", "kz")

    # Named explicitly, and the country's one seat taken: the waiting list.
    second = call(
        handlers.register,
        peer,
        **register_body(
            ru_forum,
            "502",
            quota=str(quota.pk),
            delegation=DELEGATION,
            person=person_block(ref="psn_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"),
        ),
    )
    assert second["status"] == "waitlisted"
    assert Registration.objects.get(pk=second["registration"]).quota == quota


def test_a_delegation_goes_only_in_its_own_countrys_quota(
    peer: Any, first_aid: Any, ru_forum: Forum, ru_org: Any, russia: Any
) -> None:
    russian = make_country_quota(ru_forum, ru_org, country_id="RU", name="Russia")
    open_quota = ru_forum.quotas.get(kind=QuotaKind.OPEN)
    for quota in (None, str(russian.pk), str(open_quota.pk)):
        with pytest.raises(ProtocolError) as refusal:
            call(
                handlers.register,
                peer,
                **register_body(ru_forum, quota=quota, delegation=DELEGATION),
            )
        assert (refusal.value.code, refusal.value.field) == ("not_eligible", "quota")
    # A quota whose delegation is formed on this node is not the peer's to fill.
    kazakh = make_country_quota(ru_forum, ru_org, country_id="KZ", name="Kazakhstan")
    Delegation.objects.create(
        forum=ru_forum, quota=kazakh, organisation=ru_org, head=make_user("head@example.ru", russia)
    )
    with pytest.raises(ProtocolError) as refusal:
        call(handlers.register, peer, **register_body(ru_forum, delegation=DELEGATION))
    assert "formed on this node" in refusal.value.message
    assert not Registration.objects.exists()
    assert not Transfer.objects.exists()


def test_registration_refusals(peer: Any, first_aid: Any, ru_forum: Forum, ru_org: Any) -> None:
    country_quota = make_country_quota(ru_forum, ru_org, country_id="KZ", name="Kazakhstan")
    with pytest.raises(ProtocolError) as refusal:
        call(handlers.register, peer, **register_body(ru_forum, quota=str(country_quota.pk)))
    assert refusal.value.code == "not_eligible"

    with pytest.raises(ProtocolError) as refusal:
        call(handlers.register, peer, **register_body(ru_forum, forum="424242"))
    assert refusal.value.code == "not_found"

    ru_forum.registration_closes = timezone.now() - timedelta(minutes=1)
    ru_forum.save(update_fields=["registration_closes"])
    with pytest.raises(ProtocolError) as refusal:
        call(handlers.register, peer, **register_body(ru_forum))
    assert refusal.value.code == "closed"
    assert not Registration.objects.exists()
    assert not Transfer.objects.exists()


@pytest.fixture
def ru_exchange(council: Any, secretariat: Any, ru_network: Any, kz_network: Any) -> Exchange:  # noqa: F811
    today = timezone.localdate()
    exchange = exchanges.exchange_create(
        actor=secretariat,
        council=council,
        title_en="Twenty from each country",
        starts_on=today + timedelta(days=100),
        ends_on=today + timedelta(days=114),
        applications_close=today + timedelta(days=30),
    )
    for network in (ru_network, kz_network):
        exchanges.country_add(
            actor=secretariat,
            exchange=exchange,
            country=network.country,
            quota=1,
            network=network,
        )
    Exchange.objects.filter(pk=exchange.pk).update(status=ExchangeStatus.OPEN)
    return exchange


def exchange_body(exchange: Exchange, home_id: str = "61", **fields: Any) -> dict[str, Any]:
    body = {
        "application": home_id,
        "exchange": str(exchange.pk),
        "person": person_block(),
        "consent": CONSENT,
        "motivation": "I lead a volunteer centre in Almaty.",
    }
    body.update(fields)
    return body


def test_a_remote_person_applies_to_an_exchange_call(
    peer: Any, first_aid: Any, ru_exchange: Exchange
) -> None:
    check("exchange-apply", exchange_body(ru_exchange))
    answer = call(handlers.exchange_apply, peer, **exchange_body(ru_exchange))
    check("exchange-apply.reply", answer)

    application = ExchangeApplication.objects.get()
    assert answer == {"application": str(application.pk), "status": "submitted"}
    assert application.country_id == "KZ"
    assert call(handlers.exchange_apply, peer, **exchange_body(ru_exchange)) == answer
    assert Transfer.objects.get().purpose == "exchange-apply"

    with pytest.raises(ProtocolError) as refusal:
        call(handlers.exchange_apply, peer, **exchange_body(ru_exchange, "62", motivation=""))
    assert refusal.value.code == "not_eligible"

    Exchange.objects.filter(pk=ru_exchange.pk).update(status=ExchangeStatus.SCORING)
    with pytest.raises(ProtocolError) as refusal:
        call(
            handlers.exchange_apply,
            peer,
            **exchange_body(
                ru_exchange, "63", person=person_block(ref="psn_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb")
            ),
        )
    assert refusal.value.code == "closed"


@pytest.fixture
def ru_assignment(council: Any, secretariat: Any, ru_network: Any, russia: Any) -> Assignment:  # noqa: F811
    assignment = draft_assignment(
        secretariat,
        council,
        ru_network,
        (russia, "Kazan"),
        title_en="Community volunteer, Kazan",
        starts_on=date.today() + timedelta(days=90),
    )
    deployments.assignment_open(actor=secretariat, assignment=assignment)
    return assignment


def candidacy_body(assignment: Assignment, home_id: str = "81", **fields: Any) -> dict[str, Any]:
    body = {
        "candidacy": home_id,
        "assignment": str(assignment.pk),
        "person": person_block(),
        "consent": CONSENT,
        "motivation": "Two years at the Red Crescent.",
    }
    body.update(fields)
    return body


def test_a_remote_person_becomes_a_candidate(
    peer: Any, first_aid: Any, ru_assignment: Assignment
) -> None:
    check("candidacy", candidacy_body(ru_assignment))
    answer = call(handlers.candidacy, peer, **candidacy_body(ru_assignment))
    check("candidacy.reply", answer)

    candidacy = Candidacy.objects.get()
    assert answer == {"candidacy": str(candidacy.pk), "status": "candidate"}
    assert candidacy.person.talent_pool_entry is not None
    assert call(handlers.candidacy, peer, **candidacy_body(ru_assignment)) == answer

    with pytest.raises(ProtocolError) as refusal:
        call(handlers.candidacy, peer, **candidacy_body(ru_assignment, "82"))
    assert refusal.value.code == "not_eligible"

    Assignment.objects.filter(pk=ru_assignment.pk).update(status=AssignmentStatus.CLOSED)
    with pytest.raises(ProtocolError) as refusal:
        call(
            handlers.candidacy,
            peer,
            **candidacy_body(
                ru_assignment, "83", person=person_block(ref="psn_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb")
            ),
        )
    assert refusal.value.code == "closed"
