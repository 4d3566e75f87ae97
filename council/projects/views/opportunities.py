"""The organiser's pages for an opportunity and its shifts: the opportunity form with its
language requirements, the shift list, one shift, a change, a deletion (series: `series.py`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, HttpResponseRedirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from council.accounts.http import AuthenticatedRequest
from council.lib.views import action_view, form_page, saved, saved_or_page
from council.projects.access import (
    get_opportunity_for_editor,
    get_project_for_editor,
    get_shift_for_editor,
)
from council.projects.forms.manage import (
    BaseLanguageFormSet,
    OpportunityForm,
    ShiftForm,
    language_formset,
)
from council.projects.forms.series import ShiftSeriesForm
from council.projects.models import Opportunity, Project
from council.projects.selectors.projects import shifts_to_manage
from council.projects.services import opportunities as opportunity_services
from council.projects.services import shifts as services
from council.projects.services.organising import OPEN_STATUSES

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
    failed = bool(languages.errors or languages.non_form_errors())
    return saved_or_page(
        request,
        form,
        lambda: _save_opportunity(request, project, opportunity, form, languages),
        _("The opportunity has been saved."),
        redirect_to=lambda saved_one: _to_shifts(saved_one.pk),
        template="projects/manage/opportunity_form.html",
        failed=failed,
        valid=languages.is_valid(),
        languages=languages,
        project=project,
        opportunity=opportunity,
    )


@login_required
def opportunity_create(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    project = get_project_for_editor(user=request.user, pk=pk)
    return _opportunity_page(request, project, None)


@login_required
def opportunity_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    opportunity = get_opportunity_for_editor(user=request.user, pk=pk)
    return _opportunity_page(request, opportunity.project, opportunity)


def _to_shifts(opportunity_id: int) -> str:
    return reverse("projects:shift_list", args=[opportunity_id])


# --- shifts ---------------------------------------------------------------------------------


def shifts_page(
    request: AuthenticatedRequest,
    opportunity: Opportunity,
    failed: ShiftForm | ShiftSeriesForm | None = None,
) -> HttpResponse:
    """The shift list with its two forms, the one that `failed` shown with its errors."""
    zone = opportunity.timezone
    context = {
        "opportunity": opportunity,
        "project": opportunity.project,
        "shifts": shifts_to_manage(opportunity=opportunity),
        "shift_form": ShiftForm(zone=zone, prefix="shift"),
        "series_form": ShiftSeriesForm(zone=zone, prefix="series"),
        "is_open": opportunity.project.status in OPEN_STATUSES,
    }
    if failed is not None:
        context[f"{failed.prefix}_form"] = failed
    has_errors = failed is not None and bool(failed.errors)
    return form_page(request, "projects/manage/shifts.html", context, failed=has_errors)


@login_required
def shift_list(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    opportunity = get_opportunity_for_editor(user=request.user, pk=pk)
    return shifts_page(request, opportunity)


def _adding_shifts(
    form_class: type[ShiftForm | ShiftSeriesForm],
    prefix: str,
    add: Callable[..., Added],
    success: Callable[[Added], str],
) -> Callable[..., HttpResponse]:
    """The POST view adding shifts through the service `add` with the form's data (the form
    under `prefix` on the shift page): back to the shift list with the success message, or the
    shift page showing the form's errors."""

    @login_required
    @require_POST
    def view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
        opportunity = get_opportunity_for_editor(user=request.user, pk=pk)
        form = form_class(request.POST, zone=opportunity.timezone, prefix=prefix)
        added = saved(
            form, lambda: add(actor=request.user, opportunity=opportunity, **form.cleaned_data)
        )
        if added is None:
            return shifts_page(request, opportunity, failed=form)
        messages.success(request, success(added))
        return HttpResponseRedirect(_to_shifts(opportunity.pk))

    view.__name__ = view.__qualname__ = add.__name__
    return view


shift_create = _adding_shifts(
    ShiftForm, "shift", services.shift_create, lambda _shift: _("The shift has been added.")
)


@login_required
def shift_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    shift = get_shift_for_editor(user=request.user, pk=pk)
    opportunity = shift.opportunity
    initial = {"start": shift.start, "end": shift.end, "capacity": shift.capacity}
    form = ShiftForm(request.POST or None, initial=initial, zone=opportunity.timezone)
    return saved_or_page(
        request,
        form,
        lambda: services.shift_update(actor=request.user, shift=shift, **form.cleaned_data),
        _("The shift has been saved."),
        redirect_to=lambda _shift: _to_shifts(opportunity.pk),
        template="projects/manage/shift_form.html",
        shift=shift,
        opportunity=opportunity,
    )


shift_delete = action_view(
    get_shift_for_editor,
    services.shift_delete,
    "shift",
    success=gettext_lazy("The shift has been deleted."),
    redirect_to=lambda shift: _to_shifts(shift.opportunity_id),
)


urlpatterns = [
    path("projects/<int:pk>/opportunities/new/", opportunity_create, name="opportunity_create"),
    path("opportunities/<int:pk>/edit/", opportunity_edit, name="opportunity_edit"),
    path("opportunities/<int:pk>/shifts/", shift_list, name="shift_list"),
    path("opportunities/<int:pk>/shifts/new/", shift_create, name="shift_create"),
    path("shifts/<int:pk>/edit/", shift_edit, name="shift_edit"),
    path("shifts/<int:pk>/delete/", shift_delete, name="shift_delete"),
]
