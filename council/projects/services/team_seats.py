"""A team's seats: how many it has been given and how a freed seat reaches it. Used by the
applications' waiting list and by the team services; the caller holds the seat pool's lock.

A team's seats are its members' confirmed applications plus `seats_held`, the confirmed
seats not yet given to a named member. Seats reach a waiting team in one step: all it still
needs, or — when the organiser allows teams to be split — what is free."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.utils import timezone

from council.accounts.mail import mail_send
from council.audit.services import record
from council.lib.updates import save_fields
from council.projects.models import ApplicationStatus, Team

WAITING_MEMBER = (ApplicationStatus.PENDING, ApplicationStatus.WAITLISTED)


def team_given(team: Team) -> int:
    """The seats the team has: confirmed members plus seats held for names to come."""
    confirmed = team.members.filter(status=ApplicationStatus.CONFIRMED).count()
    return confirmed + team.seats_held


def team_audit(actor: Any, action: str, team: Team, **data: Any) -> None:
    record(
        actor=actor,
        action=action,
        target=team,
        organisation_id=team.opportunity.project.owner_id,
        data={"status": team.status, "size": team.size, "shift": team.shift_id, **data},
    )


def team_mail(team: Team, template: str, **context: Any) -> None:
    leader = team.leader
    mail_send(
        to=leader.email,
        template=template,
        language=leader.preferred_language,
        context={
            "team": team,
            "opportunity": team.opportunity,
            "shift": team.shift,
            "person": leader,
            **context,
        },
    )


def team_give(team: Team, seats: int) -> int:
    """Give the team up to `seats` seats it still needs: its waiting members first, in the
    order they joined, then as seats held for names to come. Returns the seats given."""
    need = team.size - team_given(team)
    seats = min(seats, need)
    if seats <= 0:
        return 0
    left = seats
    waiting = team.members.filter(status__in=WAITING_MEMBER).order_by("created_at", "pk")
    for member in waiting[:left]:
        save_fields(member, status=ApplicationStatus.CONFIRMED, decided_at=timezone.now())
        record(
            actor=None,
            action="application.confirmed",
            target=member,
            organisation_id=team.opportunity.project.owner_id,
            data={"status": member.status, "shift": member.shift_id, "team": team.pk},
        )
        left -= 1
    status = ApplicationStatus.CONFIRMED if seats == need else ApplicationStatus.WAITLISTED
    save_fields(team, seats_held=team.seats_held + left, status=status, decided_at=timezone.now())
    return seats


def waiting_teams(opportunity_id: int, shift_id: int | None) -> list[Team]:
    """The pool's teams still waiting for seats, in the order they asked."""
    pool = (
        Q(shift_id=shift_id)
        if shift_id is not None
        else Q(opportunity_id=opportunity_id, shift__isnull=True)
    )
    return list(
        Team.objects.filter(pool, status=ApplicationStatus.WAITLISTED)
        .select_related("leader", "opportunity__project", "shift")
        .order_by("created_at", "pk")
    )


def team_promote(team: Team, free: int) -> int:
    """Seats for a waiting team from `free` freed ones: all it needs, or what is free when
    the organiser allows teams to be split. Returns the seats taken."""
    need = team.size - team_given(team)
    if need <= 0:
        return 0
    if need > free and not team.opportunity.team_split_allowed:
        return 0
    given = team_give(team, min(need, free))
    if given:
        team_audit(None, "team.promoted", team, seats=given)
        team_mail(team, "projects/mail/team_promoted", seats=given)
    return given
