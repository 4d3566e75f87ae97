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
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from council.accounts.http import AuthenticatedRequest
from council.accounts.models import User
from council.accounts.selectors import person_by_email
from council.cooperation.access import get_council_for_keeper
from council.cooperation.views.form_page import form_page
from council.deployments import access, selectors, services
from council.deployments.forms import (
    AssignmentForm,
    CandidacyApplyForm,
    NominateForm,
    PoolForm,
    ReportForm,
)
from council.deployments.models import Assignment, AssignmentStatus, Candidacy, TalentPoolEntry
from council.lib.forms import add_service_errors
from council.lib.views import post_action
from council.orgs.models import Organisation


def assignment_list(request: HttpRequest) -> HttpResponse:
    assignments = selectors.open_assignments_with_host()
    return render(request, "deployments/assignment_list.html", {"assignments": assignments})


def _pool_initial(entry: TalentPoolEntry | None) -> dict[str, Any] | None:
    if entry is None:
        return None
    return {
        "available_from": entry.available_from,
        "available_until": entry.available_until,
        "note": entry.note,
    }


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
    if request.method == "POST" and form.is_valid():
        try:
            services.pool_join(person=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("You are in the talent pool."))
            return redirect("deployments:pool")
    status = 400 if request.method == "POST" else 200
    context = {
        "form": form,
        "entry": entry,
        "candidacies": selectors.own_candidacies(user=request.user),
    }
    return render(request, "deployments/pool.html", context, status=status)


def assignment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = access.get_assignment_for_viewer(user=request.user, pk=pk)
    mine = selectors.own_candidacy(assignment=assignment, user=request.user)
    networks = access.nominating_networks(user=request.user)
    is_open = assignment.status == AssignmentStatus.OPEN
    context = {
        "assignment": assignment,
        "skills": assignment.skills.all(),
        "languages": selectors.assignment_languages(assignment=assignment),
        "mine": mine,
        "in_pool": selectors.in_pool(user=request.user),
        "apply_form": CandidacyApplyForm() if is_open and not mine else None,
        "report_form": ReportForm() if mine and mine.status == "deployed" else None,
        "manages": access.manages_assignment(user=request.user, assignment=assignment),
        "networks": networks if is_open else [],
        "nominate_form": NominateForm() if is_open and networks else None,
    }
    return render(request, "deployments/assignment.html", context)


@login_required
def assignment_create(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    council = get_council_for_keeper(user=request.user, pk=pk)
    form = AssignmentForm(request.POST or None, council=council)
    return form_page(
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


def _to_assignment(assignment_id: int) -> str:
    return reverse("deployments:assignment", args=[assignment_id])


def _to_assignment_of(assignment: Assignment) -> str:
    return _to_assignment(assignment.pk)


@login_required
@require_POST
def assignment_open(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    assignment = access.get_assignment_for_manager(user=request.user, pk=pk)
    return post_action(
        request,
        lambda: services.assignment_open(actor=request.user, assignment=assignment),
        success=_("The assignment is open for candidates."),
        redirect_to=_to_assignment(assignment.pk),
    )


@login_required
@require_POST
def candidacy_apply(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    assignment = access.get_assignment_for_viewer(user=request.user, pk=pk)
    return post_action(
        request,
        lambda data: services.candidacy_apply(person=request.user, assignment=assignment, **data),
        success=_("You are on the longlist."),
        redirect_to=_to_assignment(assignment.pk),
        form=CandidacyApplyForm(request.POST),
    )


def _nominate(
    actor: User, assignment: Assignment, networks: list[Organisation], email: str
) -> Candidacy:
    """The volunteer named by email, nominated by the network of their own country."""
    person = person_by_email(email)
    network = next((n for n in networks if n.country_id == person.home_country_id), None)
    if network is None:
        raise ValidationError({"email": _("The network nominates volunteers of its own country.")})
    return services.candidacy_nominate(
        actor=actor, assignment=assignment, person=person, network=network
    )


@login_required
@require_POST
def candidacy_nominate(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    assignment, networks = access.get_assignment_for_nominator(user=request.user, pk=pk)
    return post_action(
        request,
        lambda data: _nominate(request.user, assignment, networks, data["email"]),
        success=_("The volunteer is on the longlist."),
        redirect_to=_to_assignment(assignment.pk),
        form=NominateForm(request.POST),
    )


@login_required
def longlist(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    assignment = access.get_assignment_for_manager(user=request.user, pk=pk)
    context = {
        "assignment": assignment,
        "rows": selectors.longlist(assignment=assignment),
        "decided": selectors.decided_candidacies(assignment=assignment),
    }
    return render(request, "deployments/longlist.html", context)


@login_required
@require_POST
def candidacy_move(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    candidacy = access.get_candidacy_for_manager(user=request.user, pk=pk)
    return post_action(
        request,
        lambda: services.candidacy_move(
            actor=request.user, candidacy=candidacy, status=request.POST.get("status", "")
        ),
        success=_("Saved."),
        redirect_to=reverse("deployments:longlist", args=[candidacy.assignment_id]),
    )


@login_required
@require_POST
def candidacy_report(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    candidacy = access.get_candidacy_for_person(user=request.user, pk=pk)
    return post_action(
        request,
        lambda data: services.candidacy_complete(actor=request.user, candidacy=candidacy, **data),
        success=_("Your report is saved; the assignment is completed."),
        redirect_to=_to_assignment(candidacy.assignment_id),
        form=ReportForm(request.POST),
    )
