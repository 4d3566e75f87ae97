"""A delegation formed here for another node's forum, and a seat offered there taken from
here: the national network forms the delegation in its country's (mirrored) quota, each member
who accepts is sent to the forum's node, and that node's answers move the member."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError

from council.conftest import make_member, make_user, reader
from council.federation.models import OutboxMessage, Transfer
from council.federation.people import person_ref
from council.federation.protocol import ProtocolError
from council.federation.services.home.registrations import (
    accept_answered,
    accept_refused,
    register_answered,
    register_refused,
    remote_register,
    remote_registration_accept,
    remote_registration_cancel,
)
from council.federation.tests.test_schemas import errors
from council.forums.models import (
    Delegation,
    DelegationMember,
    MemberStatus,
    Quota,
    QuotaKind,
    Registration,
    RegistrationStatus,
)
from council.forums.services import delegations
from council.forums.services.registrations import registration_cancel
from council.orgs.models import MembershipRole

from .conftest import consenting
from .test_remote_abroad import _status


@pytest.fixture(autouse=True)
def kazakh_node(settings: Any) -> None:
    settings.NODE_COUNTRY = "KZ"


@pytest.fixture
def kz_quota(ru_forum: Any, kazakhstan: Any) -> Quota:
    """The Russian forum's quota for Kazakhstan's delegation, mirrored here."""
    return Quota.objects.create(
        forum=ru_forum,
        kind=QuotaKind.COUNTRY,
        country=kazakhstan,
        name="Kazakhstan",
        size=3,
        origin_node="ru",
        origin_key="35",
        remote_taken=0,
    )


@pytest.fixture
def coordinator(kz_network: Any, kazakhstan: Any) -> Any:
    return make_member(
        "coordinator@example.kz", kazakhstan, kz_network, MembershipRole.COORDINATOR, "Ерлан"
    )


@pytest.fixture
def delegation(coordinator: Any, kz_quota: Quota) -> Delegation:
    return delegations.delegation_create(actor=coordinator, quota=kz_quota, head=coordinator)


def _nominated(delegation: Delegation, coordinator: Any, person: Any) -> DelegationMember:
    member = delegations.member_invite(actor=coordinator, delegation=delegation, person=person)
    return delegations.member_respond(person=person, member=member, accept=True)


def test_the_network_forms_the_delegation_from_the_forums_page(
    coordinator: Any, kz_quota: Quota, kz_network: Any
) -> None:
    page = reader("en", coordinator).get(f"/forums/{kz_quota.forum_id}/")
    assert page.status_code == 200
    assert "Form the delegation" in page.content.decode()
    answer = reader("en", coordinator).post(
        f"/forums/quotas/{kz_quota.pk}/delegation/", {"email": coordinator.email}
    )
    assert answer.status_code == 302
    delegation = Delegation.objects.get()
    assert (delegation.quota, delegation.organisation) == (kz_quota, kz_network)
    assert reader("en", coordinator).get(answer["Location"]).status_code == 200


def test_only_this_countrys_network_forms_only_this_countrys_delegation(
    coordinator: Any, kz_quota: Quota, ru_forum: Any, russia: Any, org_admin: Any
) -> None:
    russian = Quota.objects.create(
        forum=ru_forum,
        kind=QuotaKind.COUNTRY,
        country=russia,
        name="Russia",
        size=3,
        origin_node="ru",
        origin_key="36",
    )
    with pytest.raises(ValidationError):
        delegations.delegation_create(actor=coordinator, quota=russian, head=coordinator)
    # An organiser of another organisation of this country is not its network.
    with pytest.raises(ValidationError, match="national network"):
        delegations.delegation_create(actor=org_admin, quota=kz_quota, head=org_admin)
    assert (
        reader("en", org_admin)
        .post(f"/forums/quotas/{kz_quota.pk}/delegation/", {"email": org_admin.email})
        .status_code
        == 404
    )
    assert (
        "Form the delegation"
        not in reader("en", org_admin).get(f"/forums/{ru_forum.pk}/").content.decode()
    )
    assert not Delegation.objects.exists()


def test_a_member_who_accepts_is_sent_to_the_forums_node(
    delegation: Delegation, coordinator: Any, aliya: Any, ru_peer: Any
) -> None:
    member = _nominated(delegation, coordinator, aliya)
    assert member.status == MemberStatus.NOMINATED
    registration = member.registration
    assert registration is not None and registration.status == RegistrationStatus.SENT
    assert registration.quota == delegation.quota
    message = OutboxMessage.objects.get(kind="register")
    assert errors("register", message.payload) == []
    assert message.payload["quota"] == "35"
    assert message.payload["delegation"] == {
        "id": str(delegation.pk),
        "name": "National Volunteer Network",
    }
    assert message.payload["person"]["ref"] == person_ref(aliya, ru_peer)
    assert Transfer.objects.get().purpose == "register"


def test_the_forums_node_confirms_the_member(
    delegation: Delegation, coordinator: Any, aliya: Any, mails: Any, mailbox: list[Any]
) -> None:
    member = _nominated(delegation, coordinator, aliya)
    mailbox.clear()
    with mails():
        register_answered(
            OutboxMessage.objects.get(kind="register"),
            {"registration": "700", "status": "confirmed"},
        )
    member.refresh_from_db()
    assert member.status == MemberStatus.CONFIRMED
    assert member.registration.status == RegistrationStatus.CONFIRMED
    assert [message.to for message in mailbox] == [["aliya@example.kz"]]
    page = reader("en", aliya).get(f"/forums/{delegation.forum_id}/").content.decode()
    assert "Confirmed by the host" in page
    assert "Cancel my registration" not in page


def test_a_waitlisted_member_stays_nominated_and_a_refused_one_is_not_approved(
    delegation: Delegation, coordinator: Any, aliya: Any, kazakhstan: Any
) -> None:
    member = _nominated(delegation, coordinator, aliya)
    register_answered(
        OutboxMessage.objects.get(kind="register"),
        {"registration": "700", "status": "waitlisted"},
    )
    member.refresh_from_db()
    assert member.status == MemberStatus.NOMINATED
    assert member.registration.status == RegistrationStatus.WAITLISTED

    dana = consenting(make_user("dana@example.kz", kazakhstan, given_name="Дана"))
    other = _nominated(delegation, coordinator, dana)
    register_refused(
        OutboxMessage.objects.get(kind="register", person=other.person),
        ProtocolError("closed", "The delegation's seats are all taken."),
    )
    other.refresh_from_db()
    assert other.status == MemberStatus.REJECTED
    assert other.reason == "The delegation's seats are all taken."


def test_a_member_who_withdraws_is_cancelled_there(
    delegation: Delegation, coordinator: Any, aliya: Any, ru_peer: Any
) -> None:
    member = _nominated(delegation, coordinator, aliya)
    register_answered(
        OutboxMessage.objects.get(kind="register"),
        {"registration": "700", "status": "confirmed"},
    )
    member.refresh_from_db()
    with pytest.raises(ValidationError, match="withdraw from the delegation"):
        remote_registration_cancel(person=aliya, registration=member.registration)
    delegations.member_withdraw(person=aliya, member=member)
    member.refresh_from_db()
    assert member.status == MemberStatus.WITHDRAWN
    assert member.registration.status == RegistrationStatus.CANCELLED
    cancel = OutboxMessage.objects.get(kind="registration-cancel")
    assert cancel.payload == {"registration": "700", "person": person_ref(aliya, ru_peer)}


def test_a_member_replaced_before_the_answer_is_cancelled_there_once_answered(
    delegation: Delegation, coordinator: Any, aliya: Any, kazakhstan: Any
) -> None:
    member = _nominated(delegation, coordinator, aliya)
    substitute = make_user("dana@example.kz", kazakhstan, given_name="Дана")
    delegations.member_substitute(actor=coordinator, member=member, person=substitute)
    assert not OutboxMessage.objects.filter(kind="registration-cancel").exists()
    register_answered(
        OutboxMessage.objects.get(kind="register", person=aliya),
        {"registration": "700", "status": "confirmed"},
    )
    member.refresh_from_db()
    assert member.status == MemberStatus.REPLACED
    assert member.registration.status == RegistrationStatus.CANCELLED
    assert OutboxMessage.objects.get(kind="registration-cancel").payload["registration"] == "700"


# --- a seat offered there, taken from here ------------------------------------------------------


@pytest.fixture
def offered(aliya: Any, ru_forum: Any, ru_peer: Any) -> Registration:
    registration = remote_register(person=aliya, forum=ru_forum)
    register_answered(
        OutboxMessage.objects.get(kind="register"),
        {"registration": "700", "status": "waitlisted"},
    )
    _status(ru_peer, "registration", registration.pk, "offered", remote_id="700")
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.OFFERED
    return registration


def test_the_forum_page_takes_the_offered_seat_through_the_forums_node(
    offered: Registration, aliya: Any, ru_peer: Any
) -> None:
    page = reader("en", aliya).get(f"/forums/{offered.forum_id}/").content.decode()
    accept = f"/federation/registrations/{offered.pk}/accept/"
    cancel = f"/federation/registrations/{offered.pk}/cancel/"
    assert f'action="{accept}"' in page and f'action="{cancel}"' in page
    assert f"/forums/registrations/{offered.pk}/" not in page
    answer = reader("en", aliya).post(accept)
    assert answer.status_code == 302
    message = OutboxMessage.objects.get(kind="registration-accept")
    assert message.payload == {"registration": "700", "person": person_ref(aliya, ru_peer)}
    assert errors("registration-accept", message.payload) == []
    assert Transfer.objects.filter(purpose="registration-accept").exists()

    accept_answered(message, {"status": "confirmed"})
    offered.refresh_from_db()
    assert offered.status == RegistrationStatus.CONFIRMED
    page = reader("en", aliya).get(f"/forums/{offered.forum_id}/").content.decode()
    assert "Confirmed" in page and "Take the seat" not in page


def test_an_expired_offer_there_ends_the_offer_here(offered: Registration, aliya: Any) -> None:
    remote_registration_accept(person=aliya, registration=offered)
    accept_refused(
        OutboxMessage.objects.get(kind="registration-accept"),
        ProtocolError("closed", "The offer has expired."),
    )
    offered.refresh_from_db()
    assert offered.status == RegistrationStatus.EXPIRED
    with pytest.raises(ValidationError, match="no seat on offer"):
        remote_registration_accept(person=aliya, registration=offered)


def test_the_local_services_refuse_another_nodes_registration(
    offered: Registration, aliya: Any
) -> None:
    with pytest.raises(ValidationError, match="another country's node"):
        registration_cancel(actor=aliya, registration=offered)
    assert reader("en", aliya).post(f"/forums/registrations/{offered.pk}/cancel/").status_code in (
        302,
        400,
    )
    offered.refresh_from_db()
    assert offered.status == RegistrationStatus.OFFERED
    assert not OutboxMessage.objects.filter(kind="registration-cancel").exists()
