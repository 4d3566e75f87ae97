"""Applications: a volunteer applies, sees and withdraws their own; organisers list the
applicants of an opportunity and decide. The rules (eligibility, seats, the waiting list,
overlapping shifts) live in council/projects/services/applications.py."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from django.core.exceptions import ValidationError
from django.utils.translation import ngettext
from ninja import Field, Query, Router, Schema
from pydantic import ConfigDict

from council.accounts.http import AuthenticatedRequest
from council.api.actions import Arguments, acts_on
from council.api.pagination import CursorParams, page_of, paginate
from council.api.routers.projects.schemas import ProjectRef
from council.api.schemas import Id, StrictId, text_at
from council.lib.forms import valid_data
from council.projects.access import (
    get_application_for_organiser,
    get_application_for_volunteer,
    get_opportunity_for_applicant,
    get_opportunity_for_editor,
)
from council.projects.forms.applications import ApplyForm, DecisionForm
from council.projects.models import Application, ApplicationStatus, Opportunity
from council.projects.selectors.applications import (
    applications_for_opportunity,
    applications_for_volunteer,
)
from council.projects.services import applications as services

router = Router(tags=["applications"])


class OpportunityRef(Schema):
    id: int
    title: str
    project: ProjectRef


class ShiftRef(Schema):
    id: int
    start: datetime = Field(description="UTC")
    end: datetime = Field(description="UTC")
    timezone: str = Field(description="IANA time zone of the place")


class Answer(Schema):
    question: str
    answer: str


class ApplicationOut(Schema):
    id: int
    status: ApplicationStatus
    opportunity: OpportunityRef
    shift: ShiftRef | None
    motivation: str
    answers: list[Answer]
    reason: str = Field(description="Given with a rejection")
    created_at: datetime
    decided_at: datetime | None

    @staticmethod
    def resolve_shift(obj: Application) -> dict[str, Any] | None:
        shift = obj.shift
        if shift is None:
            return None
        zone = obj.opportunity.timezone
        return {"id": shift.pk, "start": shift.start, "end": shift.end, "timezone": zone}


class ApplicantRef(Schema):
    id: int
    name: str
    email: str

    resolve_name = text_at("display_name")


class ApplicantOut(ApplicationOut):
    volunteer: ApplicantRef


class ApplicationIn(Schema):
    model_config = ConfigDict(extra="forbid")

    shift: StrictId | None = Field(
        None, description="Id of an upcoming shift; required when the opportunity has shifts"
    )
    motivation: str = Field("", max_length=4000)
    answers: list[Annotated[str, Field(max_length=2000)]] = Field(
        [], description="Answers to the opportunity's `questions`, in the same order"
    )


class ApplicationDecisionIn(Schema):
    model_config = ConfigDict(extra="forbid")

    decision: Literal["accept", "waitlist", "reject"]
    reason: str = Field("", max_length=2000, description="Required to reject; mailed to them")


class ApplicantFilter(CursorParams):
    status: ApplicationStatus | None = None
    shift: Id | None = Field(None, description="Shift id")


@router.get("/applications/mine", response=page_of(ApplicationOut))
def application_mine(request: AuthenticatedRequest, page: Query[CursorParams]) -> dict[str, Any]:
    """The caller's applications, newest first."""
    return paginate(applications_for_volunteer(user=request.user), key="-created_at", params=page)


def _apply_form(opportunity: Opportunity, payload: ApplicationIn) -> ApplyForm:
    """The opportunity page's form over the payload, checked: the shift must be an upcoming one
    of this opportunity; an error about an answer names it `answers.<number>`."""
    questions = opportunity.question_list
    if len(payload.answers) > len(questions):
        raise ValidationError(
            {
                "answers": ngettext(
                    "This opportunity asks %(count)d question.",
                    "This opportunity asks %(count)d questions.",
                    len(questions),
                )
                % {"count": len(questions)}
            }
        )
    data: dict[str, Any] = {"shift": payload.shift or "", "motivation": payload.motivation}
    data.update({f"answer_{number}": text for number, text in enumerate(payload.answers)})
    form = ApplyForm(data=data, opportunity=opportunity)
    try:
        valid_data(form)
    except ValidationError as error:
        raise ValidationError(
            {
                f"answers.{name.removeprefix('answer_')}" if name.startswith("answer_") else name: (
                    messages
                )
                for name, messages in error.message_dict.items()
            }
        ) from None
    return form


@router.post("/opportunities/{opportunity_id}/applications", response={201: ApplicationOut})
@acts_on(
    get_opportunity_for_applicant,
    services.application_submit,
    "opportunity",
    actor="volunteer",
    created=True,
)
def application_submit(payload: ApplicationIn, opportunity: Opportunity) -> Arguments:
    """Apply. With instant confirmation the place is confirmed at once, or the caller joins
    the waiting list when the shift is full; otherwise the organiser decides."""
    form = _apply_form(opportunity, payload)
    return {
        "shift": form.cleaned_data.get("shift"),
        "motivation": form.cleaned_data.get("motivation", ""),
        "answers": form.answers(),
    }


@router.post("/applications/{application_id}/withdraw", response=ApplicationOut)
@acts_on(
    get_application_for_volunteer, services.application_withdraw, "application", actor="volunteer"
)
def application_withdraw() -> Arguments:
    """Withdraw one of the caller's applications; a freed seat goes to the waiting list."""
    return {}


@router.get("/opportunities/{opportunity_id}/applications", response=page_of(ApplicantOut))
def application_list(
    request: AuthenticatedRequest, opportunity_id: Id, filters: Query[ApplicantFilter]
) -> dict[str, Any]:
    """The opportunity's applications, in the order they came in (organisers)."""
    opportunity = get_opportunity_for_editor(user=request.user, pk=opportunity_id)
    applications = applications_for_opportunity(
        opportunity=opportunity, status=filters.status, shift_id=filters.shift
    )
    page = paginate(applications, key="created_at", params=filters)
    for application in page["items"]:
        application.opportunity = opportunity
    return page


@router.post("/applications/{application_id}/decision", response=ApplicantOut)
@acts_on(get_application_for_organiser, services.application_decide, "application")
def application_decide(payload: ApplicationDecisionIn) -> Arguments:
    """Accept, put on the waiting list, or reject with a reason (organisers). The volunteer
    is told by email."""
    return valid_data(DecisionForm(data=payload.model_dump()))
