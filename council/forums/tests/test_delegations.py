"""Delegations: invite, accept with consent, host approval or rejection, substitution before
the deadline, seats shared with the quota."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from council.accounts.models import Consent, ConsentPurpose
from council.audit.models import AuditEvent
from council.conftest import make_user, speaking
from council.forums.models import (
    Delegation,
    Forum,
    MemberStatus,
    Quota,
    Registration,
    RegistrationStatus,
)
from council.forums.services import quota_availability
from council.forums.services.delegations import (
    delegation_create,
    member_decide,
    member_invite,
    member_respond,
    member_substitute,
    member_travel_update,
    member_withdraw,
)
from council.forums.tests.conftest import make_country_quota


@pytest.fixture
def russian_quota(forum: Forum, ru_network: Any) -> Quota:
    return make_country_quota(forum, ru_network, size=2)


@pytest.fixture
def delegation(russian_quota: Quota, ru_coordinator: Any) -> Delegation:
    return delegation_create(actor=ru_coordinator, quota=russian_quota, head=ru_coordinator)


def russians(russia: Any, count: int) -> list[Any]:
    return [make_user(f"ru{number}@example.org", russia) for number in range(count)]


def accepted_invitation(delegation: Delegation, coordinator: Any, russia: Any) -> tuple[Any, Any]:
    """A Russian the coordinator invited to the delegation, and their membership, accepted
    (with consent to cross the border)."""
    (delegate,) = russians(russia, 1)
    member = member_invite(actor=coordinator, delegation=delegation, person=delegate)
    member_respond(person=delegate, member=member, accept=True, cross_border_consent=True)
    return delegate, member


def test_invite_accept_approve(
    delegation: Delegation, ru_coordinator: Any, org_admin: Any, russia: Any
) -> None:
    (delegate,) = russians(russia, 1)
    member = member_invite(actor=ru_coordinator, delegation=delegation, person=delegate)
    assert member.status == MemberStatus.INVITED
    with pytest.raises(ValidationError) as caught:
        member_respond(person=delegate, member=member, accept=True)
    assert list(caught.value.message_dict) == ["cross_border_consent"]
    member = member_respond(person=delegate, member=member, accept=True, cross_border_consent=True)
    assert member.status == MemberStatus.NOMINATED
    assert Consent.objects.filter(user=delegate, purpose=ConsentPurpose.CROSS_BORDER).exists()
    member = member_decide(actor=org_admin, member=member, approve=True)
    assert member.status == MemberStatus.CONFIRMED
    assert member.registration is not None
    assert member.registration.status == RegistrationStatus.CONFIRMED
    actions = list(
        AuditEvent.objects.filter(target_type="forums.delegation")
        .values_list("action", flat=True)
        .order_by("pk")
    )
    assert actions == [
        "delegation.created",
        "delegation.member_invited",
        "delegation.member_nominated",
        "delegation.member_confirmed",
    ]


def test_the_host_rejects_with_a_reason(
    delegation: Delegation, ru_coordinator: Any, org_admin: Any, russia: Any
) -> None:
    _delegate, member = accepted_invitation(delegation, ru_coordinator, russia)
    with pytest.raises(ValidationError) as caught:
        member_decide(actor=org_admin, member=member, approve=False)
    assert caught.value.message_dict == {"reason": ["Give a reason for the rejection."]}
    member = member_decide(actor=org_admin, member=member, approve=False, reason="Age limit")
    assert (member.status, member.reason) == (MemberStatus.REJECTED, "Age limit")


def test_the_delegation_never_has_more_members_than_seats(
    delegation: Delegation, ru_coordinator: Any, russia: Any, russian_quota: Quota
) -> None:
    first, second, third = russians(russia, 3)
    member_invite(actor=ru_coordinator, delegation=delegation, person=first)
    member_invite(actor=ru_coordinator, delegation=delegation, person=second)
    assert quota_availability(quota=russian_quota).free == 0
    with pytest.raises(ValidationError) as caught:
        member_invite(actor=ru_coordinator, delegation=delegation, person=third)
    assert caught.value.messages == ["The delegation's seats are all taken."]


def test_members_come_from_the_delegations_country(
    delegation: Delegation, ru_coordinator: Any, volunteer: Any
) -> None:
    with pytest.raises(ValidationError) as caught:
        member_invite(actor=ru_coordinator, delegation=delegation, person=volunteer)
    assert caught.value.message_dict == {
        "person": ["Only volunteers of the delegation's country can be members."]
    }


def test_a_declined_invitation_frees_the_seat(
    delegation: Delegation, ru_coordinator: Any, russia: Any, russian_quota: Quota
) -> None:
    first, second, third = russians(russia, 3)
    member = member_invite(actor=ru_coordinator, delegation=delegation, person=first)
    member_invite(actor=ru_coordinator, delegation=delegation, person=second)
    member_respond(person=first, member=member, accept=False)
    member_invite(actor=ru_coordinator, delegation=delegation, person=third)
    assert quota_availability(quota=russian_quota).free == 0


def test_substitution_before_the_deadline_only(
    delegation: Delegation, ru_coordinator: Any, org_admin: Any, russia: Any, forum: Forum
) -> None:
    first, second, third = russians(russia, 3)
    member = member_invite(actor=ru_coordinator, delegation=delegation, person=first)
    member_respond(person=first, member=member, accept=True, cross_border_consent=True)
    member = member_decide(actor=org_admin, member=member, approve=True)
    new = member_substitute(actor=ru_coordinator, member=member, person=second)
    assert new.status == MemberStatus.INVITED and new.replaces_id == member.pk
    assert Registration.objects.get(pk=member.registration_id).status == "cancelled"
    Forum.objects.filter(pk=forum.pk).update(
        substitution_deadline=timezone.now() - timedelta(days=1)
    )
    with pytest.raises(ValidationError) as caught:
        member_substitute(actor=ru_coordinator, member=new, person=third)
    assert caught.value.messages == ["The deadline for substitutions has passed."]


def test_travel_details(delegation: Delegation, ru_coordinator: Any, russia: Any) -> None:
    (delegate,) = russians(russia, 1)
    member = member_invite(actor=ru_coordinator, delegation=delegation, person=delegate)
    arrival = timezone.now() + timedelta(days=30)
    member = member_travel_update(
        actor=delegate,
        member=member,
        arrival=arrival,
        departure=arrival + timedelta(days=3),
        transport="air",
        visa_support_needed=True,
    )
    assert member.visa_support_needed and member.transport == "air"
    with pytest.raises(ValidationError) as caught:
        member_travel_update(actor=delegate, member=member, departure=arrival - timedelta(days=1))
    assert caught.value.message_dict == {"departure": ["Departure comes after arrival."]}


def test_an_open_quota_has_no_delegation(open_quota: Quota, ru_coordinator: Any) -> None:
    with pytest.raises(ValidationError):
        delegation_create(actor=ru_coordinator, quota=open_quota, head=ru_coordinator)


def test_a_delegates_seat_is_not_cancelled_as_an_individual_registration(
    delegation: Delegation, ru_coordinator: Any, org_admin: Any, russia: Any
) -> None:
    from council.forums.services import registration_cancel

    delegate, member = accepted_invitation(delegation, ru_coordinator, russia)
    member = member_decide(actor=org_admin, member=member, approve=True)
    assert member.registration is not None
    with pytest.raises(ValidationError) as caught:
        registration_cancel(actor=delegate, registration=member.registration)
    assert caught.value.messages == [
        "This seat belongs to a delegation: the head of the delegation replaces members."
    ]
    assert Registration.objects.get(pk=member.registration.pk).status == "confirmed"


def test_a_member_withdraws_and_the_head_is_told(
    delegation: Delegation,
    ru_coordinator: Any,
    org_admin: Any,
    russia: Any,
    russian_quota: Quota,
    mailbox: list[Any],
    django_capture_on_commit_callbacks: Any,
) -> None:
    from django.utils import translation

    from council.forums.tests.test_registration import signed_in

    delegate, other = russians(russia, 2)
    member = member_invite(actor=ru_coordinator, delegation=delegation, person=delegate)
    with pytest.raises(ValidationError) as caught:
        member_withdraw(person=delegate, member=member)
    assert caught.value.messages == ["Only a nominated or confirmed member can withdraw."]
    member_respond(person=delegate, member=member, accept=True, cross_border_consent=True)
    member = member_decide(actor=org_admin, member=member, approve=True)
    assert quota_availability(quota=russian_quota).taken == 1
    # Nobody withdraws someone else.
    assert signed_in(other).post(f"/forums/members/{member.pk}/withdraw/").status_code == 404
    speaking(ru_coordinator, "kk")
    mailbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        page = signed_in(delegate).post(f"/forums/members/{member.pk}/withdraw/", follow=True)
    assert "You have withdrawn from the delegation." in page.content.decode()
    member.refresh_from_db()
    assert member.status == MemberStatus.WITHDRAWN
    assert member.registration is not None
    assert member.registration.status == RegistrationStatus.CANCELLED
    assert quota_availability(quota=russian_quota).taken == 0
    (sent,) = mailbox
    assert sent.to == [ru_coordinator.email]
    with translation.override("kk"):
        expected = translation.gettext("%(name)s has withdrawn from the delegation") % {
            "name": delegate.display_name
        }
    assert sent.subject == expected
    assert AuditEvent.objects.filter(action="delegation.member_withdrawn").count() == 1
