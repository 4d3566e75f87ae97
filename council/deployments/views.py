"""International deployments: the talent pool, assignments with their longlist (ranked, with
reasons), the host's steps, nominations by national networks, and the end-of-assignment
report."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from council.accounts.http import AuthenticatedRequest
from council.accounts.models import User
from council.accounts.selectors import person_by_email
from council.cooperation.access import get_council_for_keeper
from council.deployments import access, selectors, services
from council.deployments.forms import (
    AssignmentForm,
    CandidacyApplyForm,
    NominateForm,
    PoolForm,
    ReportForm,
)
from council.deployments.models import Assignment, AssignmentStatus, Candidacy, TalentPoolEntry
from council.lib.mirrors import remote_action_url, remote_request_state
from council.lib.views import (
    action_view,
    actions,
    create_page,
    form_page,
    list_page,
    object_page,
    page,
    post_action,
    posted,
    saved,
)
from council.orgs.models import Organisation

assignment_list = list_page(
    "deployments/assignment_list.html", "assignments", selectors.open_assignments_with_host
)


def _pool_initial(entry: TalentPoolEntry | None) -> dict[str, Any] | None:
    if entry is None:
        return None
    return {
        "available_from": entry.available_from,
        "available_until": entry.available_until,
        "note": entry.note,
    }


def _pool_join(person: User, form: PoolForm) -> TalentPoolEntry:
    return services.pool_join(person=person, **form.cleaned_data)


@login_required
def pool(request: AuthenticatedRequest) -> HttpResponse:
    if request.method == "POST" and request.POST.get("leave"):
        return post_action(
            request,
            lambda: services.pool_leave(person=request.user),
            success=_("You have left the talent pool."),
            redirect_to=reverse("deployments:pool"),
        )
    entry = selectors.pool_entry(user=request.user)
    form = PoolForm(request.POST or None, initial=_pool_initial(entry))
    posted = request.method == "POST"
    if posted and saved(form, lambda: _pool_join(request.user, form)) is not None:
        messages.success(request, str(_("You are in the talent pool.")))
        return redirect("deployments:pool")
    context = {
        "form": form,
        "entry": entry,
        "candidacies": selectors.own_candidacies(user=request.user),
    }
    return form_page(request, "deployments/pool.html", context, failed=posted)


def assignment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = access.get_assignment_for_viewer(user=request.user, pk=pk)
    mine = selectors.own_candidacy(assignment=assignment, user=request.user)
    networks = access.nominating_networks(user=request.user)
    is_open = assignment.status == AssignmentStatus.OPEN
    local_open = is_open and not assignment.is_mirrored  # another node's takes no forms here
    context = {
        "assignment": assignment,
        "skills": assignment.skills.all(),
        "languages": selectors.assignment_languages(assignment=assignment),
        "mine": mine,
        "in_pool": selectors.in_pool(user=request.user),
        "apply_form": CandidacyApplyForm() if local_open and not mine else None,
        # Another node's assignment: the candidacy goes through the federation's page.
        "remote_apply_url": remote_action_url("federation:remote_candidacy", assignment.pk)
        if is_open and assignment.is_mirrored and not mine
        else None,
        # What the person already sent from here to the node that runs it.
        "sent_abroad": remote_request_state(request.user, assignment),
        "report_form": ReportForm() if mine and mine.status == "deployed" else None,
        "manages": access.manages_assignment(user=request.user, assignment=assignment),
        "networks": networks if local_open else [],
        "nominate_form": NominateForm() if local_open and networks else None,
    }
    return render(request, "deployments/assignment.html", context)


@login_required
def assignment_create(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    council = get_council_for_keeper(user=request.user, pk=pk)
    form = AssignmentForm(request.POST or None, council=council)
    return create_page(
        request,
        form,
        save=lambda _data: services.assignment_create(
            actor=request.user, council=council, **form.service_data()
        ),
        success=_("The assignment is saved as a draft."),
        redirect_to=_to_assignment_of,
        heading=_("New international assignment"),
        context={"council": council, "draft": True},
    )


_to_assignment_of = page("deployments:assignment")


def _longlist(_request: HttpRequest, assignment: Assignment) -> dict[str, Any]:
    """The candidates ranked, and those already decided."""
    return {
        "rows": selectors.longlist(assignment=assignment),
        "decided": selectors.decided_candidacies(assignment=assignment),
    }


longlist = object_page(
    access.get_assignment_for_manager, "assignment", "deployments/longlist.html", _longlist
)


def _nominate(
    *, actor: User, nominated: tuple[Assignment, list[Organisation]], email: str
) -> Candidacy:
    """The volunteer named by email, nominated by the network of their own country (among the
    networks through which the user nominates for the assignment)."""
    assignment, networks = nominated
    person = person_by_email(email)
    network = next((n for n in networks if n.country_id == person.home_country_id), None)
    if network is None:
        raise ValidationError({"email": _("The network nominates volunteers of its own country.")})
    return services.candidacy_nominate(
        actor=actor, assignment=assignment, person=person, network=network
    )


# The steps on an assignment and its candidacies, back to its page (or its longlist).
_on_assignment = actions(
    access.get_assignment_for_manager, "assignment", redirect_to=_to_assignment_of
)
assignment_open = _on_assignment(
    services.assignment_open, _("The assignment is open for candidates.")
)
candidacy_apply = _on_assignment(
    services.candidacy_apply,
    _("You are on the longlist."),
    fetch=access.get_assignment_for_viewer,
    actor="person",
    form=CandidacyApplyForm,
)
candidacy_nominate = action_view(
    access.get_assignment_for_nominator,
    _nominate,
    "nominated",
    form=NominateForm,
    success=_("The volunteer is on the longlist."),
    redirect_to=lambda nominated: _to_assignment_of(nominated[0]),
)
_on_candidacy = actions(
    access.get_candidacy_for_person,
    "candidacy",
    redirect_to=page("deployments:assignment", "assignment_id"),
)
# The manager's step on the longlist, back to it.
_to_longlist = page("deployments:longlist", "assignment_id")
_on_longlist = actions(access.get_candidacy_for_manager, "candidacy", redirect_to=_to_longlist)
candidacy_move = _on_longlist(services.candidacy_move, _("Saved."), data=posted("status"))
candidacy_report = _on_candidacy(
    services.candidacy_complete,
    _("Your report is saved; the assignment is completed."),
    form=ReportForm,
)
