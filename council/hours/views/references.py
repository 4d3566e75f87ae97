"""References both ways: the volunteer's references (shown in the record book or not), their
ratings of the places that ended, and letters received; the organiser's reference on a place
and the organisation's page of ratings and references."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import path, reverse
from django.utils.translation import gettext as _

from council.accounts.http import AuthenticatedRequest
from council.hours import access
from council.hours.forms import ExperienceForm, ReferenceForm
from council.hours.models import Reference
from council.hours.selectors import (
    Reliability,
    experience_comments,
    experience_ratings_of_volunteer,
    experience_summary,
    letters_for_volunteer,
    places_to_rate,
    places_to_review,
    references_for_volunteer,
    reliability_by_volunteer,
)
from council.hours.selectors_references import rating_of, reference_of
from council.hours.services import references as services
from council.lib.views import action_view, saved_or_page
from council.projects.models import Application

# --- The volunteer -----------------------------------------------------------------------------


@login_required
def my_references(request: AuthenticatedRequest) -> HttpResponse:
    context = {
        "references": references_for_volunteer(user=request.user),
        "to_rate": places_to_rate(user=request.user),
        "ratings": experience_ratings_of_volunteer(user=request.user),
        "letters": letters_for_volunteer(user=request.user),
    }
    return render(request, "hours/references.html", context)


reference_show = action_view(
    access.get_reference_for_volunteer,
    services.reference_show,
    "reference",
    actor="volunteer",
    data=lambda request, _reference: {"shown": request.POST.get("shown") == "1"},
    success=lambda reference: (
        _("The reference is shown in your record book.")
        if reference.shown_in_record_book
        else _("The reference is no longer shown in your record book.")
    ),
    redirect_to=lambda _reference: reverse("hours:references"),
)


@login_required
def rate_experience(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    application = access.get_application_for_rater(user=request.user, pk=pk)
    existing = rating_of(application=application)
    initial = {"rating": existing.rating, "comment": existing.comment} if existing else None
    form = ExperienceForm(request.POST or None, initial=initial)
    return saved_or_page(
        request,
        form,
        lambda: services.experience_rate(
            volunteer=request.user, application=application, **form.cleaned_data
        ),
        _("Thank you: your rating is saved."),
        redirect_to=lambda _rating: reverse("hours:references"),
        template="hours/rate.html",
        application=application,
        existing=existing,
    )


# --- The organiser -----------------------------------------------------------------------------


def _reference_initial(reference: Reference | None) -> dict[str, Any] | None:
    if reference is None:
        return None
    return {
        "rating": reference.rating,
        "no_show": reference.no_show,
        "punctual": reference.punctual,
        "text": reference.text,
    }


@login_required
def reference_write(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The organiser's reference on a place, with the volunteer's reliability beside it."""
    application: Application = access.get_application_for_referee(user=request.user, pk=pk)
    existing = reference_of(application=application)
    form = ReferenceForm(
        request.POST or None,
        initial=_reference_initial(existing) or {"punctual": True},
    )
    reliability = reliability_by_volunteer(volunteer_ids=[application.volunteer_id])
    return saved_or_page(
        request,
        form,
        lambda: services.reference_write(
            actor=request.user, application=application, **form.cleaned_data
        ),
        _("The reference is saved."),
        redirect_to=lambda reference: reverse(
            "hours:org_references", args=[reference.organisation_id]
        ),
        template="hours/reference_form.html",
        application=application,
        existing=existing,
        ended_at=services.place_ended_at(application),
        reliability=reliability.get(application.volunteer_id, Reliability(0, 0)),
    )


@login_required
def organisation_references(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The volunteers' average rating of the organisation, their comments (without names),
    and the places of the last 30 days to write references on."""
    organisation = access.get_organisation_for_verifier(user=request.user, pk=pk)
    context = {
        "organisation": organisation,
        "summary": experience_summary(organisation_id=organisation.pk),
        "comments": experience_comments(organisation_id=organisation.pk),
        "places": places_to_review(organisation=organisation),
    }
    return render(request, "hours/org_references.html", context)


urlpatterns = [
    path("hours/references/", my_references, name="references"),
    path("hours/references/<int:pk>/show/", reference_show, name="reference_show"),
    path("hours/applications/<int:pk>/rate/", rate_experience, name="rate"),
    path("hours/applications/<int:pk>/reference/", reference_write, name="reference_write"),
    path("hours/orgs/<int:pk>/references/", organisation_references, name="org_references"),
]
