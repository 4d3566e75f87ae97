"""The opportunity page and everything about applications: apply, my applications, the
organiser's applicant list and decisions, and the personal calendar feed."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from council.accounts.http import AuthenticatedRequest, Viewer
from council.lib.downloads import attachment
from council.lib.forms import add_service_errors
from council.lib.mirrors import remote_action_url
from council.lib.views import action_view
from council.projects.access import (
    get_application_for_organiser,
    get_application_for_volunteer,
    get_calendar_feed,
    get_opportunity_for_applicant,
    get_opportunity_for_editor,
    get_opportunity_for_viewer,
    is_organiser,
)
from council.projects.applicant_notes import applicant_notes_attach
from council.projects.forms.applications import ApplicantFilterForm, ApplyForm, DecisionForm
from council.projects.models import Application, ApplicationStatus, Opportunity
from council.projects.selectors.applications import (
    applications_for_opportunity,
    applications_for_volunteer,
    confirmed_shifts_for_calendar,
    handovers_awaiting_approval,
    live_application,
    shifts_with_seats,
    volunteer_profile_or_blank,
)
from council.projects.selectors.matching import opportunity_requirements
from council.projects.selectors.seats import free_seats
from council.projects.selectors.series import series_with_upcoming
from council.projects.selectors.teams import teams_for_opportunity
from council.projects.services import applications as services
from council.projects.services.calendar import (
    calendar_feed_get,
    calendar_feed_reset,
    calendar_render,
)


def opportunity_detail(request: HttpRequest, pk: int) -> HttpResponse:
    opportunity = get_opportunity_for_viewer(user=request.user, pk=pk)
    return _render_opportunity(request, opportunity, None)


def _problems(user: Viewer, opportunity: Opportunity, day: date) -> list[str]:
    """Why this person may not apply (nothing for a visitor, who is asked to sign in)."""
    if not user.is_authenticated:
        return []
    profile = volunteer_profile_or_blank(user=user)
    return services.eligibility_problems(
        volunteer=user, profile=profile, opportunity=opportunity, on=day
    )


def _render_opportunity(
    request: HttpRequest, opportunity: Opportunity, form: ApplyForm | None, status: int = 200
) -> HttpResponse:
    # Full shifts stay on offer: applying to one joins its waiting list.
    shifts = list(shifts_with_seats(opportunity=opportunity))
    day = shifts[0].start.date() if shifts else timezone.now().date()
    # Shifts once, all started or past: nothing left to apply for.
    had_shifts = opportunity.first_start is not None
    context = {
        "opportunity": opportunity,
        "project": opportunity.project,
        "shifts": shifts,
        "no_upcoming": not shifts and had_shifts,
        "free_overall": None
        if shifts or had_shifts
        else free_seats(opportunity=opportunity, shift=None),
        "form": form or ApplyForm(opportunity=opportunity),
        "problems": _problems(request.user, opportunity, day),
        "requirements": opportunity_requirements(
            opportunity=opportunity, user=request.user, on=day
        ),
        "mine": live_application(user=request.user, opportunity=opportunity),
        # A series to sign up for as a whole (read only when a shift belongs to one).
        "series_offers": list(series_with_upcoming(opportunity=opportunity))
        if any(shift.series_id for shift in shifts)
        else [],
        "is_organiser": is_organiser(user=request.user, project=opportunity.project),
        # Another node's opportunity: the volunteer applies through the federation's page
        # (None until this deployment has it: the button is then shown disabled).
        "remote_apply_url": remote_action_url("federation:remote_apply", opportunity.pk)
        if opportunity.is_mirrored
        else None,
    }
    return render(request, "projects/opportunity_detail.html", context, status=status)


@login_required
@require_POST
def opportunity_apply(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    opportunity = get_opportunity_for_applicant(user=request.user, pk=pk)
    form = ApplyForm(request.POST, opportunity=opportunity)
    if form.is_valid():
        try:
            application = services.application_submit(
                volunteer=request.user,
                opportunity=opportunity,
                shift=form.cleaned_data.get("shift"),
                motivation=form.cleaned_data.get("motivation", ""),
                answers=form.answers(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _status_message(application))
            return redirect("projects:my_applications")
    # The page shows what applying did not read (descriptions, the place).
    shown = get_opportunity_for_viewer(user=request.user, pk=pk)
    return _render_opportunity(request, shown, form, status=400)


def _status_message(application: Application) -> str:
    if application.status == ApplicationStatus.CONFIRMED:
        return _("Your place is confirmed.")
    if application.status == ApplicationStatus.WAITLISTED:
        return _("All places are taken: you are on the waiting list.")
    return _("Your application has been sent to the organiser.")


@login_required
def my_applications(request: AuthenticatedRequest) -> HttpResponse:
    applications = applications_for_volunteer(user=request.user)
    page = Paginator(applications, 25).get_page(request.GET.get("page"))
    return render(request, "projects/my_applications.html", {"page": page})


application_withdraw = action_view(
    get_application_for_volunteer,
    services.application_withdraw,
    "application",
    actor="volunteer",
    success=gettext_lazy("Your application has been withdrawn."),
    redirect_to=lambda _application: reverse("projects:my_applications"),
)


@login_required
def applicant_list(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    opportunity = get_opportunity_for_editor(user=request.user, pk=pk)
    shifts = list(shifts_with_seats(opportunity=opportunity, upcoming_only=False))
    form = ApplicantFilterForm(request.GET or None, shifts=shifts, zone=opportunity.timezone)
    filters = form.cleaned_data if form.is_valid() else {}
    applications = applications_for_opportunity(
        opportunity=opportunity,
        status=filters.get("status") or None,
        shift_id=filters.get("shift"),
    )
    page = Paginator(applications, 50).get_page(request.GET.get("page"))
    # What other apps note beside each applicant (their reliability, from hours).
    page.object_list = applicant_notes_attach(list(page.object_list))
    context = {
        "opportunity": opportunity,
        "shifts": shifts,
        "form": form,
        "page": page,
        "decision_form": DecisionForm(),
        "teams": teams_for_opportunity(opportunity=opportunity),
        "handovers": handovers_awaiting_approval(opportunity=opportunity),
    }
    return render(request, "projects/applicants.html", context)


application_decide = action_view(
    get_application_for_organiser,
    services.application_decide,
    "application",
    form=DecisionForm,
    success=gettext_lazy("The decision has been saved and the volunteer notified."),
    redirect_to=lambda application: reverse(
        "projects:applicants", args=[application.opportunity_id]
    ),
)


@login_required
@require_POST
def applications_bulk_accept(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    opportunity = get_opportunity_for_editor(user=request.user, pk=pk)
    ids = [int(value) for value in request.POST.getlist("application") if value.isdigit()]
    accepted, refused = services.applications_accept_many(
        actor=request.user, opportunity=opportunity, application_ids=ids
    )
    if accepted:
        messages.success(request, _("Accepted: %(count)d.") % {"count": accepted})
    for message in refused:
        messages.error(request, message)
    return redirect("projects:applicants", pk)


@login_required
def calendar_page(request: AuthenticatedRequest) -> HttpResponse:
    if request.method == "POST":
        calendar_feed_reset(user=request.user)
        messages.success(
            request, _("Your calendar has a new address; the old one no longer works.")
        )
        return redirect("projects:calendar")
    feed = calendar_feed_get(user=request.user)
    url = request.build_absolute_uri(f"/calendar/{feed.token}.ics")
    context = {"feed_url": url, "shifts": confirmed_shifts_for_calendar(user=request.user)[:20]}
    return render(request, "projects/calendar.html", context)


def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The secret-address iCal feed: no login, the token is the key."""
    feed = get_calendar_feed(token=token)
    if not feed.user.is_active:
        return HttpResponse(status=404)
    ics = HttpResponse(calendar_render(user=feed.user), content_type="text/calendar; charset=utf-8")
    return attachment(ics, "volunteer-council.ics")


urlpatterns = [
    path("opportunities/<int:pk>/", opportunity_detail, name="opportunity"),
    path("opportunities/<int:pk>/apply/", opportunity_apply, name="apply"),
    path("opportunities/<int:pk>/applications/", applicant_list, name="applicants"),
    path(
        "opportunities/<int:pk>/applications/accept/",
        applications_bulk_accept,
        name="applications_bulk_accept",
    ),
    path("applications/<int:pk>/decide/", application_decide, name="application_decide"),
    path("me/applications/", my_applications, name="my_applications"),
    path("me/applications/<int:pk>/withdraw/", application_withdraw, name="application_withdraw"),
    path("me/calendar/", calendar_page, name="calendar"),
    path("calendar/<str:token>.ics", calendar_feed, name="calendar_feed"),
]
