"""Finding opportunities: the search page, "for you" for volunteers, and suggested volunteers
for organisers."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import path
from django.utils.translation import get_language

from council.accounts.http import AuthenticatedRequest
from council.lib.memo import memo
from council.lib.pagination import CappedPaginator, CountedPaginator
from council.lib.replica import replica_reads
from council.projects.access import get_opportunity_for_editor
from council.projects.forms.search import OpportunitySearchForm
from council.projects.selectors.applications import has_volunteer_profile
from council.projects.selectors.matching import opportunities_for_you, volunteers_suggested
from council.projects.selectors.search import PAGE_SIZE, opportunity_rows, opportunity_search


@replica_reads
def search(request: HttpRequest) -> HttpResponse:
    form = OpportunitySearchForm(request.GET or None)
    page = None
    # Invalid filters are shown with their errors and nothing is searched: results of other
    # filters than the person asked for would read as the answer.
    if not form.is_bound or form.is_valid():
        filters = form.search_filters()
        # With words every match is read to rank it, so the exact total comes with the page.
        paging: type[CountedPaginator | CappedPaginator] = (
            CountedPaginator if filters["query"] else CappedPaginator
        )
        paginator = paging(
            opportunity_search(**filters, display=False),
            PAGE_SIZE,
            load=lambda ids: opportunity_rows(ids, **filters),
        )
        page = paginator.get_page(request.GET.get("page"))
    htmx = bool(getattr(request, "htmx", False))
    context: dict[str, Any] = {"form": form, "page": page, "filters_html": None, "htmx": htmx}
    if htmx:
        return render(request, "projects/search/_results.html", context)
    if all(key == "page" for key in request.GET):
        # Without filters the form is the same for every visitor in a language: its HTML (a
        # thousand cities) is kept with the reference data it lists (council.lib.memo).
        context["filters_html"] = memo(
            ("search filters", get_language() or ""),
            lambda: render_to_string("projects/search/_filters.html", {"form": form}),
        )
    return render(request, "projects/search/search.html", context)


@login_required
@replica_reads
def for_you(request: AuthenticatedRequest) -> HttpResponse:
    if not has_volunteer_profile(user=request.user):
        return render(request, "projects/search/for_you.html", {"matches": None})
    matches = opportunities_for_you(user=request.user)
    return render(request, "projects/search/for_you.html", {"matches": matches})


@login_required
def suggestions(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    opportunity = get_opportunity_for_editor(user=request.user, pk=pk)
    context = {
        "opportunity": opportunity,
        "suggestions": volunteers_suggested(opportunity=opportunity),
    }
    return render(request, "projects/search/suggestions.html", context)


urlpatterns = [
    path("search/", search, name="search"),
    path("for-you/", for_you, name="for_you"),
    path("opportunities/<int:pk>/suggestions/", suggestions, name="suggestions"),
]
