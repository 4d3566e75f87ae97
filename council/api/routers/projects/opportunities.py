"""A project's opportunities and their shifts: read them (public, as the pages show them), add
and change them (organisers, through council/projects/services/opportunities.py and
shifts.py)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router, Status

from council.accounts.http import AuthenticatedRequest
from council.api.auth import PUBLIC
from council.api.pagination import CursorParams, page_of, paginate
from council.api.routers.projects.parsing import language_requirements, local, opportunity_form
from council.api.routers.projects.payloads import (
    OpportunityIn,
    OpportunityPatch,
    ShiftIn,
    ShiftPatch,
)
from council.api.routers.projects.schemas import OpportunityDetailOut, OpportunityOut, ShiftOut
from council.api.schemas import Id
from council.projects.access import (
    get_opportunity_for_editor,
    get_opportunity_for_viewer,
    get_project_for_editor,
    get_project_for_viewer,
    get_shift_for_editor,
)
from council.projects.models import Opportunity, Shift
from council.projects.selectors.projects import (
    opportunity_form_values,
    opportunity_with_seats,
    project_opportunity_rows,
    shift_with_seats,
)
from council.projects.services import opportunities as services
from council.projects.services import shifts as shift_services

router = Router()


# --- opportunities --------------------------------------------------------------------------


@router.get("/projects/{project_id}/opportunities", response=page_of(OpportunityOut), auth=PUBLIC)
def project_opportunities(
    request: HttpRequest, project_id: Id, page: Query[CursorParams]
) -> dict[str, Any]:
    """The project's opportunities, in the order they were added."""
    project = get_project_for_viewer(user=request.user, pk=project_id)
    opportunities = project_opportunity_rows(user=request.user, project=project, at=timezone.now())
    result = paginate(opportunities, key="created_at", params=page)
    for opportunity in result["items"]:
        opportunity.project = project
    return result


@router.post("/projects/{project_id}/opportunities", response={201: OpportunityDetailOut})
def opportunity_create(
    request: AuthenticatedRequest, project_id: Id, payload: OpportunityIn
) -> Status[Opportunity]:
    """Add an opportunity to a draft or published project (organisers)."""
    project = get_project_for_editor(user=request.user, pk=project_id)
    form = opportunity_form(payload.model_dump(exclude={"languages"}), project=project)
    languages = language_requirements(payload.languages)
    opportunity = services.opportunity_create(
        actor=request.user, project=project, languages=languages, **form.service_kwargs()
    )
    return Status(201, opportunity_with_seats(opportunity=opportunity))


@router.get("/opportunities/{opportunity_id}", response=OpportunityDetailOut, auth=PUBLIC)
def opportunity_detail(request: HttpRequest, opportunity_id: Id) -> Opportunity:
    """An opportunity with its upcoming shifts and their free seats."""
    opportunity = get_opportunity_for_viewer(user=request.user, pk=opportunity_id)
    return opportunity_with_seats(opportunity=opportunity)


@router.patch("/opportunities/{opportunity_id}", response=OpportunityDetailOut)
def opportunity_update(
    request: AuthenticatedRequest, opportunity_id: Id, payload: OpportunityPatch
) -> Opportunity:
    """Change an opportunity (organisers). When the city changes and the coordinates or time
    zone are not given, they follow the new city."""
    opportunity = get_opportunity_for_editor(user=request.user, pk=opportunity_id)
    given = payload.model_dump(exclude_unset=True, exclude={"languages"})
    form = opportunity_form(
        {**opportunity_form_values(opportunity=opportunity), **given},
        instance=opportunity,
        project=opportunity.project,
    )
    languages = None
    if "languages" in payload.model_fields_set:
        languages = language_requirements(payload.languages)
    opportunity = services.opportunity_update(
        actor=request.user, opportunity=opportunity, languages=languages, **form.service_kwargs()
    )
    return opportunity_with_seats(opportunity=opportunity)


# --- shifts ---------------------------------------------------------------------------------


@router.post("/opportunities/{opportunity_id}/shifts", response={201: ShiftOut})
def shift_create(
    request: AuthenticatedRequest, opportunity_id: Id, payload: ShiftIn
) -> Status[Shift]:
    """Add a shift (organisers). It must start in the future and end after it starts."""
    opportunity = get_opportunity_for_editor(user=request.user, pk=opportunity_id)
    zone = opportunity.timezone
    shift = shift_services.shift_create(
        actor=request.user,
        opportunity=opportunity,
        start=local(payload.start, zone),
        end=local(payload.end, zone),
        capacity=payload.capacity,
    )
    return Status(201, shift_with_seats(shift=shift))


@router.patch("/shifts/{shift_id}", response=ShiftOut)
def shift_update(request: AuthenticatedRequest, shift_id: Id, payload: ShiftPatch) -> Shift:
    """Move or resize a shift that has not started (organisers); not below its confirmed
    volunteers."""
    shift = get_shift_for_editor(user=request.user, pk=shift_id)
    zone = shift.opportunity.timezone
    shift = shift_services.shift_update(
        actor=request.user,
        shift=shift,
        start=local(payload.start, zone) if payload.start else shift.start,
        end=local(payload.end, zone) if payload.end else shift.end,
        capacity=payload.capacity if payload.capacity is not None else shift.capacity,
    )
    return shift_with_seats(shift=shift)


@router.delete("/shifts/{shift_id}", response={204: None})
def shift_delete(request: AuthenticatedRequest, shift_id: Id) -> Status[None]:
    """Delete a shift without live applications (organisers)."""
    shift = get_shift_for_editor(user=request.user, pk=shift_id)
    shift_services.shift_delete(actor=request.user, shift=shift)
    return Status(204, None)
