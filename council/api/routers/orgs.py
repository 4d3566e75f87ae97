"""Organisations: the public directory, one organisation, and registering a new one."""

from __future__ import annotations

from datetime import datetime
from typing import Any, cast

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status
from pydantic import ConfigDict

from council.accounts.http import AuthenticatedRequest
from council.api.auth import PUBLIC
from council.api.pagination import CursorParams, page_of, paginate
from council.api.schemas import (
    CountryCode,
    DescriptionsIn,
    Id,
    Names,
    PlainText,
    SearchText,
    ShownText,
    StrictId,
    attribute,
    in_every_language,
    translated_text,
)
from council.lib.forms import valid_data
from council.orgs import services
from council.orgs.access import get_organisation_for_viewer
from council.orgs.forms import OrganisationForm
from council.orgs.models import Organisation, OrganisationKind, OrganisationStatus
from council.orgs.selectors import organisations_public

router = Router(tags=["organisations"])


class CountryRef(Schema):
    code: str
    name: str


class PlaceRef(Schema):
    id: int
    name: str


class OrganisationOut(Schema):
    id: int
    kind: OrganisationKind
    status: OrganisationStatus
    name: ShownText
    names: Names
    description: str
    descriptions: Names
    country: CountryRef
    region: PlaceRef | None
    city: PlaceRef | None
    parent: int | None = Field(description="Id of the parent network")
    registration_number: str
    tax_number: str
    website: str
    email: str
    created_at: datetime

    resolve_names = in_every_language()
    resolve_description, resolve_descriptions = translated_text("description")

    resolve_parent = attribute("parent_id")


class _KindAndNamesIn(Schema):
    kind: OrganisationKind
    name_ru: PlainText | None = Field(None, max_length=200)
    name_kk: PlainText | None = Field(None, max_length=200)
    name_en: PlainText | None = Field(None, max_length=200)


class OrganisationIn(DescriptionsIn, _KindAndNamesIn):
    """A new organisation. Give the name in at least one language; places are ids from the
    reference endpoints (country by its ISO code)."""

    model_config = ConfigDict(extra="forbid")

    country: CountryCode = Field(description="ISO 3166-1 alpha-2 code")
    region: StrictId | None = Field(None, description="Region id")
    city: StrictId | None = Field(None, description="City id")
    parent: StrictId | None = Field(None, description="Id of a verified parent network")
    registration_number: str | None = Field(None, max_length=40)
    tax_number: str | None = Field(None, max_length=40)
    website: str | None = Field(None, max_length=200)
    email: str | None = Field(None, max_length=254, json_schema_extra={"format": "email"})

    def form_data(self) -> dict[str, Any]:
        data = {name: "" if value is None else value for name, value in self}
        data["country"] = self.country.upper()
        return data


class OrganisationFilter(CursorParams):
    country: CountryCode | None = Field(None, description="ISO 3166-1 alpha-2 code")
    kind: OrganisationKind | None = None
    q: SearchText | None = Field(None, description="Part of the name in any language")


@router.get("/organisations", response=page_of(OrganisationOut), auth=PUBLIC)
def organisation_list(request: HttpRequest, filters: Query[OrganisationFilter]) -> dict[str, Any]:
    """Verified organisations, oldest first, so that a client can walk the whole directory."""
    organisations = organisations_public(
        country=filters.country, kind=filters.kind, query=filters.q
    )
    return paginate(organisations, key="created_at", params=filters)


@router.get("/organisations/{organisation_id}", response=OrganisationOut, auth=PUBLIC)
def organisation_detail(request: HttpRequest, organisation_id: Id) -> Organisation:
    """A verified organisation, or a pending one to its members and verifiers."""
    return get_organisation_for_viewer(user=request.user, pk=organisation_id)


@router.post("/organisations", response={201: OrganisationOut})
def organisation_register(
    request: AuthenticatedRequest, payload: OrganisationIn
) -> Status[Organisation]:
    """Register an organisation; it waits for verification, and the caller becomes its first
    administrator. Needs a write token or a signed-in session."""
    # The web form's validation (choices, places within the country) serves the API too.
    data = valid_data(OrganisationForm(data=payload.form_data()))
    fields = {name: data[name] for name in OrganisationIn.model_fields}
    organisation = services.organisation_register(
        actor=request.user, **cast(services.OrganisationFields, fields)
    )
    return Status(201, organisation)
