"""A person of this node applies to another node's opportunity (docs/federation.md, "apply").

The home node checks what it alone can check — the live cross-border consent, the person's
date of birth and guardian's consent, the age rules, the person's own overlapping shifts — and
keeps the application here as SENT ("On its way to the organiser") while the outbox carries
it to the owner node, which decides under its own seat lock. Its answer (the reply, or a
later `status` write) sets the local application's status and mails the person.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from council.accounts.mail import mail_send
from council.accounts.models import Consent, ConsentPurpose, User
from council.audit.services import record
from council.federation.models import LinkKind, Peer, RemoteLink
from council.federation.people import consent_block, person_block, sent_fields
from council.federation.protocol import APPLICATION_WITHDRAW, APPLY, ProtocolError, Received
from council.federation.services.home.outbox import link_for, send_personal, send_reference
from council.lib.locks import lock_row, lock_with
from council.projects.models import (
    LIVE_STATUSES,
    Application,
    ApplicationStatus,
    Opportunity,
    ProjectStatus,
    Shift,
)
from council.projects.services.applications import eligibility_problems
from council.volunteers.services import profile_locked

# The statuses an owner node may answer with, and what each mails the person.
ANSWERS: dict[str, str] = {
    ApplicationStatus.CONFIRMED: "projects/mail/application_confirmed",
    ApplicationStatus.WAITLISTED: "projects/mail/application_waitlisted",
    ApplicationStatus.PENDING: "projects/mail/application_pending",
    ApplicationStatus.REJECTED: "projects/mail/application_rejected",
    ApplicationStatus.WITHDRAWN: "",
}


def peer_of(opportunity: Opportunity) -> Peer:
    """The live peer that owns a mirrored opportunity, or a ValidationError saying why the
    person cannot apply to it from here."""
    if not opportunity.origin_node:
        raise ValidationError(_("This opportunity is run on this node: apply on its page."))
    peer = Peer.objects.select_related("country").filter(node_id=opportunity.origin_node).first()
    if peer is None or not peer.is_live:
        raise ValidationError(
            _(
                "The node that runs this opportunity is not connected to ours at the moment, "
                "so applications to it cannot be sent. Try again later."
            )
        )
    return peer


def cross_border_consent(user: User) -> Consent:
    """The person's live cross-border consent, or a ValidationError sending them to give it."""
    consent = Consent.objects.filter(
        user=user, purpose=ConsentPurpose.CROSS_BORDER, withdrawn_at__isnull=True
    ).first()
    if consent is None:
        raise ValidationError(
            {
                "cross_border_consent": _(
                    "Applying to an organisation of another country sends your name and "
                    "volunteer profile to its node. Give the cross-border consent on your "
                    "consents page (/me/consents/) first."
                )
            }
        )
    return consent


def _day_of(opportunity: Opportunity, shift: Shift | None) -> date:
    """The day the person's age band is taken on: the shift's, or (an opportunity without
    shifts) today, or its project's first day when that is later."""
    if shift is not None:
        return shift.start.date()
    today = timezone.localdate()
    starts = opportunity.project.start_date
    return max(today, starts) if starts else today


def _check_shift(opportunity: Opportunity, shift: Shift | int | None) -> Shift | None:
    if shift is None:
        if opportunity.shifts.exists():
            raise ValidationError({"shift": _("Choose a shift.")})
        return None
    locked = lock_row(Shift, shift.pk if isinstance(shift, Shift) else shift)
    if locked is None or locked.opportunity_id != opportunity.pk:
        raise ValidationError({"shift": _("Choose one of this opportunity's shifts.")})
    if locked.start <= timezone.now():
        raise ValidationError({"shift": _("This shift has already started.")})
    return locked


def _check_free_of_clashes(volunteer: User, opportunity: Opportunity, shift: Shift | None) -> None:
    live = Application.objects.filter(volunteer=volunteer, status__in=LIVE_STATUSES)
    mine = (
        live.filter(shift=shift)
        if shift is not None
        else live.filter(opportunity=opportunity, shift__isnull=True)
    )
    if mine.exists():
        raise ValidationError(_("You have already applied."))
    if shift is None:
        return
    clash = (
        Application.objects.filter(
            volunteer=volunteer,
            status=ApplicationStatus.CONFIRMED,
            shift__start__lt=shift.end,
            shift__end__gt=shift.start,
        )
        .exclude(shift=shift)
        .select_related("opportunity")
        .first()
    )
    if clash is not None:
        raise ValidationError(
            {
                "shift": _("You already have a confirmed shift at this time: %(other)s.")
                % {"other": clash.opportunity.title}
            }
        )


def apply_payload(application: Application) -> dict[str, Any]:
    """The body of the `apply` write for a SENT application (a pure read: the person block as
    of now, for the day of the shift)."""
    opportunity = application.opportunity
    shift = application.shift
    peer = peer_of(opportunity)
    consent = cross_border_consent(application.volunteer)
    return {
        "application": str(application.pk),
        "opportunity": opportunity.origin_key,
        "shift": shift.origin_key if shift is not None else None,
        "person": person_block(application.volunteer, peer=peer, on=_day_of(opportunity, shift)),
        "consent": consent_block(consent),
        "motivation": application.motivation,
        "answers": application.answers or [],
    }


def payload_fields(payload: dict[str, Any]) -> list[str]:
    """The personal fields an action's payload carries, for the transfer log."""
    fields = sent_fields(payload["person"])
    fields += [key for key in ("motivation", "answers") if payload.get(key)]
    return fields


@transaction.atomic
def remote_apply(
    *,
    volunteer: User,
    opportunity: Opportunity,
    shift: Shift | int | None = None,
    motivation: str = "",
    answers: list[dict[str, str]] | None = None,
) -> Application:
    """Apply to another node's opportunity: checked here, kept as SENT, and sent to the owner
    node through the outbox with exactly what the action needs, logged as a transfer."""
    opportunity = Opportunity.objects.select_related("project").get(pk=opportunity.pk)
    peer = peer_of(opportunity)
    if opportunity.project.status != ProjectStatus.PUBLISHED or not opportunity.is_published:
        raise ValidationError(_("This opportunity is not open for applications."))
    consent = cross_border_consent(volunteer)
    # The person's profile row first, as every seat-taking service does: two applications of
    # one person cannot pass the overlap check side by side.
    profile = profile_locked(volunteer)
    checked_shift = _check_shift(opportunity, shift)
    day = _day_of(opportunity, checked_shift)
    if profile.date_of_birth is None:
        raise ValidationError(
            {"date_of_birth": _("Add your date of birth to your volunteer profile first.")}
        )
    problems = eligibility_problems(
        volunteer=volunteer, profile=profile, opportunity=opportunity, on=day
    )
    if problems:
        raise ValidationError(problems)
    _check_free_of_clashes(volunteer, opportunity, checked_shift)
    application = Application(
        volunteer=volunteer,
        opportunity=opportunity,
        shift=checked_shift,
        status=ApplicationStatus.SENT,
        motivation=motivation.strip(),
        answers=answers or [],
    )
    application.full_clean(
        exclude=["volunteer", "opportunity", "shift"], validate_constraints=False
    )
    application.save()
    payload = apply_payload(application)
    send_personal(
        peer=peer,
        kind=APPLY,
        payload=payload,
        person=volunteer,
        consent=consent,
        subject=application,
        fields=payload_fields(payload),
        action="application.sent",
        target=application,
        organisation_id=opportunity.project.owner_id,
        data={"status": application.status},
    )
    return application


def _send_withdraw(peer: Peer, application: Application, remote_id: str) -> None:
    send_reference(
        peer=peer,
        kind=APPLICATION_WITHDRAW,
        name="application",
        remote_id=remote_id,
        person=application.volunteer,
        subject=application,
    )


@transaction.atomic
def remote_withdraw(*, volunteer: User, application: Application) -> Application:
    """Withdraw an application made to another node: closed here at once, and the owner node
    told (once it has answered the application, if it has not yet: see `apply_answered`)."""
    application = lock_with(Application, application.pk, "opportunity__project", "volunteer")
    if application.volunteer_id != volunteer.pk:
        raise PermissionDenied
    if application.status not in LIVE_STATUSES:
        raise ValidationError(_("This application has already been closed."))
    peer = Peer.objects.filter(node_id=application.opportunity.origin_node).first()
    if peer is None:
        raise ValidationError(_("This application was not made to another node."))
    application.status = ApplicationStatus.WITHDRAWN
    application.decided_at = timezone.now()
    application.save(update_fields=["status", "decided_at"])
    link = link_for(peer, LinkKind.APPLICATION, application.pk)
    if link is not None and link.remote_id:
        _send_withdraw(peer, application, link.remote_id)
        link.status = ApplicationStatus.WITHDRAWN
        link.updated_at = timezone.now()
        link.save(update_fields=["status", "updated_at"])
    record(
        actor=volunteer,
        action="application.withdrawn",
        target=application,
        organisation_id=application.opportunity.project.owner_id,
        data={"status": application.status, "node": peer.node_id},
    )
    return application


def _mail(application: Application, template: str) -> None:
    if not template:
        return
    volunteer = application.volunteer
    if volunteer.erased_at is not None:
        return
    mail_send(
        to=volunteer.email,
        template=template,
        language=volunteer.preferred_language,
        context={
            "application": application,
            "opportunity": application.opportunity,
            "shift": application.shift,
            "person": volunteer,
        },
    )


def _set_status(application: Application, status: str, reason: str, *, source: str) -> bool:
    """Take the owner node's answer: the new status (and the reason of a rejection), audited
    and mailed. False when it changes nothing."""
    if application.status == status and application.reason == reason:
        return False
    promoted = (
        application.status == ApplicationStatus.WAITLISTED and status == ApplicationStatus.CONFIRMED
    )
    application.status = status
    application.reason = reason[:2000] if status == ApplicationStatus.REJECTED else ""
    application.decided_at = timezone.now()
    application.save(update_fields=["status", "reason", "decided_at"])
    record(
        actor=None,
        action=f"application.{status}",
        target=application,
        organisation_id=application.opportunity.project.owner_id,
        data={"status": status, "node": application.opportunity.origin_node, "by": source},
    )
    _mail(
        application, "projects/mail/application_promoted" if promoted else ANSWERS.get(status, "")
    )
    return True


def _answer_status(value: Any, field: str) -> str:
    if value not in ANSWERS:
        raise ProtocolError("invalid_body", f"unknown status {value!r}", field=field)
    return str(value)


@transaction.atomic
def apply_answered(message: Any, reply: dict[str, Any]) -> None:
    """The owner node's reply to `apply` (an outbox reply handler): the application's status
    there, and its id there for later status changes and a withdrawal."""
    application = (
        Application.objects.select_for_update(of=("self",))
        .select_related("opportunity__project", "volunteer", "shift")
        .filter(pk=int(message.subject_id))
        .first()
    )
    if application is None:
        return
    peer = message.peer
    remote_id = str(reply.get("application") or "")
    status = _answer_status(reply.get("status"), "status")
    link, created = RemoteLink.objects.select_for_update().get_or_create(
        peer=peer,
        kind=LinkKind.APPLICATION,
        local_id=str(application.pk),
        # A status the owner node sends later was decided after we sent the application:
        # compared with the time we sent it, it never looks stale.
        defaults={"remote_id": remote_id, "status": status, "updated_at": message.created_at},
    )
    if not created:
        # A `status` write came first (this reply was lost and retried): it is newer.
        if not link.remote_id:
            link.remote_id = remote_id
            link.save(update_fields=["remote_id"])
        return
    if application.status == ApplicationStatus.WITHDRAWN:
        # Withdrawn here while the application was on its way: now that the owner node has
        # an id for it, tell it.
        if status != ApplicationStatus.REJECTED and remote_id:
            _send_withdraw(peer, application, remote_id)
        link.status = ApplicationStatus.WITHDRAWN
        link.save(update_fields=["status"])
        return
    if application.status == ApplicationStatus.SENT:
        _set_status(application, status, str(reply.get("reason") or ""), source="reply")


def _refusal_message(error: Any) -> str:
    if isinstance(error, dict):
        inner = error.get("error", error)
        return str(inner.get("message") or inner.get("code") or "")
    return str(getattr(error, "message", "") or error)


@transaction.atomic
def apply_refused(message: Any, error: Any) -> None:
    """The owner node refused `apply` (not eligible there, closed, …): the application is
    rejected here with the owner's message."""
    application = (
        Application.objects.select_for_update(of=("self",))
        .select_related("opportunity__project", "volunteer", "shift")
        .filter(pk=int(message.subject_id))
        .first()
    )
    if application is None or application.status != ApplicationStatus.SENT:
        return
    reason = _refusal_message(error) or _("The organiser's node refused the application.")
    _set_status(application, ApplicationStatus.REJECTED, reason, source="refusal")


def moment_of(value: Any) -> datetime | None:
    moment = parse_datetime(value) if isinstance(value, str) else None
    if moment is not None and timezone.is_naive(moment):
        moment = timezone.make_aware(moment, UTC)
    return moment


def application_status_received(received: Received) -> dict[str, Any]:
    """The `status` write for an application: the owner node changed its status (a decision,
    a promotion from the waiting list, a cancellation). Stale or repeated messages change
    nothing and are answered like the first."""
    body = received.body
    peer = received.peer
    local_id = str(body.get("id") or "")
    remote_id = str(body.get("remote_id") or "")
    application = (
        Application.objects.select_for_update(of=("self",))
        .select_related("opportunity__project", "volunteer", "shift")
        .filter(pk=int(local_id) if local_id.isdigit() else 0)
        .first()
    )
    if application is None or application.opportunity.origin_node != peer.node_id:
        raise ProtocolError(
            "not_found", "no such application of yours here", status=404, field="id"
        )
    status = _answer_status(body.get("status"), "status")
    # The status may come before the reply to `apply` did (that reply lost and retried).
    link, _created = RemoteLink.objects.select_for_update().get_or_create(
        peer=peer,
        kind=LinkKind.APPLICATION,
        local_id=local_id,
        defaults={"remote_id": remote_id, "updated_at": application.created_at},
    )
    if link.remote_id and remote_id and link.remote_id != remote_id:
        raise ProtocolError(
            "not_found", "another application of yours here", status=404, field="remote_id"
        )
    at = moment_of(body.get("at")) or timezone.now()
    if application.status == ApplicationStatus.WITHDRAWN:
        # Closed here while on its way: the owner node now has an id for it, so tell it once.
        if link.status != ApplicationStatus.WITHDRAWN and status in LIVE_STATUSES and remote_id:
            _send_withdraw(peer, application, remote_id)
            link.remote_id, link.status = remote_id, ApplicationStatus.WITHDRAWN
            link.save(update_fields=["remote_id", "status"])
        return {"ok": True}
    if at < link.updated_at:
        return {"ok": True}  # older than what we know: a late duplicate
    link.remote_id = remote_id or link.remote_id
    link.status = status
    link.updated_at = at
    link.save(update_fields=["remote_id", "status", "updated_at"])
    _set_status(application, status, str(body.get("reason") or ""), source="status")
    return {"ok": True}
