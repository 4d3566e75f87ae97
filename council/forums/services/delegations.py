"""Delegations: the sending organisation's head of delegation invites members into its quota,
each member accepts (giving the cross-border consent for a forum abroad), the host approves or
rejects each one; a member can be replaced until the forum's substitution deadline.

Seats follow the lock order of registrations (forum, then quota): an invited or nominated
member holds a seat of the quota; a confirmed one holds it as a confirmed registration."""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from council.accounts.models import User
from council.audit.services import record
from council.forums.models import (
    LIVE_REGISTRATION,
    MEMBER_SEAT_TAKING,
    Delegation,
    DelegationMember,
    Forum,
    MemberStatus,
    Quota,
    QuotaKind,
    Registration,
    RegistrationStatus,
    Transport,
)
from council.forums.registry import delegate_leave, delegate_send
from council.forums.selectors import home_fills, quota_availability, sending_networks
from council.forums.services.registrations import (
    ensure_cross_border_consent,
    locked,
    mail_to,
    needs_guardian,
    registration_confirmed_webhook,
)
from council.lib.forms import clean_model_fields
from council.lib.locks import lock_with
from council.lib.mirrors import REGISTER_AT_HOME, ensure_local
from council.lib.updates import save_fields
from council.webhooks import events as webhook_events
from council.webhooks.payloads import names_of
from council.webhooks.services import webhook_emit


@transaction.atomic
def delegation_create(*, actor: User, quota: Quota, head: User) -> Delegation:
    """Form the delegation of a country's or an organisation's quota, with its head. Another
    node's quota that this node's country fills (`home_fills`) is formed here by this node's
    national network, and its members are sent there one by one as they accept."""
    if quota.is_mirrored:
        if not home_fills(quota):
            ensure_local(quota, message=REGISTER_AT_HOME)
        network = sending_networks(user=actor).first()
        if network is None:
            raise ValidationError(
                _("Only the organisers of this country's national network form its delegation.")
            )
        organisation_id = network.pk
    else:
        if quota.kind == QuotaKind.OPEN or quota.organisation_id is None:
            raise ValidationError(_("Only a delegation's quota has a delegation."))
        organisation_id = quota.organisation_id
    if Delegation.objects.filter(quota=quota).exists():
        raise ValidationError(_("This quota already has its delegation."))
    delegation = Delegation.objects.create(
        forum_id=quota.forum_id, quota=quota, organisation_id=organisation_id, head=head
    )
    _audit(actor, "delegation.created", delegation, head=head.pk)
    return delegation


def _check_person(person: User, forum: Forum, delegation: Delegation) -> None:
    country = delegation.quota.country_id or delegation.organisation.country_id
    if person.home_country_id != country:
        raise ValidationError(
            {"person": _("Only volunteers of the delegation's country can be members.")}
        )
    if needs_guardian(person, forum):
        raise ValidationError(
            {"person": _("A minor needs a guardian's consent in their profile first.")}
        )


@transaction.atomic
def member_invite(
    *, actor: User, delegation: Delegation, person: User, replaces: DelegationMember | None = None
) -> DelegationMember:
    forum, quota = locked(delegation.forum, delegation.quota)
    _check_person(person, forum, delegation)
    if (
        DelegationMember.objects.filter(
            delegation__forum=forum, person_id=person.pk, status__in=MEMBER_SEAT_TAKING
        ).exists()
        or Registration.objects.filter(
            forum=forum, person_id=person.pk, status__in=LIVE_REGISTRATION
        ).exists()
    ):
        raise ValidationError({"person": _("This person already takes part in the forum.")})
    if replaces is None and quota_availability(quota=quota).state == "sold_out":
        raise ValidationError(_("The delegation's seats are all taken."))
    member = DelegationMember.objects.create(
        delegation=delegation, person=person, status=MemberStatus.INVITED, replaces=replaces
    )
    _audit(actor, "delegation.member_invited", delegation, member=member.pk, person=person.pk)
    member_mail(member, "forums/mail/delegation_invitation")
    return member


def _locked_member(member: DelegationMember) -> DelegationMember:
    delegation = Delegation.objects.select_related("forum", "quota").get(pk=member.delegation_id)
    locked(delegation.forum, delegation.quota)
    return lock_with(
        DelegationMember, member.pk, "delegation__forum__city", "delegation__quota", "person"
    )


@transaction.atomic
def member_respond(
    *, person: User, member: DelegationMember, accept: bool, cross_border_consent: bool = False
) -> DelegationMember:
    """The invited person accepts (then waits for the host) or declines."""
    member = _locked_member(member)
    if member.person_id != person.pk:
        raise ValidationError(_("This invitation is for someone else."))
    if member.status != MemberStatus.INVITED:
        raise ValidationError(_("This invitation has already been answered."))
    forum = member.delegation.forum
    if accept:
        ensure_cross_border_consent(
            person=person, forum=forum, given=cross_border_consent, doing="accept"
        )
    save_fields(
        member,
        status=MemberStatus.NOMINATED if accept else MemberStatus.DECLINED,
        decided_at=timezone.now(),
    )
    _audit(person, f"delegation.member_{member.status}", member.delegation, member=member.pk)
    if accept and forum.is_mirrored:
        # The host is on the forum's node: the member goes there now, as "on its way".
        save_fields(member, registration=delegate_send(member))
    return member


@transaction.atomic
def member_decide(
    *, actor: User, member: DelegationMember, approve: bool, reason: str = ""
) -> DelegationMember:
    """The host approves a nominated member (who gets a confirmed seat) or rejects them with
    a reason."""
    if not approve and not reason.strip():
        raise ValidationError({"reason": _("Give a reason for the rejection.")})
    member = _locked_member(member)
    if member.status != MemberStatus.NOMINATED:
        raise ValidationError(_("Only nominated members can be approved or rejected."))
    delegation = member.delegation
    member.decided_at = timezone.now()
    if approve:
        member.status = MemberStatus.CONFIRMED
        member.registration = Registration.objects.create(
            forum=delegation.forum,
            quota=delegation.quota,
            person=member.person,
            status=RegistrationStatus.CONFIRMED,
            decided_at=member.decided_at,
        )
    else:
        member.status = MemberStatus.REJECTED
        member.reason = reason.strip()
    member.save(update_fields=["status", "decided_at", "registration", "reason"])
    _audit(actor, f"delegation.member_{member.status}", delegation, member=member.pk)
    member_mail(member, f"forums/mail/member_{member.status}")
    if member.registration is not None and member.status == MemberStatus.CONFIRMED:
        _approved_webhooks(member, member.registration)
    return member


def _approved_webhooks(member: DelegationMember, registration: Registration) -> None:
    """Tell the sending organisation's subscribers of the approval, the host's of the
    confirmed seat (council/webhooks/events.py)."""
    delegation = member.delegation
    forum = delegation.forum
    webhook_emit(
        event=webhook_events.DELEGATION_APPROVED,
        organisation=delegation.organisation_id,
        payload={
            "delegation": delegation.pk,
            "member": member.pk,
            "forum": {"id": forum.pk, "title": names_of(forum, "title")},
        },
        person=member.person,
    )
    registration_confirmed_webhook(registration, via="delegation")


def _leave(member: DelegationMember, status: str, moment: datetime) -> None:
    """The member leaves the delegation with `status`; the seat they held is cancelled."""
    save_fields(member, status=status, decided_at=moment)
    if member.registration_id is None:
        return
    if member.delegation.forum.is_mirrored:
        delegate_leave(Registration.objects.get(pk=member.registration_id))
        return
    Registration.objects.filter(pk=member.registration_id).update(
        status=RegistrationStatus.CANCELLED, decided_at=moment
    )


@transaction.atomic
def member_substitute(
    *, actor: User, member: DelegationMember, person: User, at: datetime | None = None
) -> DelegationMember:
    """Replace a member by another person until the forum's substitution deadline; the new
    member is invited into the seat the old one leaves."""
    moment = at or timezone.now()
    member = _locked_member(member)
    forum = member.delegation.forum
    if forum.substitution_deadline is not None and moment > forum.substitution_deadline:
        raise ValidationError(_("The deadline for substitutions has passed."))
    if member.status not in (MemberStatus.INVITED, MemberStatus.NOMINATED, MemberStatus.CONFIRMED):
        raise ValidationError(_("Only a current member can be replaced."))
    _leave(member, MemberStatus.REPLACED, moment)
    _audit(actor, "delegation.member_replaced", member.delegation, member=member.pk)
    return member_invite(actor=actor, delegation=member.delegation, person=person, replaces=member)


@transaction.atomic
def member_withdraw(*, person: User, member: DelegationMember) -> DelegationMember:
    """A member leaves the delegation of their own accord; a confirmed seat is cancelled and
    the seat goes back to the delegation, whose head is told by mail."""
    member = _locked_member(member)
    if member.person_id != person.pk:
        raise ValidationError(_("Only the member can withdraw."))
    if member.status not in (MemberStatus.NOMINATED, MemberStatus.CONFIRMED):
        raise ValidationError(_("Only a nominated or confirmed member can withdraw."))
    _leave(member, MemberStatus.WITHDRAWN, timezone.now())
    delegation = member.delegation
    _audit(person, "delegation.member_withdrawn", delegation, member=member.pk)
    context = {"member": member, "delegation": delegation, "forum": delegation.forum}
    mail_to(delegation.head, "forums/mail/member_withdrawn", context)
    return member


TRAVEL_FIELDS = ("arrival", "departure", "transport", "accommodation_needed", "visa_support_needed")


class Keep(Enum):
    """A travel detail left as saved (`member_travel_update` writes only what is given)."""

    SAVED = "saved"


KEEP = Keep.SAVED


@transaction.atomic
def member_travel_update(
    *,
    actor: User,
    member: DelegationMember,
    arrival: datetime | Keep | None = KEEP,
    departure: datetime | Keep | None = KEEP,
    transport: str | Keep = KEEP,
    accommodation_needed: bool | Keep = KEEP,
    visa_support_needed: bool | Keep = KEEP,
) -> DelegationMember:
    """Write the travel details given (the others stay as saved), checked whole."""
    given = {
        "arrival": arrival,
        "departure": departure,
        "transport": transport,
        "accommodation_needed": accommodation_needed,
        "visa_support_needed": visa_support_needed,
    }
    fields = {name: value for name, value in given.items() if value is not KEEP}
    member = DelegationMember.objects.select_for_update().get(pk=member.pk)
    for name, value in fields.items():
        setattr(member, name, value)
    if member.transport and member.transport not in Transport.values:
        raise ValidationError({"transport": _("Choose how you travel.")})
    if member.arrival and member.departure and member.arrival > member.departure:
        raise ValidationError({"departure": _("Departure comes after arrival.")})
    clean_model_fields(member, "arrival", "departure")
    if not fields:
        return member
    member.save(update_fields=list(fields))
    _audit(
        actor,
        "delegation.travel_updated",
        member.delegation,
        member=member.pk,
        fields=sorted(fields),
    )
    return member


def _audit(actor: User, action: str, delegation: Delegation, **data: Any) -> None:
    record(
        actor=actor,
        action=action,
        target=delegation,
        organisation_id=delegation.organisation_id,
        data={"forum": delegation.forum_id, **data},
    )


def member_mail(member: DelegationMember, template: str) -> None:
    """Mail the member about their membership (`template`), in their language."""
    delegation = member.delegation
    context = {"member": member, "delegation": delegation, "forum": delegation.forum}
    mail_to(member.person, template, {**context, "person": member.person})
