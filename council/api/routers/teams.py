"""Teams and shifts handed on: a leader asks for a team's seats, invites and takes off
members, withdraws the team; organisers decide on teams and approve swaps; a volunteer
offers their confirmed shift to a colleague, who takes it. The rules (seats all or none,
the names deadline, the swap in one transaction) live in council/projects/services/teams.py
and handovers.py."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from ninja import Field, Query, Router, Schema
from pydantic import ConfigDict

from council.accounts.http import AuthenticatedRequest
from council.api.actions import Arguments, acts_on
from council.api.pagination import CursorParams, page_of, paginate
from council.api.routers.applications import ApplicationOut, OpportunityRef
from council.api.schemas import Id, StrictId
from council.lib.forms import valid_data
from council.projects.access import (
    get_application_for_volunteer,
    get_handover_by_token,
    get_handover_for_giver,
    get_handover_for_organiser,
    get_opportunity_for_applicant,
    get_opportunity_for_editor,
    get_team_for_leader,
    get_team_for_organiser,
    get_team_invite,
    get_team_member_for_leader,
)
from council.projects.forms.applications import DecisionForm
from council.projects.forms.handovers import HandoverForm
from council.projects.forms.teams import TeamForm, TeamInviteForm
from council.projects.models import (
    ApplicationStatus,
    Handover,
    HandoverStatus,
    Opportunity,
    Team,
    TeamKind,
)
from council.projects.selectors.teams import (
    team_counts,
    teams_for_leader,
    teams_for_opportunity,
)
from council.projects.services import handovers as handover_services
from council.projects.services import teams as services

router = Router(tags=["teams and handovers"])


class TeamOut(Schema):
    id: int
    name: str
    kind: TeamKind
    status: ApplicationStatus
    opportunity: OpportunityRef
    shift: int | None = Field(description="Shift id")
    size: int = Field(description="Seats asked for, the leader's own included")
    seats_held: int = Field(description="Confirmed seats not yet given to a named member")
    named: int = Field(description="Members named (live applications), the leader included")
    confirmed: int = Field(description="Named members with a confirmed seat")
    reason: str = Field(description="Given with a rejection")
    created_at: datetime

    @staticmethod
    def resolve_shift(obj: Team) -> int | None:
        return obj.shift_id

    @staticmethod
    def resolve_named(obj: Team) -> int:
        return team_counts(team=obj)[0]

    @staticmethod
    def resolve_confirmed(obj: Team) -> int:
        return team_counts(team=obj)[1]


class TeamIn(Schema):
    model_config = ConfigDict(extra="forbid")

    shift: StrictId | None = Field(None, description="Required when the opportunity has shifts")
    name: str = Field(max_length=120)
    kind: TeamKind
    size: int = Field(description="Seats, the leader's own included (2 to team_max_size)")


class InviteIn(Schema):
    model_config = ConfigDict(extra="forbid")

    email: str = Field(max_length=254)


class InviteOut(Schema):
    id: int
    email: str
    created_at: datetime


class TeamDecisionIn(Schema):
    model_config = ConfigDict(extra="forbid")

    decision: Literal["accept", "waitlist", "reject"]
    reason: str = Field("", max_length=2000, description="Required to reject")


class HandoverOut(Schema):
    id: int
    application: int
    email: str
    status: HandoverStatus
    created_at: datetime
    decided_at: datetime | None

    @staticmethod
    def resolve_application(obj: Handover) -> int:
        return obj.application_id


class HandoverDecisionIn(Schema):
    model_config = ConfigDict(extra="forbid")

    decision: Literal["approve", "decline"]


@router.get("/teams/mine", response=page_of(TeamOut))
def team_mine(request: AuthenticatedRequest, page: Query[CursorParams]) -> dict[str, Any]:
    """The teams the caller leads, newest first."""
    return paginate(teams_for_leader(user=request.user), key="-created_at", params=page)


@router.post("/opportunities/{opportunity_id}/teams", response={201: TeamOut})
@acts_on(
    get_opportunity_for_applicant, services.team_submit, "opportunity", actor="leader", created=True
)
def team_submit(payload: TeamIn, opportunity: Opportunity) -> Arguments:
    """Ask for a team's seats: all of them or none (the team waits together), unless the
    organiser allows teams to be split; the caller holds the first seat."""
    data = payload.model_dump()
    data["shift"] = data["shift"] or ""
    return valid_data(TeamForm(data=data, opportunity=opportunity))


@router.get("/opportunities/{opportunity_id}/teams", response=page_of(TeamOut))
def team_list(
    request: AuthenticatedRequest, opportunity_id: Id, page: Query[CursorParams]
) -> dict[str, Any]:
    """The opportunity's live teams, in the order they asked (organisers)."""
    opportunity = get_opportunity_for_editor(user=request.user, pk=opportunity_id)
    return paginate(teams_for_opportunity(opportunity=opportunity), key="created_at", params=page)


@router.post("/teams/{team_id}/invitations", response={201: InviteOut})
@acts_on(get_team_for_leader, services.team_invite, "team", actor="leader", created=True)
def team_invite(payload: InviteIn) -> Arguments:
    """Name a member: the address gets a link to take a seat of the team."""
    return valid_data(TeamInviteForm(data=payload.model_dump()))


@router.post("/team-members/{application_id}/remove", response=ApplicationOut)
@acts_on(get_team_member_for_leader, services.team_member_remove, "application", actor="leader")
def team_member_remove() -> Arguments:
    """Take a member off the caller's team; their seat stays with the team."""
    return {}


@router.post("/teams/{team_id}/withdraw", response=TeamOut)
@acts_on(get_team_for_leader, services.team_withdraw, "team", actor="leader")
def team_withdraw() -> Arguments:
    """Withdraw the whole team; its seats go to the waiting list."""
    return {}


@router.post("/teams/{team_id}/decision", response=TeamOut)
@acts_on(get_team_for_organiser, services.team_decide, "team")
def team_decide(payload: TeamDecisionIn) -> Arguments:
    """Accept, put on the waiting list, or reject a team with a reason (organisers)."""
    return valid_data(DecisionForm(data=payload.model_dump()))


@router.post("/applications/{application_id}/handovers", response={201: HandoverOut})
@acts_on(
    get_application_for_volunteer,
    handover_services.handover_offer,
    "application",
    actor="volunteer",
    created=True,
)
def handover_offer(payload: InviteIn) -> Arguments:
    """Offer the caller's confirmed shift to a colleague by their address."""
    return valid_data(HandoverForm(data=payload.model_dump()))


@router.post("/handovers/{handover_id}/cancel", response=HandoverOut)
@acts_on(get_handover_for_giver, handover_services.handover_cancel, "handover", actor="volunteer")
def handover_cancel() -> Arguments:
    """Cancel the caller's open offer."""
    return {}


@router.post("/handovers/{handover_id}/decision", response=HandoverOut)
@acts_on(get_handover_for_organiser, handover_services.handover_decide, "handover")
def handover_decide(payload: HandoverDecisionIn) -> Arguments:
    """Approve or decline a swap the colleague accepted (organisers, when the opportunity
    asks for approval); approving swaps the seats in one transaction."""
    return {"decision": payload.decision}


@router.post("/teams/join/{invite_token}", response=ApplicationOut)
def team_join(request: AuthenticatedRequest, invite_token: str) -> Any:
    """Take a seat of a team by the invitation's token (sent to the caller's address)."""
    invite = get_team_invite(token=invite_token)
    return services.team_join(volunteer=request.user, invite=invite)


@router.post("/handovers/take/{handover_token}", response=HandoverOut)
def handover_take(request: AuthenticatedRequest, handover_token: str) -> Any:
    """Take a shift a colleague offered to the caller's address, by the offer's token: at
    once, or once an organiser approves when the opportunity asks for it."""
    handover = get_handover_by_token(token=handover_token)
    return handover_services.handover_accept(volunteer=request.user, handover=handover)
