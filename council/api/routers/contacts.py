"""An organisation's contact list (people invited, not signed up), for its admins and
coordinators: list, add, invite, erase. The rules live in
council/volunteers/services/contacts.py."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from ninja import Field, Query, Router, Schema, Status
from pydantic import ConfigDict

from council.accounts.http import AuthenticatedRequest
from council.api.actions import Arguments, acts_on
from council.api.pagination import CursorParams, page_of, paginate
from council.api.schemas import CountryCode, Day, Id, PlainText, SearchText
from council.lib.forms import valid_data
from council.volunteers import access
from council.volunteers.forms import ContactForm
from council.volunteers.models import Contact, ContactStatus, ErasureReason
from council.volunteers.selectors import contacts_of
from council.volunteers.services import contacts as services

router = Router(tags=["contacts"])


class ContactOut(Schema):
    id: int
    organisation: int = Field(description="Id of the organisation whose list holds it")
    status: ContactStatus
    given_name: str
    family_name: str
    patronymic: str
    given_name_latin: str
    family_name_latin: str
    email: str
    phone: str = Field(description="E.164")
    date_of_birth: date | None
    preferred_language: str = Field(description="ru, kk or en; empty once erased")
    home_country: str | None = Field(description="ISO 3166-1 alpha-2 code")
    external_id: str
    source: str = Field(description='"manual", "api" or "import:<id>"')
    created_at: datetime
    invited_at: datetime | None
    invitation_expires_at: datetime | None
    invitation_count: int
    accepted_at: datetime | None
    erase_after: date | None = Field(description="Erased on this day unless accepted")
    erased_at: datetime | None
    erasure_reason: ErasureReason | Literal[""]

    @staticmethod
    def resolve_organisation(obj: Contact) -> int:
        return obj.organisation_id

    @staticmethod
    def resolve_home_country(obj: Contact) -> str | None:
        return obj.home_country_id


class ContactIn(Schema):
    """A person for the contact list: a given or family name in some script; the rest may
    be left out. The phone number is read as a number of the home country (or of the
    organisation's) unless it starts with +, and stored in E.164."""

    model_config = ConfigDict(extra="forbid")

    given_name: PlainText = Field("", max_length=80)
    family_name: PlainText = Field("", max_length=80)
    patronymic: PlainText = Field("", max_length=80)
    given_name_latin: PlainText = Field("", max_length=80)
    family_name_latin: PlainText = Field("", max_length=80)
    email: str = Field("", max_length=254)
    phone: str = Field("", max_length=40)
    date_of_birth: Day | None = None
    preferred_language: Literal["", "ru", "kk", "en"] = Field(
        "", description="The invitation's language; empty: as in the organisation's country"
    )
    home_country: CountryCode | None = Field(None, description="ISO 3166-1 alpha-2 code")
    external_id: PlainText = Field("", max_length=64, description="Id in the source system")


class ContactFilter(CursorParams):
    q: SearchText | None = Field(
        None, description="Words of the name in Cyrillic or Latin, an email address or phone"
    )
    status: ContactStatus | None = None


class EraseIn(Schema):
    model_config = ConfigDict(extra="forbid")

    reason: Literal[ErasureReason.PERSON, ErasureReason.ORGANISATION] = Field(
        description="`person`: the person asked; `organisation`: the organisation's decision"
    )


@router.get("/organisations/{organisation_id}/contacts", response=page_of(ContactOut))
def contact_list(
    request: AuthenticatedRequest, organisation_id: Id, filters: Query[ContactFilter]
) -> dict[str, Any]:
    """The organisation's contact list, newest first (its admins and coordinators)."""
    organisation = access.get_organisation_for_contacts(user=request.user, pk=organisation_id)
    contacts = contacts_of(
        organisation=organisation, query=filters.q or "", status=filters.status or ""
    )
    return paginate(contacts, key="-created_at", params=filters)


@router.post("/organisations/{organisation_id}/contacts", response={201: ContactOut})
def contact_create(
    request: AuthenticatedRequest, organisation_id: Id, payload: ContactIn
) -> Status[Contact]:
    """Add a person to the contact list: no account, no password, no mail until invited."""
    organisation = access.get_organisation_for_contacts(user=request.user, pk=organisation_id)
    data = payload.model_dump()
    data["home_country"] = (payload.home_country or "").upper()
    data["date_of_birth"] = payload.date_of_birth.isoformat() if payload.date_of_birth else ""
    fields = valid_data(ContactForm(data=data))
    contact = services.contact_create(
        organisation=organisation, actor=request.user, source="api", **fields
    )
    return Status(201, contact)


@router.get("/contacts/{contact_id}", response=ContactOut)
def contact_detail(request: AuthenticatedRequest, contact_id: Id) -> Contact:
    """One contact of an organisation whose list the caller keeps."""
    return access.get_contact_for_organiser(user=request.user, pk=contact_id)


def _again(request: Any, contact: Contact, result: Any) -> Contact:
    contact.refresh_from_db()  # the service wrote its own copy of the row
    return contact


@router.post("/contacts/{contact_id}/invite", response=ContactOut)
@acts_on(access.get_contact_for_organiser, services.contact_invite, "contact", answer=_again)
def contact_invite() -> Arguments:
    """Mail the person an invitation in their language (again: a new link; the earlier one
    stops working). Refused without an email address."""
    return {}


@router.post("/contacts/{contact_id}/erase", response=ContactOut)
@acts_on(access.get_contact_for_organiser, services.contact_erase, "contact", answer=_again)
def contact_erase(payload: EraseIn) -> Arguments:
    """Remove every personal field, keeping an anonymous tombstone."""
    return {"reason": payload.reason}
