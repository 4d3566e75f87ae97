"""International assignments over the API: those open for candidates, and becoming one, with
the rules of the pages (council/deployments/)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema
from pydantic import ConfigDict

from council.api.actions import Arguments, signs_up
from council.api.auth import PUBLIC
from council.api.routers.cooperation import CouncilOrganisationRef, _organisation, council_item
from council.api.schemas import Id, Names
from council.deployments import access, selectors, services
from council.deployments.models import Assignment

router = Router(tags=["cooperation"])


class CandidacyOut(Schema):
    id: int
    status: str
    created_at: Any


class AssignmentOut(Schema):
    id: int
    council: int = Field(alias="council_id")
    title: str
    titles: Names
    host: CouncilOrganisationRef
    country: str
    duty_station: str
    starts_on: date
    ends_on: date
    months: int
    skills: list[str]
    languages: dict[str, str] = Field(description="Language code → the lowest CEFR level")
    funding_agreement: int | None
    funding_line: str
    status: str


class CandidacyIn(Schema):
    model_config = ConfigDict(extra="forbid")

    motivation: str = Field("", max_length=4000)


def _assignment(assignment: Assignment) -> dict[str, Any]:
    return {
        **council_item(assignment),
        "host": _organisation(assignment.host),
        "country": assignment.country_id,
        "duty_station": assignment.duty_station,
        "starts_on": assignment.starts_on,
        "ends_on": assignment.ends_on,
        "months": assignment.months,
        "skills": [skill.slug for skill in assignment.skills.all()],
        "languages": {item.language_id: item.min_level for item in assignment.languages.all()},
        "funding_agreement": assignment.funding_agreement_id,
        "funding_line": assignment.funding_line,
        "status": assignment.status,
    }


@router.get("/assignments", response=list[AssignmentOut], auth=PUBLIC)
def assignment_list(request: HttpRequest) -> list[dict[str, Any]]:
    """International assignments open for candidates, soonest first."""
    return [_assignment(assignment) for assignment in selectors.open_assignments_with_terms()]


@router.get("/assignments/{assignment_id}", response=AssignmentOut, auth=PUBLIC)
def assignment_detail(request: HttpRequest, assignment_id: Id) -> dict[str, Any]:
    return _assignment(access.get_assignment_for_viewer(user=request.user, pk=assignment_id))


@router.post("/assignments/{assignment_id}/candidacies", response={201: CandidacyOut})
@signs_up(access.get_assignment_for_viewer, services.candidacy_apply, "assignment")
def assignment_apply(payload: CandidacyIn) -> Arguments:
    """Be a candidate (volunteers in the talent pool)."""
    return {"motivation": payload.motivation}
