"""Handing a shift on: a confirmed volunteer gives their seat to the waiting list (a
withdrawal, which promotes the first waiting person) or offers it to a named colleague.

The swap is one transaction with the locks in the order of `application_accept`: the
giver's application, the taker's profile, then the seat pool. Inside them it re-checks that
the giver still holds the seat, that the taker may take it (eligible, not yet applied, no
overlapping confirmed shift), then closes the one and confirms the other: the seats taken
never move, and nobody ends up with two overlapping shifts. When the opportunity asks for
it, the swap waits for an organiser's approval and is re-checked then. See docs/locking.md.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from council.accounts.mail import mail_send
from council.accounts.models import User
from council.audit.services import record
from council.lib.locks import lock_with
from council.lib.required import require_text
from council.lib.updates import save_fields
from council.projects.models import (
    OPEN_HANDOVER,
    Application,
    ApplicationStatus,
    Handover,
    HandoverStatus,
)
from council.projects.services.applications import (
    _audit,
    _lock_application,
    _mail_volunteer,
    _pool,
    _pool_state,
    eligibility_problems,
)
from council.volunteers.services import profile_locked


def _handover_audit(actor: User | None, action: str, handover: Handover) -> None:
    application = handover.application
    record(
        actor=actor,
        action=action,
        target=application,
        organisation_id=application.opportunity.project.owner_id,
        data={"handover": handover.pk, "email": handover.email, "shift": application.shift_id},
    )


def _check_giver_holds(application: Application) -> None:
    if application.status != ApplicationStatus.CONFIRMED or application.shift is None:
        raise ValidationError(_("Only a confirmed shift can be handed on."))
    if application.opportunity.is_mirrored:
        raise ValidationError(_("A shift of another node is handed on there."))
    if application.team_id is not None:
        raise ValidationError(_("In a team, the leader names who takes your seat."))
    if application.shift.start <= timezone.now():
        raise ValidationError(_("This shift has already started."))


@transaction.atomic
def handover_offer(*, volunteer: User, application: Application, email: str) -> Handover:
    """Offer the seat to a colleague by their address; they get a link to take it."""
    application = _lock_application(application)
    if application.volunteer_id != volunteer.pk:
        raise PermissionDenied
    _check_giver_holds(application)
    email = require_text(email, "email", _("Give your colleague's email address.")).lower()
    if email == volunteer.email.lower():
        raise ValidationError({"email": _("Give the address of someone else.")})
    if application.handovers.filter(status__in=OPEN_HANDOVER).exists():
        raise ValidationError(_("This shift is already offered; cancel that offer first."))
    handover = Handover(application=application, email=email)
    handover.full_clean(exclude=["application"])
    handover.save()
    _handover_audit(volunteer, "application.handover_offered", handover)
    mail_send(
        to=email,
        template="projects/mail/handover_offer",
        context={
            "handover": handover,
            "giver": volunteer,
            "opportunity": application.opportunity,
            "shift": application.shift,
        },
    )
    return handover


def _lock_open(handover: Handover, statuses: tuple[str, ...] = OPEN_HANDOVER) -> Handover:
    locked = lock_with(
        Handover, handover.pk, "application__opportunity__project", "application__shift"
    )
    if locked.status not in statuses:
        raise ValidationError(_("This offer is no longer open."))
    return locked


@transaction.atomic
def handover_cancel(*, volunteer: User, handover: Handover) -> Handover:
    if handover.application.volunteer_id != volunteer.pk:
        raise PermissionDenied
    handover = _lock_open(handover)
    save_fields(handover, status=HandoverStatus.CANCELLED, decided_at=timezone.now())
    _handover_audit(volunteer, "application.handover_cancelled", handover)
    return handover


@transaction.atomic
def handover_decline(*, volunteer: User, handover: Handover) -> Handover:
    _check_taker(volunteer, handover)
    handover = _lock_open(handover, (HandoverStatus.OFFERED,))
    save_fields(handover, status=HandoverStatus.DECLINED, decided_at=timezone.now())
    _handover_audit(volunteer, "application.handover_declined", handover)
    return handover


def _check_taker(volunteer: User, handover: Handover) -> None:
    if volunteer.email.lower() != handover.email.lower():
        raise ValidationError(
            _("This offer was sent to another address. Sign in with that account.")
        )


def _swap(actor: User, handover: Handover, taker: User) -> Application:
    """Close the giver's seat and confirm the taker's, under the locks, re-checked."""
    giver = _lock_application(handover.application)
    profile = profile_locked(taker)
    shift = giver.shift
    assert shift is not None
    _pool(giver.opportunity, shift)
    _check_giver_holds(giver)
    problems = eligibility_problems(
        volunteer=taker, profile=profile, opportunity=giver.opportunity, on=shift.start.date()
    )
    if problems:
        raise ValidationError(problems)
    already, clash, _taken = _pool_state(taker, giver.opportunity, shift)
    if already:
        raise ValidationError(_("You have already applied for this shift."))
    if clash is not None:
        raise ValidationError(_("You already have a confirmed shift at this time."))
    now = timezone.now()
    save_fields(
        giver,
        status=ApplicationStatus.WITHDRAWN,
        reason=_("Handed on to a colleague."),
        decided_at=now,
    )
    _audit(actor, "application.handed_on", giver, handover=handover.pk)
    taken = Application.objects.create(
        volunteer=taker,
        opportunity=giver.opportunity,
        shift=shift,
        status=ApplicationStatus.CONFIRMED,
        decided_at=now,
    )
    _audit(actor, "application.confirmed", taken, handover=handover.pk)
    save_fields(
        handover, status=HandoverStatus.DONE, taker=taker, taken_application=taken, decided_at=now
    )
    _mail_volunteer(taken, "projects/mail/application_confirmed")
    mail_send(
        to=giver.volunteer.email,
        template="projects/mail/handover_done",
        language=giver.volunteer.preferred_language,
        context={"handover": handover, "opportunity": giver.opportunity, "shift": shift},
    )
    return taken


@transaction.atomic
def handover_accept(*, volunteer: User, handover: Handover) -> Handover:
    """The colleague takes the seat: at once, or once an organiser approves when the
    opportunity asks for it (re-checked then)."""
    _check_taker(volunteer, handover)
    handover = _lock_open(handover, (HandoverStatus.OFFERED,))
    if handover.application.opportunity.handover_needs_approval:
        giver = _lock_application(handover.application)
        _check_giver_holds(giver)
        save_fields(handover, status=HandoverStatus.ACCEPTED, taker=volunteer)
        _handover_audit(volunteer, "application.handover_accepted", handover)
        return handover
    _swap(volunteer, handover, volunteer)
    return handover


@transaction.atomic
def handover_decide(*, actor: User, handover: Handover, decision: str) -> Handover:
    """The organiser approves ("approve") or declines ("decline") a swap awaiting them."""
    handover = _lock_open(handover, (HandoverStatus.ACCEPTED,))
    if decision == "approve":
        assert handover.taker is not None
        _swap(actor, handover, handover.taker)
        return handover
    save_fields(handover, status=HandoverStatus.DECLINED, decided_at=timezone.now())
    _handover_audit(actor, "application.handover_declined", handover)
    return handover
