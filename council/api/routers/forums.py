"""Forums over the API: forums, quotas with availability, registration, delegations and the
check-in desk, with the rules of the pages (council/forums/services/)."""

from __future__ import annotations

from datetime import date, datetime
from functools import partial
from typing import Annotated, Any, Literal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status
from pydantic import ConfigDict

from council.accounts.http import AuthenticatedRequest
from council.accounts.models import User
from council.api.actions import Arguments, acts_on, signs_up
from council.api.auth import PUBLIC
from council.api.pagination import CursorParams, page_of, paginate
from council.api.schemas import Flag, Id, StrictId, text_at
from council.forums import access
from council.forums.forms import HeadIdForm, PersonIdForm
from council.forums.models import (
    Delegation,
    DelegationMember,
    Forum,
    ForumSession,
    MemberStatus,
    QuotaKind,
    Registration,
    RegistrationStatus,
)
from council.forums.selectors import (
    checkin_counts,
    confirmed_registration_of,
    delegation_members,
    forum_programme,
    forums_public,
    quotas_with_seats,
)
from council.forums.services import check_in as check_in_services
from council.forums.services import delegations as delegation_services
from council.forums.services import registrations as services
from council.forums.services import sessions as session_services
from council.lib.forms import valid_data

router = Router(tags=["forums"])


class ForumOut(Schema):
    id: int
    title: str
    description: str
    host: str
    city: str
    country: str
    venue: str
    timezone: str
    starts_on: date
    ends_on: date
    capacity: int
    registration_opens: datetime
    registration_closes: datetime

    resolve_host = text_at("host.name")

    resolve_city = text_at("city.name")

    resolve_country = text_at("city.country_id")


class QuotaOut(Schema):
    id: int
    name: str
    kind: QuotaKind
    country: str | None = Field(None, alias="country_id")
    organisation: int | None = Field(None, alias="organisation_id")
    size: int | None
    taken: int
    free: int | None
    state: Literal["available", "sold_out"]


class SessionOut(Schema):
    id: int
    title: str
    track: str
    room: str
    start: datetime
    end: datetime
    capacity: int | None
    taken: int
    free: int | None
    mine: bool = Field(description="The caller is signed up")


class RegistrationIn(Schema):
    model_config = ConfigDict(extra="forbid")

    answers: dict[
        Annotated[str, Field(pattern=r"^[1-9][0-9]{0,17}$")],
        Annotated[str, Field(max_length=2000)],
    ] = Field(
        {},
        description="Question id → answer",
        json_schema_extra={"additionalProperties": False},
    )
    cross_border_consent: Flag = Field(
        False, description="Required once for a forum in another country than one's home"
    )


class RegistrationOut(Schema):
    id: int
    forum: int = Field(alias="forum_id")
    quota: int = Field(alias="quota_id")
    status: RegistrationStatus
    hold_expires_at: datetime | None
    created_at: datetime


class DelegationIn(Schema):
    model_config = ConfigDict(extra="forbid")

    quota: StrictId
    head: StrictId = Field(description="User id of the head of delegation")


class DelegationOut(Schema):
    id: int
    forum: int = Field(alias="forum_id")
    quota: int = Field(alias="quota_id")
    organisation: int = Field(alias="organisation_id")
    head: int = Field(alias="head_id")


class PersonIn(Schema):
    model_config = ConfigDict(extra="forbid")

    person: StrictId = Field(description="User id")


class MemberOut(Schema):
    id: int
    delegation: int = Field(alias="delegation_id")
    person: int = Field(alias="person_id")
    name: str
    status: MemberStatus
    reason: str
    arrival: datetime | None
    departure: datetime | None
    transport: str
    accommodation_needed: bool
    visa_support_needed: bool

    resolve_name = text_at("person.display_name")


class RespondIn(Schema):
    model_config = ConfigDict(extra="forbid")

    accept: Flag
    cross_border_consent: Flag = False


class MemberDecisionIn(Schema):
    model_config = ConfigDict(extra="forbid")

    approve: Flag
    reason: str = Field("", max_length=2000)


class CheckInIn(Schema):
    model_config = ConfigDict(extra="forbid")

    code: str = Field(max_length=40)


class CheckInOut(Schema):
    registration: int
    name: str
    counted: bool = Field(description="False for a repeated scan")
    checked_in_at: datetime
    counts: dict[str, int]


def _person(pk: int) -> User:
    """The active person of that id, through the form the pages' rules use."""
    person: User = valid_data(PersonIdForm({"person": pk}))["person"]
    return person


@router.get("/forums", response=page_of(ForumOut), auth=PUBLIC)
def forum_list(request: HttpRequest, page: Query[CursorParams]) -> dict[str, Any]:
    """Published forums, soonest first."""
    return paginate(forums_public(), key="starts_on", params=page)


@router.get("/forums/{forum_id}", response=ForumOut, auth=PUBLIC)
def forum_detail(request: HttpRequest, forum_id: Id) -> Forum:
    return access.get_forum_for_viewer(user=request.user, pk=forum_id)


@router.get("/forums/{forum_id}/quotas", response=list[QuotaOut], auth=PUBLIC)
def quota_list(request: HttpRequest, forum_id: Id) -> list[dict[str, Any]]:
    """Each quota with its seats taken and free (confirmed, live holds, pending members)."""
    forum = access.get_forum_for_viewer(user=request.user, pk=forum_id)
    return [
        {
            "id": quota.pk,
            "name": quota.name,
            "kind": quota.kind,
            "country_id": quota.country_id,
            "organisation_id": quota.organisation_id,
            "size": quota.size,
            "taken": seats.taken,
            "free": seats.free,
            "state": seats.state,
        }
        for quota, seats in quotas_with_seats(forum=forum)
    ]


@router.get("/forums/{forum_id}/sessions", response=list[SessionOut], auth=PUBLIC)
def session_list(request: HttpRequest, forum_id: Id) -> list[Any]:
    """The programme: each session with its seats taken and free, and `mine` for the caller."""
    forum = access.get_forum_for_viewer(user=request.user, pk=forum_id)
    return forum_programme(forum=forum, registration=_confirmed(request, forum))


def _programme_entry(request: HttpRequest, session: ForumSession, _result: object) -> Any:
    """The session as the programme lists it for the caller, after the action."""
    forum = access.get_forum_for_viewer(user=request.user, pk=session.forum_id)
    programme = forum_programme(forum=forum, registration=_confirmed(request, forum))
    return next(entry for entry in programme if entry.pk == session.pk)


# A seat in a session, taken or given back; the programme's entry for it is the answer.
on_session = partial(
    acts_on,
    access.get_session_for_viewer,
    target="session",
    actor="person",
    answer=_programme_entry,
)


@router.post("/sessions/{session_id}/signup", response={201: SessionOut})
@on_session(session_services.session_sign_up, created=True)
def session_sign_up() -> Arguments:
    """A confirmed participant takes a seat in the session; a full session answers 422."""
    return {}


@router.post("/sessions/{session_id}/leave", response=SessionOut)
@on_session(session_services.session_leave)
def session_leave() -> Arguments:
    return {}


def _confirmed(request: HttpRequest, forum: Forum) -> Registration | None:
    return confirmed_registration_of(user=request.user, forum=forum)


@router.post("/forums/{forum_id}/registrations", response={201: RegistrationOut})
@signs_up(access.get_forum_for_viewer, services.registration_create, "forum")
def registration_create(payload: RegistrationIn) -> Arguments:
    """Register in the forum's open quota: confirmed, or on the waiting list."""
    return {
        "answers": {int(question): answer for question, answer in payload.answers.items()},
        "cross_border_consent": payload.cross_border_consent,
    }


on_registration = partial(acts_on, access.get_registration_for_person, target="registration")


@router.post("/registrations/{registration_id}/cancel", response=RegistrationOut)
@on_registration(services.registration_cancel)
def registration_cancel() -> Arguments:
    return {}


@router.post("/registrations/{registration_id}/accept", response=RegistrationOut)
@on_registration(services.registration_accept_offer, actor="person")
def registration_accept() -> Arguments:
    """Take the seat offered from the waiting list while the hold lasts."""
    return {}


@router.post("/forums/{forum_id}/delegations", response={201: DelegationOut})
def delegation_create(
    request: AuthenticatedRequest, forum_id: Id, payload: DelegationIn
) -> Status[Delegation]:
    """Form the delegation of a quota (its organisation's admins and coordinators)."""
    quota = access.get_quota_for_sender(user=request.user, pk=payload.quota, forum_id=forum_id)
    head = valid_data(HeadIdForm({"head": payload.head}))["head"]
    delegation = delegation_services.delegation_create(actor=request.user, quota=quota, head=head)
    return Status(201, delegation)


@router.get("/delegations/{delegation_id}/members", response=list[MemberOut])
def member_list(request: AuthenticatedRequest, delegation_id: Id) -> list[DelegationMember]:
    """The delegation's members (its head and sending organisation only)."""
    delegation = access.get_delegation_for_sender(user=request.user, pk=delegation_id)
    return list(delegation_members(delegation=delegation))


@router.post("/delegations/{delegation_id}/members", response={201: MemberOut})
@acts_on(
    access.get_delegation_for_sender, delegation_services.member_invite, "delegation", created=True
)
def member_invite(payload: PersonIn) -> Arguments:
    return {"person": _person(payload.person)}


# The member's own answers to a place in a delegation.
on_own_member = partial(acts_on, access.get_member_for_person, target="member", actor="person")


@router.post("/members/{member_id}/respond", response=MemberOut)
@on_own_member(delegation_services.member_respond)
def member_respond(payload: RespondIn) -> Arguments:
    return {"accept": payload.accept, "cross_border_consent": payload.cross_border_consent}


@router.post("/members/{member_id}/withdraw", response=MemberOut)
@on_own_member(delegation_services.member_withdraw)
def member_withdraw() -> Arguments:
    """The member leaves the delegation; a confirmed seat is cancelled."""
    return {}


@router.post("/members/{member_id}/decision", response=MemberOut)
@acts_on(access.get_member_for_host, delegation_services.member_decide, "member")
def member_decide(payload: MemberDecisionIn) -> Arguments:
    """The host approves or rejects (with a reason) a nominated member."""
    return {"approve": payload.approve, "reason": payload.reason}


@router.post("/members/{member_id}/substitute", response={201: MemberOut})
@acts_on(
    access.get_member_for_sender, delegation_services.member_substitute, "member", created=True
)
def member_substitute(payload: PersonIn) -> Arguments:
    """Replace a member before the forum's substitution deadline."""
    return {"person": _person(payload.person)}


@router.post("/forums/{forum_id}/check-in", response=CheckInOut)
def check_in(request: AuthenticatedRequest, forum_id: Id, payload: CheckInIn) -> dict[str, Any]:
    """Check a participant in by their badge code (the forum's host)."""
    forum = access.get_forum_for_host(user=request.user, pk=forum_id)
    result = check_in_services.registration_check_in(
        actor=request.user, forum=forum, code=payload.code
    )
    return {
        "registration": result.registration.pk,
        "name": str(result.registration.person.display_name),
        "counted": result.counted,
        "checked_in_at": result.registration.checked_in_at,
        "counts": checkin_counts(forum=forum),
    }
