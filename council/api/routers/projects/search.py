"""Finding opportunities and volunteers: the search, "for you", and the volunteers suggested
to an opportunity's organisers (council/projects/selectors/search.py and matching.py)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router

from council.accounts.http import AuthenticatedRequest
from council.api.auth import PUBLIC
from council.api.pagination import page_of
from council.api.routers.projects.parsing import paginate_by_position
from council.api.routers.projects.payloads import MatchParams, SearchParams
from council.api.routers.projects.schemas import (
    OpportunityMatchOut,
    OpportunityOut,
    VolunteerMatchOut,
)
from council.api.schemas import Id
from council.lib.forms import valid_data
from council.projects.access import get_opportunity_for_editor
from council.projects.forms.search import OpportunitySearchForm
from council.projects.selectors.matching import (
    OpportunityMatch,
    VolunteerMatch,
    opportunities_for_you,
    volunteers_suggested,
)
from council.projects.selectors.search import opportunity_search

router = Router()


# Before /opportunities/{opportunity_id}, whose path they would otherwise look like.
@router.get("/opportunities/search", response=page_of(OpportunityOut), auth=PUBLIC, tags=["search"])
def opportunity_search_list(request: HttpRequest, filters: Query[SearchParams]) -> dict[str, Any]:
    """Open opportunities matching every filter given, as on the search page: full text in
    Russian, Kazakh and English (any word form), place (a city, optionally with a radius),
    cause, SDG goal, skill, language, dates, online, open to minors, with free seats."""
    data = filters.model_dump(exclude={"cursor", "limit"}, exclude_none=True)
    if "country" in data:
        data["country"] = data["country"].upper()
    form = OpportunitySearchForm(data=data)
    valid_data(form)
    search = form.search_filters()
    opportunities = opportunity_search(**search)
    return paginate_by_position(opportunities, key=f"search-{search['sort']}", params=filters)


@router.get("/opportunities/for-you", response=list[OpportunityMatchOut], tags=["search"])
def opportunity_for_you(
    request: AuthenticatedRequest, params: Query[MatchParams]
) -> list[OpportunityMatch]:
    """Open opportunities that fit the caller's volunteer profile, best first, with the
    reasons; empty without a profile."""
    return opportunities_for_you(user=request.user, limit=params.limit)


@router.get(
    "/opportunities/{opportunity_id}/suggestions", response=list[VolunteerMatchOut], tags=["search"]
)
def opportunity_suggestions(
    request: AuthenticatedRequest, opportunity_id: Id, params: Query[MatchParams]
) -> list[VolunteerMatch]:
    """Volunteers who let organisers find them and fit this opportunity, best first
    (organisers of the project)."""
    opportunity = get_opportunity_for_editor(user=request.user, pk=opportunity_id)
    return volunteers_suggested(opportunity=opportunity, limit=params.limit)
