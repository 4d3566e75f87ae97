"""The opportunity page and everything about applications: apply, my applications, the
organiser's applicant list and decisions, and the personal calendar feed."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from council.accounts.http import AuthenticatedRequest
from council.lib.forms import add_service_errors, flash_errors
from council.projects.access import (
    get_application_for_organiser,
    get_application_for_volunteer,
    get_opportunity_for_applicant,
    get_opportunity_for_editor,
    get_opportunity_for_viewer,
    is_organiser,
)
from council.projects.forms.applications import ApplicantFilterForm, ApplyForm, DecisionForm
from council.projects.models import Application, ApplicationStatus, CalendarFeed, Opportunity
from council.projects.selectors.applications import (
    applications_for_opportunity,
    applications_for_volunteer,
    confirmed_shifts_for_calendar,
    live_application,
    shifts_with_seats,
)
from council.projects.selectors.matching import opportunity_requirements
from council.projects.services import applications as services
from council.projects.services.calendar import calendar_feed_reset, calendar_render
from council.volunteers.models import VolunteerProfile


def opportunity_detail(request: HttpRequest, pk: int) -> HttpResponse:
    opportunity = get_opportunity_for_viewer(user=request.user, pk=pk)
    return _render_opportunity(request, opportunity, None)


def _render_opportunity(
    request: HttpRequest, opportunity: Opportunity, form: ApplyForm | None, status: int = 200
) -> HttpResponse:
    # Full shifts stay on offer: applying to one joins its waiting list.
    shifts = list(shifts_with_seats(opportunity=opportunity))
    problems: list[str] = []
    day = shifts[0].start.date() if shifts else timezone.now().date()
    if request.user.is_authenticated:
        profile = VolunteerProfile.objects.filter(user=request.user).first() or VolunteerProfile(
            user=request.user
        )
        problems = services.eligibility_problems(
            volunteer=request.user, profile=profile, opportunity=opportunity, on=day
        )
    if form is None:
        form = ApplyForm(opportunity=opportunity)
    context = {
        "opportunity": opportunity,
        "project": opportunity.project,
        "shifts": shifts,
        # Shifts once, all started or past: nothing left to apply for.
        "no_upcoming": not shifts and opportunity.first_start is not None,
        "free_overall": None
        if shifts or opportunity.first_start is not None
        else services.free_seats(opportunity=opportunity, shift=None),
        "form": form,
        "problems": problems,
        "requirements": opportunity_requirements(
            opportunity=opportunity, user=request.user, on=day
        ),
        "mine": live_application(user=request.user, opportunity=opportunity),
        "is_organiser": is_organiser(user=request.user, project=opportunity.project),
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


@login_required
@require_POST
def application_withdraw(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    application = get_application_for_volunteer(user=request.user, pk=pk)
    try:
        services.application_withdraw(volunteer=request.user, application=application)
        messages.success(request, _("Your application has been withdrawn."))
    except ValidationError as error:
        flash_errors(request, error)
    return redirect("projects:my_applications")


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
    context = {
        "opportunity": opportunity,
        "shifts": shifts,
        "form": form,
        "page": page,
        "decision_form": DecisionForm(),
    }
    return render(request, "projects/applicants.html", context)


@login_required
@require_POST
def application_decide(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    application = get_application_for_organiser(user=request.user, pk=pk)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, str(message))
        return redirect("projects:applicants", application.opportunity_id)
    decision = form.cleaned_data["decision"]
    try:
        if decision == "accept":
            services.application_accept(actor=request.user, application=application)
        elif decision == "waitlist":
            services.application_waitlist(actor=request.user, application=application)
        else:
            services.application_reject(
                actor=request.user, application=application, reason=form.cleaned_data["reason"]
            )
        messages.success(request, _("The decision has been saved and the volunteer notified."))
    except ValidationError as error:
        flash_errors(request, error)
    return redirect("projects:applicants", application.opportunity_id)


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
    feed, _created = CalendarFeed.objects.get_or_create(user=request.user)
    url = request.build_absolute_uri(f"/calendar/{feed.token}.ics")
    context = {"feed_url": url, "shifts": confirmed_shifts_for_calendar(user=request.user)[:20]}
    return render(request, "projects/calendar.html", context)


def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The secret-address iCal feed: no login, the token is the key."""
    feed = get_object_or_404(CalendarFeed.objects.select_related("user"), token=token)
    if not feed.user.is_active:
        return HttpResponse(status=404)
    response = HttpResponse(
        calendar_render(user=feed.user), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="volunteer-council.ics"'
    return response


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
