"""Teams: the leader's sign-up, team page and invitations, the member's join page and the
organiser's decision (council/projects/services/teams.py)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from council.accounts.http import AuthenticatedRequest
from council.lib.forms import add_service_errors
from council.lib.views import action_view
from council.projects.access import (
    get_opportunity_for_applicant,
    get_team_for_leader,
    get_team_for_organiser,
    get_team_invite,
    get_team_invite_for_leader,
    get_team_member_for_leader,
)
from council.projects.forms.applications import DecisionForm
from council.projects.forms.teams import TeamForm, TeamInviteForm
from council.projects.selectors.applications import shifts_with_seats
from council.projects.selectors.teams import team_members, team_open_invites, teams_for_leader
from council.projects.services import teams as services
from council.projects.services.team_seats import team_given


@login_required
def team_new(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    opportunity = get_opportunity_for_applicant(user=request.user, pk=pk)
    if opportunity.team_max_size < 2 or opportunity.is_mirrored:
        raise Http404  # no team sign-up here
    form = TeamForm(request.POST or None, opportunity=opportunity)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                team = services.team_submit(
                    leader=request.user, opportunity=opportunity, **form.cleaned_data
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request, _("The team's seats are asked for. Now name its members.")
                )
                return redirect("projects:team", team.pk)
        status = 400
    context = {
        "opportunity": opportunity,
        "form": form,
        "shifts": list(shifts_with_seats(opportunity=opportunity)),
    }
    return render(request, "projects/team_new.html", context, status=status)


@login_required
def my_teams(request: AuthenticatedRequest) -> HttpResponse:
    return render(
        request, "projects/my_teams.html", {"teams": teams_for_leader(user=request.user)[:100]}
    )


@login_required
def team_page(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    team = get_team_for_leader(user=request.user, pk=pk)
    context = {
        "team": team,
        "members": team_members(team=team),
        "invites": team_open_invites(team=team),
        "due": services.names_due(team),
        "names_open": services.names_open(team),
        "given": team_given(team),
        "form": TeamInviteForm(),
    }
    return render(request, "projects/team.html", context)


def _to_team(team_pk: int) -> str:
    return reverse("projects:team", args=[team_pk])


team_invite = action_view(
    get_team_for_leader,
    services.team_invite,
    "team",
    actor="leader",
    form=TeamInviteForm,
    success=gettext_lazy("The invitation has been sent."),
    redirect_to=lambda team: _to_team(team.pk),
)
team_invite_cancel = action_view(
    get_team_invite_for_leader,
    services.team_invite_cancel,
    "invite",
    actor="leader",
    success=gettext_lazy("The invitation has been cancelled."),
    redirect_to=lambda invite: _to_team(invite.team_id),
)
team_member_remove = action_view(
    get_team_member_for_leader,
    services.team_member_remove,
    "application",
    actor="leader",
    success=gettext_lazy("The member has left the team; their seat waits for a new name."),
    redirect_to=lambda application: _to_team(application.team_id or 0),
)
team_withdraw = action_view(
    get_team_for_leader,
    services.team_withdraw,
    "team",
    actor="leader",
    success=gettext_lazy("The team has been withdrawn."),
    redirect_to=lambda _team: reverse("projects:my_teams"),
)
team_decide = action_view(
    get_team_for_organiser,
    services.team_decide,
    "team",
    form=DecisionForm,
    success=gettext_lazy("The decision has been saved and the leader notified."),
    redirect_to=lambda team: reverse("projects:applicants", args=[team.opportunity_id]),
)


def team_join(request: HttpRequest, token: str) -> HttpResponse:
    """The member's page behind the invitation link: see the team, sign in, take the seat."""
    invite = get_team_invite(token=token)
    if request.method == "POST" and request.user.is_authenticated:
        try:
            application = services.team_join(volunteer=request.user, invite=invite)  # type: ignore[arg-type]
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(
                request,
                _("You are in the team: %(status)s.")
                % {"status": application.get_status_display()},
            )
            return redirect("projects:my_applications")
        return redirect("projects:team_join", token)
    team = invite.team
    context = {"invite": invite, "team": team, "opportunity": team.opportunity}
    return render(request, "projects/team_join.html", context)


urlpatterns = [
    path("opportunities/<int:pk>/team/", team_new, name="team_new"),
    path("me/teams/", my_teams, name="my_teams"),
    path("me/teams/<int:pk>/", team_page, name="team"),
    path("me/teams/<int:pk>/invite/", team_invite, name="team_invite"),
    path("me/teams/<int:pk>/withdraw/", team_withdraw, name="team_withdraw"),
    path("me/teams/invites/<int:pk>/cancel/", team_invite_cancel, name="team_invite_cancel"),
    path("me/teams/members/<int:pk>/remove/", team_member_remove, name="team_member_remove"),
    path("teams/<int:pk>/decide/", team_decide, name="team_decide"),
    path("teams/join/<str:token>/", team_join, name="team_join"),
]
