"""The joint plan's pages: the plan of a council (what is late), a commitment with its
progress, meetings with their decisions."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from council.accounts.http import AuthenticatedRequest
from council.cooperation import access, selectors
from council.cooperation.forms import CommitmentForm, DecisionForm, MeetingForm, StatusForm
from council.cooperation.models import Commitment, Council, Meeting
from council.cooperation.selectors import plan_rows
from council.cooperation.services import plan as services
from council.lib.forms import valid_data
from council.lib.views import action_view, actions, form_data, object_page, page


@login_required
def plan(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    council = access.get_council(pk=pk)
    today = timezone.localdate()
    late_only = request.GET.get("late") == "1"
    visible = access.visible_commitments(user=request.user, council=council)
    keeper = access.keeps(user=request.user, row=council)
    context = {
        "council": council,
        "rows": plan_rows(commitments=visible, today=today, late_only=late_only),
        "late_only": late_only,
        "keeper": keeper,
        "meetings": (
            selectors.council_meetings(council=council)
            if access.reads_meetings(user=request.user, council=council)
            else None
        ),
    }
    if keeper:
        context["commitment_form"] = CommitmentForm(council=council)
        context["meeting_form"] = MeetingForm()
    return render(request, "cooperation/plan.html", context)


def _commitment_data(request: HttpRequest, council: Council) -> dict[str, Any]:
    """The commitment form's data, its choices as lists."""
    data = valid_data(CommitmentForm(request.POST, council=council))
    for name in ("owners", "projects", "forums", "assignments"):
        data[name] = list(data[name])
    return data


def _decision_data(request: HttpRequest, meeting: Meeting) -> dict[str, Any]:
    """The decision form's data as `decision_add` takes it: the texts by language, the action
    item's owners and due date."""
    data = valid_data(DecisionForm(request.POST, council=meeting.council))
    return {
        "texts": {code: data[f"text_{code}"] for code in settings.MODELTRANSLATION_LANGUAGES},
        "action_owners": list(data["owners"]),
        "action_due_on": data["due_on"],
    }


def _commitment(request: HttpRequest, commitment: Commitment) -> dict[str, Any]:
    """Whether the commitment is late, its progress, and the status form for its owners."""
    updates = access.updates_commitment(user=request.user, commitment=commitment)
    return {
        "late": commitment.is_late_on(timezone.localdate()),
        **selectors.commitment_page(commitment=commitment),
        "status_form": StatusForm(initial={"status": commitment.status}) if updates else None,
    }


commitment_detail = object_page(
    access.get_commitment_for_viewer, "commitment", "cooperation/commitment.html", _commitment
)


def _meeting(request: HttpRequest, meeting: Meeting) -> dict[str, Any]:
    """The meeting's decisions, and the form that adds one for the secretariat."""
    keeper = access.is_secretariat(user=request.user)
    return {
        "decisions": selectors.meeting_decisions(meeting=meeting),
        "decision_form": DecisionForm(council=meeting.council) if keeper else None,
    }


meeting_detail = object_page(
    access.get_meeting_for_reader, "meeting", "cooperation/meeting.html", _meeting
)


# A meeting's page, where the new meeting and each decision recorded in it lead.
_to_meeting = page("cooperation:meeting")

# The secretariat's steps on the plan of a council, back to the plan (or to the new meeting).
_on_plan = actions(access.get_council_for_keeper, "council", redirect_to=page("cooperation:plan"))
commitment_create = _on_plan(
    services.commitment_create, _("The commitment is on the joint plan."), data=_commitment_data
)
meeting_create = _on_plan(
    services.meeting_create,
    _("The meeting is recorded: add its decisions."),
    data=form_data(MeetingForm),
    result_to=_to_meeting,
)
commitment_status = action_view(
    access.get_commitment_for_owner,
    services.commitment_status_set,
    "commitment",
    success=_("The progress is recorded."),
    redirect_to=page("cooperation:commitment"),
    data=form_data(StatusForm),
)
decision_add = action_view(
    access.get_meeting_for_keeper,
    services.decision_add,
    "meeting",
    success=_("The decision is recorded."),
    redirect_to=_to_meeting,
    data=_decision_data,
)
