"""A person of this node registers for another node's forum (docs/federation.md, "register").

As with an application (council.federation.services.home.applications), the home node checks
what it alone can check — the live cross-border consent, a minor's guardian consent, one live
registration per forum — and keeps the registration here as SENT ("On its way to the
organiser") on the mirrored forum and quota, while the outbox carries it to the owner node,
which decides under its own seat lock. Its answer (the reply, or a later `status` write) sets
the local registration's status.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from council.accounts.models import User
from council.audit.services import record
from council.federation.models import LinkKind, Peer, RemoteLink
from council.federation.people import consent_block, person_block, sent_fields
from council.federation.protocol import (
    REGISTER,
    REGISTRATION_ACCEPT,
    REGISTRATION_CANCEL,
    ProtocolError,
    Received,
)
from council.federation.services.home.applications import (
    _refusal_message,
    cross_border_consent,
    moment_of,
)
from council.federation.services.home.outbox import link_for, send_personal, send_reference
from council.forums.models import (
    LIVE_REGISTRATION,
    DelegationMember,
    Forum,
    ForumStatus,
    MemberStatus,
    Quota,
    QuotaKind,
    Registration,
    RegistrationStatus,
)
from council.forums.services.delegations import member_mail
from council.forums.services.registrations import mail, needs_guardian
from council.lib.locks import lock_row, lock_with

# What a status the owner node decided mails the person (an offered seat is taken on the
# owner node's page: no mail of ours promises a hold we cannot confirm here).
MAILS: dict[str, str] = {
    RegistrationStatus.CONFIRMED: "forums/mail/registration_confirmed",
    RegistrationStatus.WAITLISTED: "forums/mail/registration_waitlisted",
}

# The statuses an owner node may answer a registration with.
ANSWERS = (
    RegistrationStatus.CONFIRMED,
    RegistrationStatus.WAITLISTED,
    RegistrationStatus.OFFERED,
    RegistrationStatus.CANCELLED,
    RegistrationStatus.EXPIRED,
)


def peer_of_row(row: Any, *, local: str) -> Peer:
    """The live peer that owns a mirrored row, or a ValidationError saying why the person
    cannot act on it from here (`local`: what to say of a row of this node)."""
    if not row.origin_node:
        raise ValidationError(local)
    peer = Peer.objects.select_related("country").filter(node_id=row.origin_node).first()
    if peer is None or not peer.is_live:
        raise ValidationError(
            _(
                "The node that runs this is not connected to ours at the moment, so nothing "
                "can be sent to it. Try again later."
            )
        )
    return peer


def forum_peer(forum: Forum) -> Peer:
    return peer_of_row(forum, local=_("This forum is run on this node: register on its page."))


def open_quota(forum: Forum, quota: Quota | int | None) -> Quota:
    """The mirrored quota the registration goes in: the one chosen (of this forum, open to
    individuals) or the forum's open quota."""
    quotas = Quota.objects.filter(forum=forum, kind=QuotaKind.OPEN)
    if quota is not None:
        chosen = quotas.filter(pk=quota.pk if isinstance(quota, Quota) else quota).first()
        if chosen is None:
            raise ValidationError({"quota": _("Choose one of this forum's open quotas.")})
        return chosen
    found = quotas.order_by("pk").first()
    if found is None:
        raise ValidationError(_("This forum has no seats for individual registration."))
    return found


def _delegation_block(registration: Registration) -> dict[str, str] | None:
    """The delegation formed here that the person goes with, or None (alone)."""
    member = DelegationMember.objects.filter(registration=registration).first()
    if member is None:
        return None
    delegation = member.delegation
    return {"id": str(delegation.pk), "name": str(delegation.organisation.name)[:200]}


def register_payload(registration: Registration) -> dict[str, Any]:
    """The body of the `register` write for a SENT registration."""
    forum = registration.forum
    peer = forum_peer(forum)
    consent = cross_border_consent(registration.person)
    return {
        "registration": str(registration.pk),
        "forum": forum.origin_key,
        "quota": registration.quota.origin_key or None,
        "person": person_block(registration.person, peer=peer, on=forum.starts_on),
        "consent": consent_block(consent),
        "delegation": _delegation_block(registration),
    }


def _send_register(registration: Registration, peer: Peer, consent: Any) -> None:
    """Send the SENT registration to the forum's node: the person's minimal block, logged as
    a transfer and audited."""
    payload = register_payload(registration)
    send_personal(
        peer=peer,
        kind=REGISTER,
        payload=payload,
        person=registration.person,
        consent=consent,
        subject=registration,
        fields=sent_fields(payload["person"]),
        action="registration.sent",
        target=registration,
        organisation_id=registration.forum.host_id,
        data={"status": registration.status},
    )


@transaction.atomic
def remote_register(
    *, person: User, forum: Forum, quota: Quota | int | None = None
) -> Registration:
    """Register for another node's forum: checked here, kept as SENT, and sent to the owner
    node through the outbox, logged as a transfer."""
    forum = Forum.objects.select_related("city").get(pk=forum.pk)
    peer = forum_peer(forum)
    now = timezone.now()
    if forum.status != ForumStatus.PUBLISHED or forum.has_ended():
        raise ValidationError(_("This forum is not open for registration."))
    if not (forum.registration_opens <= now < forum.registration_closes):
        raise ValidationError(_("Registration for this forum is not open."))
    consent = cross_border_consent(person)
    if needs_guardian(person, forum):
        raise ValidationError(
            _("A parent or guardian must give their consent in your profile before you register.")
        )
    chosen = open_quota(forum, quota)
    # The person's own row serialises two registrations of theirs side by side.
    lock_row(User, person.pk)
    if Registration.objects.filter(
        forum=forum, person=person, status__in=LIVE_REGISTRATION
    ).exists():
        raise ValidationError(_("You are already registered for this forum."))
    registration = Registration.objects.create(
        forum=forum, quota=chosen, person=person, status=RegistrationStatus.SENT
    )
    _send_register(registration, peer, consent)
    return registration


def delegate_send(member: DelegationMember) -> Registration:
    """A member of a delegation formed here accepted: their registration, in the delegation's
    (mirrored) quota, goes to the forum's node as SENT, naming the delegation. Called by
    council.forums.services.delegations under the member's lock, after the consent check."""
    delegation = member.delegation
    forum = delegation.forum
    peer = forum_peer(forum)
    consent = cross_border_consent(member.person)
    registration = Registration.objects.create(
        forum=forum,
        quota=delegation.quota,
        person=member.person,
        status=RegistrationStatus.SENT,
    )
    # The link the delegation block is read from, before the payload is built.
    DelegationMember.objects.filter(pk=member.pk).update(registration=registration)
    _send_register(registration, peer, consent)
    return registration


def delegate_leave(registration: Registration) -> None:
    """A member of a delegation formed here left it: their registration is cancelled here and
    at the forum's node (once it has answered: see `register_answered`)."""
    registration = lock_with(Registration, registration.pk, "forum", "person")
    if registration.status in LIVE_REGISTRATION:
        _cancel(registration, actor=None)


def _link(peer: Peer, registration: Registration) -> RemoteLink | None:
    return link_for(peer, LinkKind.REGISTRATION, registration.pk)


def _send_cancel(peer: Peer, registration: Registration, remote_id: str) -> None:
    send_reference(
        peer=peer,
        kind=REGISTRATION_CANCEL,
        name="registration",
        remote_id=remote_id,
        person=registration.person,
        subject=registration,
    )


@transaction.atomic
def remote_registration_cancel(*, person: User, registration: Registration) -> Registration:
    """Cancel a registration made to another node: cancelled here at once, and the owner node
    told (once it has answered, if it has not yet: see `register_answered`). A delegation's
    seat is left through the delegation (the member withdraws)."""
    registration = lock_with(Registration, registration.pk, "forum", "person")
    if registration.person_id != person.pk:
        raise PermissionDenied
    if registration.status not in LIVE_REGISTRATION:
        raise ValidationError(_("This registration has already ended."))
    if DelegationMember.objects.filter(registration=registration).exists():
        raise ValidationError(
            _("This seat belongs to a delegation: withdraw from the delegation instead.")
        )
    return _cancel(registration, actor=person)


def _cancel(registration: Registration, *, actor: User | None) -> Registration:
    peer = Peer.objects.filter(node_id=registration.forum.origin_node).first()
    if peer is None:
        raise ValidationError(_("This registration was not made to another node."))
    registration.status = RegistrationStatus.CANCELLED
    registration.decided_at = timezone.now()
    registration.save(update_fields=["status", "decided_at"])
    link = _link(peer, registration)
    if link is not None and link.remote_id:
        _send_cancel(peer, registration, link.remote_id)
        link.status = RegistrationStatus.CANCELLED
        link.updated_at = timezone.now()
        link.save(update_fields=["status", "updated_at"])
    record(
        actor=actor,
        action="registration.cancelled",
        target=registration,
        organisation_id=registration.forum.host_id,
        data={"status": registration.status, "node": peer.node_id},
    )
    return registration


@transaction.atomic
def remote_registration_accept(*, person: User, registration: Registration) -> Registration:
    """Take the seat the forum's node offered from its waiting list: the acceptance goes
    there, and its answer confirms the registration here (`accept_answered`)."""
    registration = lock_with(Registration, registration.pk, "forum", "person")
    if registration.person_id != person.pk:
        raise PermissionDenied
    if registration.status != RegistrationStatus.OFFERED:
        raise ValidationError(_("There is no seat on offer for this registration."))
    peer = forum_peer(registration.forum)
    link = _link(peer, registration)
    if link is None or not link.remote_id:
        raise ValidationError(_("There is no seat on offer for this registration."))
    send_reference(
        peer=peer,
        kind=REGISTRATION_ACCEPT,
        name="registration",
        remote_id=link.remote_id,
        person=person,
        subject=registration,
    )
    record(
        actor=person,
        action="registration.accept_sent",
        target=registration,
        organisation_id=registration.forum.host_id,
        data={"status": registration.status, "node": peer.node_id},
    )
    return registration


@transaction.atomic
def accept_answered(message: Any, reply: dict[str, Any]) -> None:
    """The forum's node confirmed the seat the person took."""
    registration = _registration(message.subject_id)
    if registration is None or registration.status != RegistrationStatus.OFFERED:
        return
    status = _answer_status(reply.get("status"), "status")
    RemoteLink.objects.filter(
        peer=message.peer, kind=LinkKind.REGISTRATION, local_id=str(registration.pk)
    ).update(status=status, updated_at=timezone.now())
    _set_status(registration, status, source="reply")


@transaction.atomic
def accept_refused(message: Any, error: Any) -> None:
    """The forum's node refused the acceptance (the offer had expired there): the offer has
    ended here too."""
    registration = _registration(message.subject_id)
    if registration is None or registration.status != RegistrationStatus.OFFERED:
        return
    reason = _refusal_message(error) or _("The offer has expired.")
    _set_status(registration, RegistrationStatus.EXPIRED, source="refusal", reason=reason)


def _set_status(registration: Registration, status: str, *, source: str, reason: str = "") -> bool:
    if registration.status == status:
        return False
    registration.status = status
    registration.decided_at = timezone.now()
    registration.save(update_fields=["status", "decided_at"])
    data = {"status": status, "node": registration.forum.origin_node, "by": source}
    if reason:
        data["reason"] = reason[:500]
    record(
        actor=None,
        action=f"registration.{status}",
        target=registration,
        organisation_id=registration.forum.host_id,
        data=data,
    )
    if _member_follows(registration, status, reason):
        return True
    if status in MAILS and registration.person.erased_at is None:
        mail(registration, MAILS[status])
    return True


def _member_follows(registration: Registration, status: str, reason: str) -> bool:
    """A delegation member's status follows their registration's at the forum's node: a
    confirmed seat confirms the member; a cancelled or expired one is the host's refusal. The
    member is mailed as a member (and not about the registration); False when the
    registration is not a delegation's."""
    member = (
        DelegationMember.objects.select_for_update(of=("self",))
        .select_related("delegation__forum", "person")
        .filter(registration=registration)
        .first()
    )
    if member is None:
        return False
    if member.status not in (MemberStatus.NOMINATED, MemberStatus.CONFIRMED):
        return True
    if status == RegistrationStatus.CONFIRMED:
        new = MemberStatus.CONFIRMED
    elif status in (RegistrationStatus.CANCELLED, RegistrationStatus.EXPIRED):
        new = MemberStatus.REJECTED
    else:
        return True  # waiting there: still nominated, waiting for the host
    member.status = new
    member.decided_at = timezone.now()
    if new == MemberStatus.REJECTED:
        member.reason = reason[:500] or _("The host's node did not confirm the seat.")
    member.save(update_fields=["status", "decided_at", "reason"])
    record(
        actor=None,
        action=f"delegation.member_{new}",
        target=member.delegation,
        organisation_id=member.delegation.organisation_id,
        data={"forum": member.delegation.forum_id, "member": member.pk, "by": "node"},
    )
    if member.person.erased_at is None:
        member_mail(member, f"forums/mail/member_{new}")
    return True


def _answer_status(value: Any, field: str) -> str:
    if value not in ANSWERS:
        raise ProtocolError("invalid_body", f"unknown status {value!r}", field=field)
    return str(value)


def _registration(pk: Any) -> Registration | None:
    text = str(pk or "")
    return (
        Registration.objects.select_for_update(of=("self",))
        .select_related("forum", "person")
        .filter(pk=int(text) if text.isdigit() else 0)
        .first()
    )


@transaction.atomic
def register_answered(message: Any, reply: dict[str, Any]) -> None:
    """The owner node's reply to `register`: the registration's status there and its id."""
    registration = _registration(message.subject_id)
    if registration is None:
        return
    peer = message.peer
    remote_id = str(reply.get("registration") or "")
    status = _answer_status(reply.get("status"), "status")
    link, created = RemoteLink.objects.select_for_update().get_or_create(
        peer=peer,
        kind=LinkKind.REGISTRATION,
        local_id=str(registration.pk),
        defaults={"remote_id": remote_id, "status": status, "updated_at": message.created_at},
    )
    if not created:
        if not link.remote_id:
            link.remote_id = remote_id
            link.save(update_fields=["remote_id"])
        return
    if registration.status == RegistrationStatus.CANCELLED:
        # Cancelled here while on its way: now that the owner node has an id, tell it.
        if status in LIVE_REGISTRATION and remote_id:
            _send_cancel(peer, registration, remote_id)
        link.status = RegistrationStatus.CANCELLED
        link.save(update_fields=["status"])
        return
    if registration.status == RegistrationStatus.SENT:
        _set_status(registration, status, source="reply")


@transaction.atomic
def register_refused(message: Any, error: Any) -> None:
    """The owner node refused `register` (closed, not eligible there…): cancelled here, with
    the owner's message in the audit trail."""
    registration = _registration(message.subject_id)
    if registration is None or registration.status != RegistrationStatus.SENT:
        return
    reason = _refusal_message(error) or _("The organiser's node refused the registration.")
    _set_status(registration, RegistrationStatus.CANCELLED, source="refusal", reason=reason)


def registration_status_received(received: Received) -> dict[str, Any]:
    """The `status` write for a registration: the owner node changed its status (a seat
    offered from the waiting list, a cancellation, an expired offer)."""
    body = received.body
    peer = received.peer
    local_id = str(body.get("id") or "")
    remote_id = str(body.get("remote_id") or "")
    registration = _registration(local_id)
    if registration is None or registration.forum.origin_node != peer.node_id:
        raise ProtocolError(
            "not_found", "no such registration of yours here", status=404, field="id"
        )
    status = _answer_status(body.get("status"), "status")
    link, _created = RemoteLink.objects.select_for_update().get_or_create(
        peer=peer,
        kind=LinkKind.REGISTRATION,
        local_id=local_id,
        defaults={"remote_id": remote_id, "updated_at": registration.created_at},
    )
    if link.remote_id and remote_id and link.remote_id != remote_id:
        raise ProtocolError(
            "not_found", "another registration of yours here", status=404, field="remote_id"
        )
    at = moment_of(body.get("at")) or timezone.now()
    if registration.status == RegistrationStatus.CANCELLED:
        if link.status != RegistrationStatus.CANCELLED and status in LIVE_REGISTRATION:
            if remote_id:
                _send_cancel(peer, registration, remote_id)
            link.remote_id, link.status = remote_id or link.remote_id, RegistrationStatus.CANCELLED
            link.save(update_fields=["remote_id", "status"])
        return {"ok": True}
    if at < link.updated_at:
        return {"ok": True}
    link.remote_id = remote_id or link.remote_id
    link.status = status
    link.updated_at = at
    link.save(update_fields=["remote_id", "status", "updated_at"])
    _set_status(registration, status, source="status", reason=str(body.get("reason") or ""))
    return {"ok": True}
