"""References both ways, milestones and letters of recommendation. The rules (after the shift,
one per place, 30 days to change, the volunteer decides what the record book shows, letters
only for verified hours) live in council/hours/services/references.py and letters.py."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from django.http import Http404, HttpRequest
from ninja import Field, Router, Schema
from pydantic import ConfigDict

from council.accounts.http import AuthenticatedRequest
from council.api.actions import Arguments, acts_on
from council.api.auth import PUBLIC
from council.api.routers.hours import Named, RevokeIn
from council.api.schemas import Flag, Id, StrictId
from council.hours import access, selectors
from council.hours.models import RecommendationLetter, Reference
from council.hours.reference_models import MAX_LETTER, MAX_REFERENCE
from council.hours.services import letters as letter_services
from council.hours.services import references as services
from council.orgs.models import Organisation
from council.volunteers.milestones import milestones_for

router = Router(tags=["references"])

Stars = Annotated[int, Field(ge=1, le=5, strict=True)]


class ReferenceOut(Schema):
    id: int
    application: int = Field(alias="application_id")
    organisation: Named
    rating: int
    no_show: bool
    punctual: bool
    text: str
    shown_in_record_book: bool
    written_at: datetime
    updated_at: datetime


class ReferenceIn(Schema):
    model_config = ConfigDict(extra="forbid")

    rating: Stars
    no_show: Flag = False
    punctual: Flag = True
    text: str = Field("", max_length=MAX_REFERENCE)


class ShowIn(Schema):
    model_config = ConfigDict(extra="forbid")

    shown: Flag = Field(description="Show the reference in the record book and its JSON")


class ExperienceIn(Schema):
    model_config = ConfigDict(extra="forbid")

    rating: Stars
    comment: str = Field("", max_length=MAX_REFERENCE)


class ExperienceOut(Schema):
    id: int
    application: int = Field(alias="application_id")
    organisation: int = Field(alias="organisation_id")
    rating: int
    comment: str
    rated_at: datetime


class ExperienceSummaryOut(Schema):
    count: int
    average: Decimal | None = Field(description="To one decimal; null without ratings")
    by_rating: dict[int, int] = Field(description="How many ratings of 5, 4, 3, 2 and 1")


class MilestoneOut(Schema):
    key: str = Field(description='"hours_10" … "hours_500", "first_forum", "first_cross_border"')
    label: str
    achieved_on: date
    detail: str


class LetterOut(Schema):
    id: int
    code: str
    volunteer_name: str
    organisation: Named
    language: str
    hours: Decimal
    signatory_name: str
    issued_at: datetime
    revoked_at: datetime | None
    revocation_reason: str


class LetterIn(Schema):
    model_config = ConfigDict(extra="forbid")

    volunteer: StrictId = Field(description="User id of the volunteer")
    text: str = Field(max_length=MAX_LETTER)
    language: Literal["", "ru", "kk", "en"] = Field("", description="Default: the volunteer's")


class LetterCheck(Schema):
    code: str
    status: Literal["valid", "revoked"]
    volunteer_name: str
    organisation: str
    hours: Decimal
    signatory_name: str
    issued_at: datetime
    revoked_at: datetime | None
    revocation_reason: str


@router.get("/references/mine", response=list[ReferenceOut])
def references_mine(request: AuthenticatedRequest) -> list[Reference]:
    """The references organisers wrote on the caller's places."""
    return list(selectors.references_for_volunteer(user=request.user))


@router.post("/references/{reference_id}/show", response=ReferenceOut)
@acts_on(
    access.get_reference_for_volunteer, services.reference_show, "reference", actor="volunteer"
)
def reference_show(payload: ShowIn) -> Arguments:
    """Show the reference in the record book (and its signed JSON), or hide it."""
    return {"shown": payload.shown}


@router.put("/applications/{application_id}/reference", response=ReferenceOut)
@acts_on(access.get_application_for_referee, services.reference_write, "application")
def reference_write(payload: ReferenceIn) -> Arguments:
    """Write the organisation's reference on a place whose shift has ended, or change it
    within 30 days; one per place."""
    return payload.model_dump()


@router.put("/applications/{application_id}/experience-rating", response=ExperienceOut)
@acts_on(
    access.get_application_for_rater, services.experience_rate, "application", actor="volunteer"
)
def experience_rate(payload: ExperienceIn) -> Arguments:
    """Rate the experience of one's own place once it has ended (or change it within 30
    days); the organisation sees the average and the comment, not the name."""
    return payload.model_dump()


@router.get("/organisations/{organisation_id}/experience-ratings", response=ExperienceSummaryOut)
def experience_summary(request: AuthenticatedRequest, organisation_id: Id) -> Any:
    """The volunteers' average rating of the organisation (its admins and coordinators)."""
    organisation = access.get_organisation_for_verifier(user=request.user, pk=organisation_id)
    return selectors.experience_summary(organisation_id=organisation.pk)


@router.get("/milestones/mine", response=list[MilestoneOut])
def milestones_mine(request: AuthenticatedRequest) -> list[dict[str, Any]]:
    """The caller's milestones: 10, 50, 100 and 500 verified hours, a first forum, a first
    cross-border project, the earliest first."""
    return [
        {
            "key": milestone.key,
            "label": str(milestone.label),
            "achieved_on": milestone.achieved_on,
            "detail": milestone.detail,
        }
        for milestone in milestones_for(user=request.user)
    ]


@router.get("/letters/mine", response=list[LetterOut])
def letters_mine(request: AuthenticatedRequest) -> list[RecommendationLetter]:
    return list(selectors.letters_for_volunteer(user=request.user))


@router.post("/organisations/{organisation_id}/letters", response={201: LetterOut})
@acts_on(
    access.get_organisation_for_verifier,
    letter_services.letter_issue,
    "organisation",
    created=True,
)
def letter_issue(payload: LetterIn, organisation: Organisation) -> Arguments:
    """Write a letter of recommendation in the organisation's name for a volunteer with
    verified hours with it; mailed to the volunteer."""
    return {
        "volunteer": selectors.active_volunteer(pk=payload.volunteer),
        "text": payload.text,
        "language": payload.language,
    }


@router.post("/letters/{letter_id}/revoke", response=LetterOut)
@acts_on(access.get_letter_for_issuer, letter_services.letter_revoke, "letter")
def letter_revoke(payload: RevokeIn) -> Arguments:
    return {"reason": payload.reason}


@router.get("/letters/check/{letter_code}", response=LetterCheck, auth=PUBLIC)
def letter_check(request: HttpRequest, letter_code: str) -> dict[str, Any]:
    """What a letter of recommendation says of the volunteer's hours, who signed it, and
    whether it was revoked (anyone, by its code)."""
    letter = letter_services.letter_by_code(code=letter_code)
    if letter is None:
        raise Http404
    return {
        "code": letter.code,
        "status": "valid" if letter.is_valid else "revoked",
        "volunteer_name": letter.volunteer_name,
        "organisation": str(letter.organisation.name),
        "hours": letter.hours,
        "signatory_name": letter.signatory_name,
        "issued_at": letter.issued_at,
        "revoked_at": letter.revoked_at,
        "revocation_reason": letter.revocation_reason,
    }
