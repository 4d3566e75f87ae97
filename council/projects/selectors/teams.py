"""Reads of teams for the leader's and the organiser's pages, each in a fixed number of
queries."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from council.accounts.http import Viewer
from council.projects.models import (
    LIVE_STATUSES,
    Application,
    ApplicationStatus,
    Opportunity,
    Team,
    TeamInvite,
)


def _with_counts(teams: QuerySet[Team]) -> QuerySet[Team]:
    return teams.annotate(
        named=Count("members", filter=Q(members__status__in=LIVE_STATUSES), distinct=True),
        confirmed=Count(
            "members", filter=Q(members__status=ApplicationStatus.CONFIRMED), distinct=True
        ),
    )


def teams_for_leader(*, user: Viewer) -> QuerySet[Team]:
    """The teams the person leads, newest first, with their named and confirmed counts."""
    teams = Team.objects.filter(leader_id=user.pk).select_related("opportunity__project", "shift")
    return _with_counts(teams).order_by("-created_at", "-pk")


def teams_for_opportunity(*, opportunity: Opportunity) -> QuerySet[Team]:
    """The opportunity's live teams for its organisers, in the order they asked."""
    teams = Team.objects.filter(opportunity=opportunity, status__in=LIVE_STATUSES)
    return _with_counts(teams.select_related("leader", "shift")).order_by("created_at", "pk")


def team_members(*, team: Team) -> QuerySet[Application]:
    return (
        team.members.filter(status__in=LIVE_STATUSES)
        .select_related("volunteer")
        .order_by("created_at", "pk")
    )


def team_open_invites(*, team: Team) -> QuerySet[TeamInvite]:
    return team.invites.filter(accepted_at__isnull=True, cancelled_at__isnull=True)


def team_counts(*, team: Team) -> tuple[int, int]:
    """(named, confirmed) members of a team, from its annotations when it has them."""
    named, confirmed = getattr(team, "named", None), getattr(team, "confirmed", None)
    if named is not None and confirmed is not None:
        return int(named), int(confirmed)
    counted = _with_counts(Team.objects.filter(pk=team.pk)).first()
    return (counted.named, counted.confirmed) if counted is not None else (0, 0)  # type: ignore[attr-defined]
