"""Project pages: the public list and project page, and the organiser's pages for projects,
opportunities and shifts."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import groupby
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, OuterRef, Q, QuerySet, Subquery, Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from council.accounts.http import AuthenticatedRequest
from council.lib.forms import add_service_errors, flash_errors
from council.orgs.models import Membership
from council.projects.access import (
    ORGANISER_ROLES,
    get_opportunity_for_editor,
    get_project_for_editor,
    get_project_for_viewer,
    get_shift_for_editor,
    is_organiser,
    organisations_for_organiser,
    visible_opportunities,
)
from council.projects.forms.manage import (
    OpportunityForm,
    ProjectForm,
    ShiftForm,
    ShiftSeriesForm,
    language_formset,
)
from council.projects.models import (
    ApplicationStatus,
    Opportunity,
    Project,
    ProjectStatus,
    Shift,
)
from council.projects.services import projects as services
from council.reference.models import Country

PAGE_SIZE = 20
MINE_PAGE_SIZE = 50


# --- reads ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class CountryBadge:
    """A country shown by its name in the language read, in a small badge: no bare ISO codes,
    no flag images (nothing external) and no emoji flags (Windows shows them as letters)."""

    code: str
    name: str


def _attach_countries(projects: Iterable[Project]) -> None:
    """Give each project `country_badges`, with one query for all their names."""
    projects = list(projects)
    codes = {code for project in projects for code in project.countries}
    names = dict(Country.objects.filter(code__in=codes).values_list("code", "name"))
    for project in projects:
        project.country_badges = [  # type: ignore[attr-defined]
            CountryBadge(code, names.get(code, code)) for code in project.countries
        ]


def _seat_counts() -> dict[str, Any]:
    """Applications by status, as annotations (distinct: other joins may multiply rows)."""
    return {
        name: Count("applications", filter=Q(applications__status=status), distinct=True)
        for name, status in (
            ("confirmed", ApplicationStatus.CONFIRMED),
            ("pending", ApplicationStatus.PENDING),
            ("waitlisted", ApplicationStatus.WAITLISTED),
        )
    }


def _shift_capacity() -> Subquery:
    return Subquery(
        Shift.objects.filter(opportunity=OuterRef("pk"))
        .values("opportunity")
        .annotate(total=Sum("capacity"))
        .values("total")
    )


def _published_projects() -> QuerySet[Project]:
    return (
        Project.objects.filter(status=ProjectStatus.PUBLISHED)
        .select_related("owner")
        .prefetch_related("programmes")
        .order_by("-is_flagship", "-created_at", "-pk")
    )


def _sdg_groups(project: Project) -> list[tuple[Any, list[Any]]]:
    targets = project.sdg_targets.select_related("goal").order_by("goal_id", "position")
    return [(goal, list(items)) for goal, items in groupby(targets, key=lambda t: t.goal)]


# --- public pages ---------------------------------------------------------------------------


def project_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(_published_projects(), PAGE_SIZE).get_page(request.GET.get("page"))
    projects = list(page.object_list)
    _attach_countries(projects)
    return render(request, "projects/project_list.html", {"page": page, "projects": projects})


def project_detail(request: HttpRequest, pk: int) -> HttpResponse:
    project = get_project_for_viewer(user=request.user, pk=pk)
    _attach_countries([project])
    context = {
        "project": project,
        "partners": project.partners.select_related("country").order_by("name"),
        "causes": project.causes.order_by("position"),
        "sdg_groups": _sdg_groups(project),
        "opportunities": visible_opportunities(user=request.user, project=project)
        .select_related("city")
        .order_by("first_start", "pk"),
        "is_organiser": is_organiser(user=request.user, project=project),
    }
    return render(request, "projects/project_detail.html", context)


# --- organiser pages: projects --------------------------------------------------------------


@login_required
def project_mine(request: AuthenticatedRequest) -> HttpResponse:
    roles = dict(
        Membership.objects.filter(user=request.user).values_list("organisation_id", "role")
    )
    projects = (
        Project.objects.filter(
            Q(owner_id__in=list(roles))
            | (Q(partners__in=list(roles)) & ~Q(status=ProjectStatus.DRAFT))
        )
        .distinct()
        .select_related("owner")
        .order_by("-created_at", "-pk")
    )
    page = Paginator(projects, MINE_PAGE_SIZE).get_page(request.GET.get("page"))
    rows = list(page.object_list)
    _attach_countries(rows)
    for project in rows:
        project.can_manage = roles.get(project.owner_id) in ORGANISER_ROLES  # type: ignore[attr-defined]
    context = {
        "page": page,
        "projects": rows,
        "can_create": any(role in ORGANISER_ROLES for role in roles.values()),
    }
    return render(request, "projects/manage/mine.html", context)


@login_required
def project_create(request: AuthenticatedRequest) -> HttpResponse:
    owners = organisations_for_organiser(user=request.user)
    if not owners.exists():
        raise PermissionDenied
    form = ProjectForm(request.POST or None, request.FILES or None, owners=owners)
    if request.method == "POST" and form.is_valid():
        try:
            project = services.project_create(actor=request.user, **form.service_kwargs())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The project has been saved as a draft."))
            return redirect("projects:project_manage", project.pk)
    context = {"form": form, "creating": True}
    return render(
        request, "projects/manage/project_form.html", context, status=400 if form.errors else 200
    )


@login_required
def project_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    project = get_project_for_editor(user=request.user, pk=pk)
    form = ProjectForm(request.POST or None, request.FILES or None, instance=project)
    if request.method == "POST" and form.is_valid():
        try:
            services.project_update(actor=request.user, project=project, **form.service_kwargs())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The project has been saved."))
            return redirect("projects:project_manage", pk)
    context = {"form": form, "project": project, "creating": False}
    return render(
        request, "projects/manage/project_form.html", context, status=400 if form.errors else 200
    )


@login_required
def project_manage(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    project = get_project_for_editor(user=request.user, pk=pk)
    _attach_countries([project])
    opportunities = (
        project.opportunities.select_related("city")
        .annotate(
            shift_count=Count("shifts", distinct=True),
            shift_capacity=_shift_capacity(),
            **_seat_counts(),
        )
        .order_by("created_at", "pk")
    )
    context = {
        "project": project,
        "opportunities": opportunities,
        "partners": project.partners.select_related("country").order_by("name"),
        "is_open": project.status in services.OPEN_STATUSES,
    }
    return render(request, "projects/manage/project.html", context)


def _transition(
    request: AuthenticatedRequest, pk: int, service: Callable[..., Project], done: str
) -> HttpResponse:
    project = get_project_for_editor(user=request.user, pk=pk)
    try:
        service(actor=request.user, project=project)
    except ValidationError as error:
        flash_errors(request, error)
    else:
        messages.success(request, done)
    return redirect("projects:project_manage", pk)


@login_required
@require_POST
def project_publish(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _transition(request, pk, services.project_publish, _("The project is published."))


@login_required
@require_POST
def project_complete(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _transition(request, pk, services.project_complete, _("The project is completed."))


@login_required
@require_POST
def project_cancel(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _transition(request, pk, services.project_cancel, _("The project is cancelled."))


# --- organiser pages: opportunities ---------------------------------------------------------


def _opportunity_page(
    request: AuthenticatedRequest, project: Project, opportunity: Opportunity | None
) -> HttpResponse:
    data = request.POST if request.method == "POST" else None
    form = OpportunityForm(data, instance=opportunity, project=project)
    languages = language_formset(data, opportunity=opportunity)
    if data is not None and form.is_valid() and languages.is_valid():
        fields = form.service_kwargs()
        try:
            if opportunity is None:
                opportunity = services.opportunity_create(
                    actor=request.user,
                    project=project,
                    languages=languages.requirements(),
                    **fields,
                )
            else:
                services.opportunity_update(
                    actor=request.user,
                    opportunity=opportunity,
                    languages=languages.requirements(),
                    **fields,
                )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The opportunity has been saved."))
            return redirect("projects:shift_list", opportunity.pk)
    failed = bool(form.errors or languages.errors or languages.non_form_errors())
    context = {"form": form, "languages": languages, "project": project, "opportunity": opportunity}
    return render(
        request, "projects/manage/opportunity_form.html", context, status=400 if failed else 200
    )


@login_required
def opportunity_create(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    project = get_project_for_editor(user=request.user, pk=pk)
    return _opportunity_page(request, project, None)


@login_required
def opportunity_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    opportunity = get_opportunity_for_editor(user=request.user, pk=pk)
    return _opportunity_page(request, opportunity.project, opportunity)


# --- organiser pages: shifts ----------------------------------------------------------------


def _shifts_page(
    request: AuthenticatedRequest,
    opportunity: Opportunity,
    shift_form: ShiftForm | None = None,
    series_form: ShiftSeriesForm | None = None,
) -> HttpResponse:
    zone = opportunity.timezone
    shifts = opportunity.shifts.annotate(**_seat_counts()).order_by("start", "pk")
    context = {
        "opportunity": opportunity,
        "project": opportunity.project,
        "shifts": shifts,
        "shift_form": shift_form or ShiftForm(zone=zone, prefix="shift"),
        "series_form": series_form or ShiftSeriesForm(zone=zone, prefix="series"),
        "is_open": opportunity.project.status in services.OPEN_STATUSES,
    }
    failed = any(form is not None and form.errors for form in (shift_form, series_form))
    return render(request, "projects/manage/shifts.html", context, status=400 if failed else 200)


@login_required
def shift_list(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    opportunity = get_opportunity_for_editor(user=request.user, pk=pk)
    return _shifts_page(request, opportunity)


@login_required
@require_POST
def shift_create(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    opportunity = get_opportunity_for_editor(user=request.user, pk=pk)
    form = ShiftForm(request.POST, zone=opportunity.timezone, prefix="shift")
    if form.is_valid():
        try:
            services.shift_create(actor=request.user, opportunity=opportunity, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The shift has been added."))
            return redirect("projects:shift_list", pk)
    return _shifts_page(request, opportunity, shift_form=form)


@login_required
@require_POST
def shift_series(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    opportunity = get_opportunity_for_editor(user=request.user, pk=pk)
    form = ShiftSeriesForm(request.POST, zone=opportunity.timezone, prefix="series")
    if form.is_valid():
        try:
            shifts = services.shift_series_create(
                actor=request.user, opportunity=opportunity, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("%(count)d shifts have been added.") % {"count": len(shifts)}
            )
            return redirect("projects:shift_list", pk)
    return _shifts_page(request, opportunity, series_form=form)


@login_required
def shift_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    shift = get_shift_for_editor(user=request.user, pk=pk)
    opportunity = shift.opportunity
    initial = {"start": shift.start, "end": shift.end, "capacity": shift.capacity}
    form = ShiftForm(request.POST or None, initial=initial, zone=opportunity.timezone)
    if request.method == "POST" and form.is_valid():
        try:
            services.shift_update(actor=request.user, shift=shift, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The shift has been saved."))
            return redirect("projects:shift_list", opportunity.pk)
    context = {"form": form, "shift": shift, "opportunity": opportunity}
    return render(
        request, "projects/manage/shift_form.html", context, status=400 if form.errors else 200
    )


@login_required
@require_POST
def shift_delete(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    shift: Shift = get_shift_for_editor(user=request.user, pk=pk)
    try:
        services.shift_delete(actor=request.user, shift=shift)
    except ValidationError as error:
        flash_errors(request, error)
    else:
        messages.success(request, _("The shift has been deleted."))
    return redirect("projects:shift_list", shift.opportunity_id)


urlpatterns = [
    path("projects/", project_list, name="project_list"),
    path("projects/mine/", project_mine, name="project_mine"),
    path("projects/new/", project_create, name="project_create"),
    path("projects/<int:pk>/", project_detail, name="project"),
    path("projects/<int:pk>/manage/", project_manage, name="project_manage"),
    path("projects/<int:pk>/edit/", project_edit, name="project_edit"),
    path("projects/<int:pk>/publish/", project_publish, name="project_publish"),
    path("projects/<int:pk>/complete/", project_complete, name="project_complete"),
    path("projects/<int:pk>/cancel/", project_cancel, name="project_cancel"),
    path("projects/<int:pk>/opportunities/new/", opportunity_create, name="opportunity_create"),
    path("opportunities/<int:pk>/edit/", opportunity_edit, name="opportunity_edit"),
    path("opportunities/<int:pk>/shifts/", shift_list, name="shift_list"),
    path("opportunities/<int:pk>/shifts/new/", shift_create, name="shift_create"),
    path("opportunities/<int:pk>/shifts/series/", shift_series, name="shift_series"),
    path("shifts/<int:pk>/edit/", shift_edit, name="shift_edit"),
    path("shifts/<int:pk>/delete/", shift_delete, name="shift_delete"),
]
