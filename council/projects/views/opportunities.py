"""The organiser's pages for an opportunity and its shifts: the opportunity form with its
language requirements, the shift list, one shift, a weekly series, a change, a deletion."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from council.accounts.http import AuthenticatedRequest
from council.lib.views import post_action
from council.projects.access import (
    get_opportunity_for_editor,
    get_project_for_editor,
    get_shift_for_editor,
)
from council.projects.forms.manage import (
    BaseLanguageFormSet,
    OpportunityForm,
    ShiftForm,
    ShiftSeriesForm,
    language_formset,
)
from council.projects.models import Opportunity, Project
from council.projects.selectors.projects import shifts_to_manage
from council.projects.services import opportunities as opportunity_services
from council.projects.services import shifts as services
from council.projects.services.organising import OPEN_STATUSES
from council.projects.views.shapes import form_page, saved

Added = TypeVar("Added")

# --- opportunities --------------------------------------------------------------------------


def _save_opportunity(
    request: AuthenticatedRequest,
    project: Project,
    opportunity: Opportunity | None,
    form: OpportunityForm,
    languages: BaseLanguageFormSet,
) -> Opportunity | None:
    """Create or change the opportunity through its service; None when refused."""
    fields = {"languages": languages.requirements(), **form.service_kwargs()}
    if opportunity is None:
        return opportunity_services.opportunity_create(
            actor=request.user, project=project, **fields
        )
    return opportunity_services.opportunity_update(
        actor=request.user, opportunity=opportunity, **fields
    )


def _opportunity_page(
    request: AuthenticatedRequest, project: Project, opportunity: Opportunity | None
) -> HttpResponse:
    data = request.POST if request.method == "POST" else None
    form = OpportunityForm(data, instance=opportunity, project=project)
    languages = language_formset(data, opportunity=opportunity)
    if data is not None:
        done = saved(
            form,
            lambda: _save_opportunity(request, project, opportunity, form, languages),
            valid=languages.is_valid(),
        )
        if done is not None:
            messages.success(request, _("The opportunity has been saved."))
            return redirect("projects:shift_list", done.pk)
    failed = bool(form.errors or languages.errors or languages.non_form_errors())
    context = {"form": form, "languages": languages, "project": project, "opportunity": opportunity}
    return form_page(request, "projects/manage/opportunity_form.html", context, failed=failed)


@login_required
def opportunity_create(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    project = get_project_for_editor(user=request.user, pk=pk)
    return _opportunity_page(request, project, None)


@login_required
def opportunity_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    opportunity = get_opportunity_for_editor(user=request.user, pk=pk)
    return _opportunity_page(request, opportunity.project, opportunity)


# --- shifts ---------------------------------------------------------------------------------


def _shifts_page(
    request: AuthenticatedRequest,
    opportunity: Opportunity,
    shift_form: ShiftForm | None = None,
    series_form: ShiftSeriesForm | None = None,
) -> HttpResponse:
    zone = opportunity.timezone
    context = {
        "opportunity": opportunity,
        "project": opportunity.project,
        "shifts": shifts_to_manage(opportunity=opportunity),
        "shift_form": shift_form or ShiftForm(zone=zone, prefix="shift"),
        "series_form": series_form or ShiftSeriesForm(zone=zone, prefix="series"),
        "is_open": opportunity.project.status in OPEN_STATUSES,
    }
    failed = any(form is not None and form.errors for form in (shift_form, series_form))
    return form_page(request, "projects/manage/shifts.html", context, failed=failed)


@login_required
def shift_list(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    opportunity = get_opportunity_for_editor(user=request.user, pk=pk)
    return _shifts_page(request, opportunity)


def _shifts_added(
    request: AuthenticatedRequest,
    opportunity: Opportunity,
    form: ShiftForm | ShiftSeriesForm,
    add: Callable[..., Added],
    success: Callable[[Added], str],
) -> HttpResponse:
    """Add shifts through the service `add` with the form's data: back to the shift list with
    the success message, or the shift page showing the form's errors."""
    added = saved(
        form, lambda: add(actor=request.user, opportunity=opportunity, **form.cleaned_data)
    )
    if added is None:
        if isinstance(form, ShiftSeriesForm):
            return _shifts_page(request, opportunity, series_form=form)
        return _shifts_page(request, opportunity, shift_form=form)
    messages.success(request, success(added))
    return redirect("projects:shift_list", opportunity.pk)


@login_required
@require_POST
def shift_create(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    opportunity = get_opportunity_for_editor(user=request.user, pk=pk)
    form = ShiftForm(request.POST, zone=opportunity.timezone, prefix="shift")
    return _shifts_added(
        request,
        opportunity,
        form,
        services.shift_create,
        lambda _shift: _("The shift has been added."),
    )


@login_required
@require_POST
def shift_series(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    opportunity = get_opportunity_for_editor(user=request.user, pk=pk)
    form = ShiftSeriesForm(request.POST, zone=opportunity.timezone, prefix="series")
    return _shifts_added(
        request,
        opportunity,
        form,
        services.shift_series_create,
        lambda shifts: _("%(count)d shifts have been added.") % {"count": len(shifts)},
    )


@login_required
def shift_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    shift = get_shift_for_editor(user=request.user, pk=pk)
    opportunity = shift.opportunity
    initial = {"start": shift.start, "end": shift.end, "capacity": shift.capacity}
    form = ShiftForm(request.POST or None, initial=initial, zone=opportunity.timezone)
    if request.method == "POST":
        done = saved(
            form,
            lambda: services.shift_update(actor=request.user, shift=shift, **form.cleaned_data),
        )
        if done is not None:
            messages.success(request, _("The shift has been saved."))
            return redirect("projects:shift_list", opportunity.pk)
    context = {"form": form, "shift": shift, "opportunity": opportunity}
    return form_page(request, "projects/manage/shift_form.html", context, failed=bool(form.errors))


@login_required
@require_POST
def shift_delete(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    shift = get_shift_for_editor(user=request.user, pk=pk)
    return post_action(
        request,
        lambda: services.shift_delete(actor=request.user, shift=shift),
        success=_("The shift has been deleted."),
        redirect_to=reverse("projects:shift_list", args=[shift.opportunity_id]),
    )


urlpatterns = [
    path("projects/<int:pk>/opportunities/new/", opportunity_create, name="opportunity_create"),
    path("opportunities/<int:pk>/edit/", opportunity_edit, name="opportunity_edit"),
    path("opportunities/<int:pk>/shifts/", shift_list, name="shift_list"),
    path("opportunities/<int:pk>/shifts/new/", shift_create, name="shift_create"),
    path("opportunities/<int:pk>/shifts/series/", shift_series, name="shift_series"),
    path("shifts/<int:pk>/edit/", shift_edit, name="shift_edit"),
    path("shifts/<int:pk>/delete/", shift_delete, name="shift_delete"),
]
