"""International deployments: the talent pool, assignments with their longlist (ranked, with
reasons), the host's steps, nominations by national networks, and the end-of-assignment
report."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from council.accounts.http import AuthenticatedRequest
from council.accounts.selectors import person_by_email
from council.cooperation.access import get_council_for_keeper
from council.deployments import access, services
from council.deployments.forms import (
    AssignmentForm,
    CandidacyApplyForm,
    NominateForm,
    PoolForm,
    ReportForm,
)
from council.deployments.models import Assignment, AssignmentStatus, TalentPoolEntry
from council.lib.forms import add_service_errors, flash_errors, valid_data


def assignment_list(request: HttpRequest) -> HttpResponse:
    assignments = (
        Assignment.objects.filter(status=AssignmentStatus.OPEN)
        .select_related("host", "country")
        .order_by("starts_on", "pk")
    )
    return render(request, "deployments/assignment_list.html", {"assignments": assignments})


@login_required
def pool(request: AuthenticatedRequest) -> HttpResponse:
    entry = TalentPoolEntry.objects.filter(user=request.user).first()
    form = PoolForm(
        request.POST or None,
        initial=(
            {
                "available_from": entry.available_from,
                "available_until": entry.available_until,
                "note": entry.note,
            }
            if entry
            else None
        ),
    )
    if request.method == "POST":
        if request.POST.get("leave"):
            try:
                services.pool_leave(person=request.user)
                messages.success(request, _("You have left the talent pool."))
            except ValidationError as error:
                flash_errors(request, error)
            return redirect("deployments:pool")
        if form.is_valid():
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
        "candidacies": request.user.candidacies.select_related("assignment"),
    }
    return render(request, "deployments/pool.html", context, status=status)


def assignment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = access.get_assignment_for_viewer(user=request.user, pk=pk)
    mine = (
        assignment.candidacies.filter(person=request.user).first()
        if request.user.is_authenticated
        else None
    )
    networks = access.nominating_networks(user=request.user)
    is_open = assignment.status == AssignmentStatus.OPEN
    context = {
        "assignment": assignment,
        "skills": assignment.skills.all(),
        "languages": assignment.languages.select_related("language"),
        "mine": mine,
        "in_pool": request.user.is_authenticated
        and TalentPoolEntry.objects.filter(user=request.user).exists(),
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
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        for name in ("language", "language_level"):
            data.pop(name)
        try:
            assignment = services.assignment_create(
                actor=request.user,
                council=council,
                host=data.pop("host"),
                skills=list(data.pop("skills")),
                languages=form.languages(),
                **data,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The assignment is saved as a draft."))
            return redirect("deployments:assignment", pk=assignment.pk)
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "council": council}
    return render(
        request,
        "cooperation/form_page.html",
        {**context, "heading": _("New international assignment"), "draft": True},
        status=status,
    )


@login_required
@require_POST
def assignment_open(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    assignment = access.get_assignment_for_manager(user=request.user, pk=pk)
    try:
        services.assignment_open(actor=request.user, assignment=assignment)
        messages.success(request, _("The assignment is open for candidates."))
    except ValidationError as error:
        flash_errors(request, error)
    return redirect("deployments:assignment", pk=assignment.pk)


@login_required
@require_POST
def candidacy_apply(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    assignment = access.get_assignment_for_viewer(user=request.user, pk=pk)
    try:
        data = valid_data(CandidacyApplyForm(request.POST))
        services.candidacy_apply(person=request.user, assignment=assignment, **data)
        messages.success(request, _("You are on the longlist."))
    except ValidationError as error:
        flash_errors(request, error)
    return redirect("deployments:assignment", pk=assignment.pk)


@login_required
@require_POST
def candidacy_nominate(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    assignment, networks = access.get_assignment_for_nominator(user=request.user, pk=pk)
    try:
        person = person_by_email(valid_data(NominateForm(request.POST))["email"])
        network = next((n for n in networks if n.country_id == person.home_country_id), None)
        if network is None:
            raise ValidationError(
                {"email": _("The network nominates volunteers of its own country.")}
            )
        services.candidacy_nominate(
            actor=request.user, assignment=assignment, person=person, network=network
        )
        messages.success(request, _("The volunteer is on the longlist."))
    except ValidationError as error:
        flash_errors(request, error)
    return redirect("deployments:assignment", pk=assignment.pk)


@login_required
def longlist(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    assignment = access.get_assignment_for_manager(user=request.user, pk=pk)
    decided = assignment.candidacies.exclude(
        status__in=("candidate", "shortlisted")
    ).select_related("person")
    context = {
        "assignment": assignment,
        "rows": services.longlist(assignment=assignment),
        "decided": decided.order_by("-decided_at", "pk"),
    }
    return render(request, "deployments/longlist.html", context)


@login_required
@require_POST
def candidacy_move(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    candidacy = access.get_candidacy_for_manager(user=request.user, pk=pk)
    try:
        services.candidacy_move(
            actor=request.user, candidacy=candidacy, status=request.POST.get("status", "")
        )
        messages.success(request, _("Saved."))
    except ValidationError as error:
        flash_errors(request, error)
    return redirect("deployments:longlist", pk=candidacy.assignment_id)


@login_required
@require_POST
def candidacy_report(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    candidacy = access.get_candidacy_for_person(user=request.user, pk=pk)
    try:
        data = valid_data(ReportForm(request.POST))
        services.candidacy_complete(actor=request.user, candidacy=candidacy, **data)
        messages.success(request, _("Your report is saved; the assignment is completed."))
    except ValidationError as error:
        flash_errors(request, error)
    return redirect("deployments:assignment", pk=candidacy.assignment_id)
