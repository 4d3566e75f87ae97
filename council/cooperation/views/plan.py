"""The joint plan's pages: the plan of a council (what is late), a commitment with its
progress, meetings with their decisions."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from council.accounts.http import AuthenticatedRequest
from council.cooperation import access, selectors
from council.cooperation.forms import CommitmentForm, DecisionForm, MeetingForm, StatusForm
from council.cooperation.selectors import plan_rows
from council.cooperation.services import plan as services
from council.lib.forms import flash_errors, valid_data
from council.lib.views import post_action


@login_required
def plan(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    council = access.get_council(pk=pk)
    today = timezone.localdate()
    late_only = request.GET.get("late") == "1"
    visible = access.visible_commitments(user=request.user, council=council)
    keeper = access.is_secretariat(user=request.user)
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


def _commitment_data(form: CommitmentForm) -> dict[str, Any]:
    """The commitment form's data, its choices as lists."""
    data = valid_data(form)
    for name in ("owners", "projects", "forums", "assignments"):
        data[name] = list(data[name])
    return data


def _decision_data(form: DecisionForm) -> dict[str, Any]:
    """The decision form's data as `decision_add` takes it: the texts by language, the action
    item's owners and due date."""
    data = valid_data(form)
    return {
        "texts": {code: data[f"text_{code}"] for code in settings.MODELTRANSLATION_LANGUAGES},
        "action_owners": list(data["owners"]),
        "action_due_on": data["due_on"],
    }


@login_required
@require_POST
def commitment_create(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    council = access.get_council_for_keeper(user=request.user, pk=pk)
    form = CommitmentForm(request.POST, council=council)
    return post_action(
        request,
        lambda: services.commitment_create(
            actor=request.user, council=council, **_commitment_data(form)
        ),
        success=_("The commitment is on the joint plan."),
        redirect_to=reverse("cooperation:plan", args=[council.pk]),
    )


@login_required
def commitment_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    commitment = access.get_commitment_for_viewer(user=request.user, pk=pk)
    updates = access.updates_commitment(user=request.user, commitment=commitment)
    context = {
        "commitment": commitment,
        "late": commitment.is_late_on(timezone.localdate()),
        **selectors.commitment_page(commitment=commitment),
        "status_form": StatusForm(initial={"status": commitment.status}) if updates else None,
    }
    return render(request, "cooperation/commitment.html", context)


@login_required
@require_POST
def commitment_status(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    commitment = access.get_commitment_for_owner(user=request.user, pk=pk)
    return post_action(
        request,
        lambda: services.commitment_status_set(
            actor=request.user, commitment=commitment, **valid_data(StatusForm(request.POST))
        ),
        success=_("The progress is recorded."),
        redirect_to=reverse("cooperation:commitment", args=[commitment.pk]),
    )


@login_required
@require_POST
def meeting_create(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    council = access.get_council_for_keeper(user=request.user, pk=pk)
    try:
        meeting = services.meeting_create(
            actor=request.user, council=council, **valid_data(MeetingForm(request.POST))
        )
    except ValidationError as error:
        flash_errors(request, error)
        return redirect("cooperation:plan", pk=council.pk)
    messages.success(request, _("The meeting is recorded: add its decisions."))
    return redirect("cooperation:meeting", pk=meeting.pk)


@login_required
def meeting_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    meeting = access.get_meeting_for_reader(user=request.user, pk=pk)
    keeper = access.is_secretariat(user=request.user)
    context = {
        "meeting": meeting,
        "decisions": selectors.meeting_decisions(meeting=meeting),
        "decision_form": DecisionForm(council=meeting.council) if keeper else None,
    }
    return render(request, "cooperation/meeting.html", context)


@login_required
@require_POST
def decision_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    meeting = access.get_meeting_for_keeper(user=request.user, pk=pk)
    form = DecisionForm(request.POST, council=meeting.council)
    return post_action(
        request,
        lambda: services.decision_add(actor=request.user, meeting=meeting, **_decision_data(form)),
        success=_("The decision is recorded."),
        redirect_to=reverse("cooperation:meeting", args=[meeting.pk]),
    )
