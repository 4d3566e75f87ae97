"""Teams: a leader takes several seats at once, names the members by invitation up to the
names deadline, replaces them, and the organiser decides on the team as on one application.

Seats are taken as single applications are (council/projects/services/applications.py):
the leader's profile, then the seat pool, locked in one transaction; all the team's seats
or none (waitlisted together), unless the organiser allows teams to be split. The team row
is locked after the pool. See docs/locking.md.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from council.accounts.mail import mail_send
from council.accounts.models import User
from council.lib.locks import lock_with
from council.lib.required import require_text
from council.lib.updates import save_fields
from council.projects.models import (
    LIVE_STATUSES,
    Application,
    ApplicationMode,
    ApplicationStatus,
    Opportunity,
    Shift,
    Team,
    TeamInvite,
    TeamKind,
)
from council.projects.selectors.seats import free_seats
from council.projects.services.applications import (
    _audit,
    _mail_volunteer,
    _pool,
    _promote,
    _seat_freed,
    seat_pool_open,
)
from council.projects.services.team_seats import (
    team_audit,
    team_give,
    team_given,
    team_mail,
)


def names_due(team: Team) -> datetime | None:
    """When the team's members must be named: the organiser's days before the shift (or the
    opportunity's first shift); None for an opportunity without a start."""
    start = team.shift.start if team.shift is not None else team.opportunity.first_start
    if start is None:
        return None
    return start - timedelta(days=team.opportunity.team_names_days)


def names_open(team: Team) -> bool:
    due = names_due(team)
    return due is None or timezone.now() < due


def _check_size(opportunity: Opportunity, size: int) -> None:
    if opportunity.team_max_size < 2:
        raise ValidationError(_("This opportunity does not take teams."))
    if size < 2 or size > opportunity.team_max_size:
        raise ValidationError(
            {
                "size": _("A team here has from 2 to %(most)d people.")
                % {"most": opportunity.team_max_size}
            }
        )


@transaction.atomic
def team_submit(
    *,
    leader: User,
    opportunity: Opportunity,
    shift: Shift | int | None = None,
    name: str,
    kind: str,
    size: int,
) -> Team:
    """The leader asks for `size` seats (their own included). Instant mode gives them all or
    none (the team waits together), or what is free when teams may be split; review mode
    waits for the organiser. The leader holds the team's first seat."""
    name = require_text(name, "name", _("Give the team a name."))
    if kind not in TeamKind.values:
        raise ValidationError({"kind": _("Choose what kind of team this is.")})
    _check_size(opportunity, size)
    opportunity, locked, taken = seat_pool_open(
        volunteer=leader, opportunity=opportunity, shift=shift
    )
    team = Team(
        leader=leader,
        opportunity=opportunity,
        shift=locked,
        name=name,
        kind=kind,
        size=size,
        status=ApplicationStatus.PENDING,
    )
    team.full_clean(exclude=["leader", "opportunity", "shift"])
    if not names_open(team):
        raise ValidationError(_("The names of this shift's teams are already due."))
    team.save()
    status = (
        ApplicationStatus.PENDING
        if opportunity.application_mode == ApplicationMode.REVIEW
        else ApplicationStatus.WAITLISTED
    )
    Application.objects.create(
        volunteer=leader, opportunity=opportunity, shift=locked, status=status, team=team
    )
    if opportunity.application_mode == ApplicationMode.INSTANT:
        capacity = locked.capacity if locked is not None else opportunity.capacity
        free = max(capacity - taken, 0)
        if free >= size or (opportunity.team_split_allowed and free > 0):
            team_give(team, min(free, size))
        else:
            save_fields(team, status=ApplicationStatus.WAITLISTED, decided_at=timezone.now())
    team_audit(leader, f"team.{team.status}", team, seats=team_given(team))
    team_mail(team, f"projects/mail/team_{team.status}", seats=team_given(team))
    return team


def _lock_team(team: Team) -> Team:
    """The team's seat pool, then the team, locked (the order every team service keeps)."""
    _pool(team.opportunity, team.shift)
    return lock_with(Team, team.pk, "opportunity__project__owner", "shift", "leader")


def _lead(leader: User, team: Team) -> Team:
    if team.leader_id != leader.pk:
        raise PermissionDenied
    team = _lock_team(team)
    if team.status not in LIVE_STATUSES:
        raise ValidationError(_("This team's seats have been closed."))
    return team


@transaction.atomic
def team_invite(*, leader: User, team: Team, email: str) -> TeamInvite:
    """Name a member: the address is sent a link to take a seat of the team."""
    team = _lead(leader, team)
    email = require_text(email, "email", _("Give the member's email address.")).lower()
    if not names_open(team):
        raise ValidationError(_("The names of this team were due; ask the organiser."))
    members = team.members.filter(status__in=LIVE_STATUSES)
    if members.filter(volunteer__email__iexact=email).exists():
        raise ValidationError({"email": _("This person is already in the team.")})
    open_invites = team.invites.filter(accepted_at__isnull=True, cancelled_at__isnull=True)
    if open_invites.filter(email__iexact=email).exists():
        raise ValidationError({"email": _("This person has already been invited.")})
    if members.count() + open_invites.count() >= team.size:
        raise ValidationError(
            _("Every seat of the team has a member or an invitation; cancel one first.")
        )
    invite = TeamInvite(team=team, email=email)
    invite.full_clean(exclude=["team"])
    invite.save()
    team_audit(leader, "team.invited", team, email=email)
    mail_send(
        to=email,
        template="projects/mail/team_invite",
        context={
            "team": team,
            "opportunity": team.opportunity,
            "shift": team.shift,
            "invite": invite,
        },
    )
    return invite


@transaction.atomic
def team_invite_cancel(*, leader: User, invite: TeamInvite) -> None:
    team = _lead(leader, invite.team)
    invite = lock_with(TeamInvite, invite.pk)
    if not invite.is_open:
        raise ValidationError(_("This invitation is no longer open."))
    save_fields(invite, cancelled_at=timezone.now())
    team_audit(leader, "team.invite_cancelled", team, email=invite.email)


@transaction.atomic
def team_join(*, volunteer: User, invite: TeamInvite) -> Application:
    """The invited person takes a seat of the team: confirmed while the team holds one,
    else waiting with the team. They must be eligible (a minor with the guardian's consent)
    and free at that time, as for a single application."""
    team = invite.team
    if volunteer.email.lower() != invite.email.lower():
        raise ValidationError(
            _("This invitation was sent to another address. Sign in with that account.")
        )
    opportunity, locked, _taken = seat_pool_open(
        volunteer=volunteer, opportunity=team.opportunity, shift=team.shift_id
    )
    team = lock_with(Team, team.pk, "opportunity__project__owner", "shift", "leader")
    invite = lock_with(TeamInvite, invite.pk)
    if not invite.is_open:
        raise ValidationError(_("This invitation is no longer open."))
    if team.status not in LIVE_STATUSES:
        raise ValidationError(_("This team's seats have been closed."))
    if not names_open(team):
        raise ValidationError(_("The names of this team were due; ask the leader."))
    if team.members.filter(status__in=LIVE_STATUSES).count() >= team.size:
        raise ValidationError(_("Every seat of this team is taken."))
    if team.seats_held > 0:
        status = ApplicationStatus.CONFIRMED
        save_fields(team, seats_held=team.seats_held - 1)
    elif team.status == ApplicationStatus.PENDING:
        status = ApplicationStatus.PENDING
    else:
        status = ApplicationStatus.WAITLISTED
    application = Application.objects.create(
        volunteer=volunteer,
        opportunity=opportunity,
        shift=locked,
        status=status,
        team=team,
        decided_at=timezone.now() if status != ApplicationStatus.PENDING else None,
    )
    save_fields(invite, accepted_at=timezone.now())
    _audit(volunteer, f"application.{status}", application, team=team.pk)
    _mail_volunteer(application, f"projects/mail/application_{status}")
    return application


@transaction.atomic
def team_member_remove(*, leader: User, application: Application) -> Application:
    """The leader takes a member off the team; a confirmed seat stays with the team for the
    one who replaces them. The leader leaves by withdrawing the team."""
    if application.team_id is None:
        raise PermissionDenied
    team = _lead(leader, application.team)  # type: ignore[arg-type]
    application = lock_with(Application, application.pk, "volunteer", "opportunity", "shift")
    if application.volunteer_id == leader.pk:
        raise ValidationError(_("To leave, withdraw the whole team."))
    if application.status not in LIVE_STATUSES:
        raise ValidationError(_("This application has already been closed."))
    was_confirmed = application.status == ApplicationStatus.CONFIRMED
    save_fields(application, status=ApplicationStatus.WITHDRAWN, decided_at=timezone.now())
    if was_confirmed:
        save_fields(team, seats_held=team.seats_held + 1)
    _audit(leader, "application.removed_from_team", application, team=team.pk)
    _mail_volunteer(application, "projects/mail/team_member_removed")
    return application


def _close(actor: User | None, team: Team, status: str, reason: str = "") -> None:
    """Close the team and its members' applications; freed seats go to the waiting list.
    The caller holds the pool's and the team's locks."""
    had_seats = team_given(team) > 0
    members = team.members.filter(status__in=LIVE_STATUSES).select_related(
        "volunteer", "opportunity", "shift"
    )
    for member in members:
        save_fields(member, status=status, reason=reason, decided_at=timezone.now())
        _audit(actor, f"application.{status}", member, team=team.pk)
        if member.volunteer_id != team.leader_id:
            _mail_volunteer(member, f"projects/mail/application_{status}")
    save_fields(team, status=status, seats_held=0, reason=reason, decided_at=timezone.now())
    team.invites.filter(accepted_at__isnull=True, cancelled_at__isnull=True).update(
        cancelled_at=timezone.now()
    )
    team_audit(actor, f"team.{status}", team, reason=reason)
    if had_seats:
        _promote(team.opportunity, team.shift)
        _seat_freed(team.opportunity, team.shift)


@transaction.atomic
def team_withdraw(*, leader: User, team: Team) -> Team:
    team = _lead(leader, team)
    _close(leader, team, ApplicationStatus.WITHDRAWN)
    return team


@transaction.atomic
def team_decide(*, actor: User, team: Team, decision: str, reason: str = "") -> Team:
    """The organiser's decision on a team, as on one application: "accept" gives every seat
    it still needs (or the free ones when teams may be split), "waitlist" keeps it waiting
    together, "reject" (with a reason) closes it."""
    if decision == "reject":
        reason = require_text(reason, "reason", _("Give a reason for the rejection."))
    team = _lock_team(team)
    if team.status not in LIVE_STATUSES:
        raise ValidationError(_("This team's seats have been closed."))
    if decision == "reject":
        _close(actor, team, ApplicationStatus.REJECTED, reason)
        team_mail(team, "projects/mail/team_rejected")
        return team
    if decision == "waitlist":
        if team.status != ApplicationStatus.PENDING:
            raise ValidationError(_("Only pending teams can be put on the waiting list."))
        save_fields(team, status=ApplicationStatus.WAITLISTED, decided_at=timezone.now())
        team.members.filter(status=ApplicationStatus.PENDING).update(
            status=ApplicationStatus.WAITLISTED, decided_at=timezone.now()
        )
        team_audit(actor, "team.waitlisted", team)
        team_mail(team, "projects/mail/team_waitlisted", seats=team_given(team))
        return team
    need = team.size - team_given(team)
    free = free_seats(opportunity=team.opportunity, shift=team.shift)
    if need <= 0:
        raise ValidationError(_("This team already has all its seats."))
    if free < need and not (team.opportunity.team_split_allowed and free > 0):
        raise ValidationError(
            _("There are not enough free seats for this team. Put it on the waiting list.")
        )
    team_give(team, min(need, free))
    team_audit(actor, f"team.{team.status}", team, seats=team_given(team))
    team_mail(team, f"projects/mail/team_{team.status}", seats=team_given(team))
    return team


def teams_release_unnamed(*, at: datetime | None = None) -> int:
    """Seats teams still hold for unnamed members once the names are due go to the waiting
    list; each team in its own transaction, re-checked under the locks, so running twice
    releases once. Returns the teams released."""
    at = at or timezone.now()
    candidates = Team.objects.filter(status__in=LIVE_STATUSES).filter(
        Q(seats_held__gt=0) | Q(status=ApplicationStatus.WAITLISTED)
    )
    released = 0
    for team in candidates.select_related("opportunity", "shift").iterator():
        due = names_due(team)
        if due is None or due > at:
            continue
        with transaction.atomic():
            team = _lock_team(team)
            if team.status not in LIVE_STATUSES:
                continue
            named = team.members.filter(status__in=LIVE_STATUSES).count()
            freed = team.seats_held
            if not freed and named >= team.size:
                continue
            save_fields(team, size=max(named, 1), seats_held=0)
            if team.status == ApplicationStatus.WAITLISTED and team_given(team) >= team.size:
                save_fields(team, status=ApplicationStatus.CONFIRMED)
            team_audit(None, "team.unnamed_released", team, seats=freed)
            team_mail(team, "projects/mail/team_unnamed_released", seats=freed)
            if freed:
                _promote(team.opportunity, team.shift)
                _seat_freed(team.opportunity, team.shift)
            released += 1
    return released
