"""The council's work over the API: councils with their countries side by side, agreements
with their extensions, programmes, the joint plan (as the pages let each person read it), the
status of a commitment, with the rules of the pages (council/cooperation/). Exchanges and
deployments have their own routers (`exchanges.py`, `deployments.py`)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Router, Schema
from pydantic import ConfigDict

from council.api.actions import Arguments, acts_on
from council.api.auth import PUBLIC
from council.api.schemas import Id, Names, names_of, translated_text
from council.cooperation import access, selectors
from council.cooperation.models import (
    Agreement,
    AgreementStatus,
    Commitment,
    CommitmentStatus,
    Council,
    Programme,
)
from council.cooperation.selectors import commitment_counts, council_overview, plan_rows
from council.cooperation.services import plan as plan_services

router = Router(tags=["cooperation"])


class CouncilOrganisationRef(Schema):
    id: int
    name: str
    country: str = Field(alias="country_id")


class CountrySide(Schema):
    country: str
    organisations: list[CouncilOrganisationRef]
    projects: int = Field(description="Published projects of its member organisations")
    forums: list[int] = Field(description="Forums ahead in this country")
    delegations: list[int] = Field(description="Its organisations' delegations to forums ahead")
    commitments: dict[str, int] = Field(description="total, done, late")


class CouncilOut(Schema):
    id: int
    name: str
    names: Names
    founded_on: date | None
    members: list[CouncilOrganisationRef]


class CouncilDetailOut(CouncilOut):
    countries: list[CountrySide]
    agreements: list[int]
    programmes: list[int]


class SignatoryOut(Schema):
    name: str
    position: str
    positions: Names
    organisation: int = Field(alias="organisation_id")

    resolve_position, resolve_positions = translated_text("position")


class ExtensionOut(Schema):
    previous_ends_on: date | None
    ends_on: date
    signed_on: date | None
    note: str


class AgreementOut(Schema):
    id: int
    council: int = Field(alias="council_id")
    title: str
    titles: Names
    status: AgreementStatus
    parties: list[CouncilOrganisationRef]
    signatories: list[SignatoryOut]
    signed_on: date | None
    signed_at: str
    signed_at_texts: Names
    starts_on: date | None
    ends_on: date | None
    funding_amount: Decimal | None
    funding_currency: str
    funding_source: str
    funding_sources: Names
    extensions: list[ExtensionOut]


class ProgrammeOut(Schema):
    id: int
    council: int = Field(alias="council_id")
    name: str
    names: Names
    agreement: int | None = Field(None, alias="agreement_id")
    started_on: date | None
    countries: list[str]
    organisations: list[int]
    projects: list[int]


class CommitmentOut(Schema):
    id: int
    council: int = Field(alias="council_id")
    kind: str
    title: str
    titles: Names
    owners: list[int]
    due_on: date | None
    status: CommitmentStatus
    late: bool
    agreement: int | None = Field(None, alias="agreement_id")
    decision: int | None = Field(None, alias="decision_id")


class StatusIn(Schema):
    model_config = ConfigDict(extra="forbid")

    status: CommitmentStatus
    note: str = Field("", max_length=4000)


def _organisation(organisation: Any) -> dict[str, Any]:
    return {
        "id": organisation.pk,
        "name": str(organisation.name),
        "country_id": organisation.country_id,
    }


def council_item(item: Any) -> dict[str, Any]:
    """What a council's agreement, commitment, exchange or assignment answers first: its id,
    its council and its title in the request's language and in each."""
    return {
        "id": item.pk,
        "council_id": item.council_id,
        "title": str(item.title),
        "titles": names_of(item, "title"),
    }


def _council(council: Council) -> dict[str, Any]:
    return {
        "id": council.pk,
        "name": str(council.name),
        "names": names_of(council),
        "founded_on": council.founded_on,
        "members": [
            _organisation(organisation)
            for organisation in selectors.member_organisations(council=council)
        ],
    }


@router.get("/councils", response=list[CouncilOut], auth=PUBLIC)
def council_list(request: HttpRequest) -> list[dict[str, Any]]:
    return [_council(council) for council in selectors.councils()]


@router.get("/councils/{council_id}", response=CouncilDetailOut, auth=PUBLIC)
def council_detail(request: HttpRequest, council_id: Id) -> dict[str, Any]:
    """The council with its countries side by side: the figures of the council's page."""
    council = access.get_council(pk=council_id)
    overview = council_overview(council=council)
    return {
        **_council(council),
        "countries": [
            {
                "country": column.country.pk,
                "organisations": [_organisation(org) for org in column.organisations],
                "projects": column.project_count,
                "forums": [forum.pk for forum in column.forums],
                "delegations": [delegation.pk for delegation in column.delegations],
                "commitments": {
                    key: column.commitments.get(key, 0) for key in ("total", "done", "late")
                },
            }
            for column in overview["columns"]
        ],
        "agreements": [agreement.pk for agreement in overview["agreements"]],
        "programmes": [programme.pk for programme in overview["programmes"]],
    }


def _agreement(agreement: Agreement) -> dict[str, Any]:
    record = selectors.agreement_record(agreement=agreement)
    return {
        **council_item(agreement),
        "status": agreement.status,
        "parties": [_organisation(party) for party in record["parties"]],
        "signatories": record["signatories"],
        "signed_on": agreement.signed_on,
        "signed_at": agreement.signed_at or "",
        "signed_at_texts": names_of(agreement, "signed_at"),
        "starts_on": agreement.starts_on,
        "ends_on": agreement.ends_on,
        "funding_amount": agreement.funding_amount,
        "funding_currency": agreement.funding_currency,
        "funding_source": agreement.funding_source or "",
        "funding_sources": names_of(agreement, "funding_source"),
        "extensions": record["extensions"],
    }


@router.get("/councils/{council_id}/agreements", response=list[AgreementOut], auth=PUBLIC)
def agreement_list(request: HttpRequest, council_id: Id) -> list[dict[str, Any]]:
    """The council's agreements; drafts for the secretariat only."""
    council = access.get_council(pk=council_id)
    agreements = selectors.council_agreements(
        council=council, with_drafts=access.is_secretariat(user=request.user)
    )
    return [_agreement(agreement) for agreement in agreements]


@router.get("/agreements/{agreement_id}", response=AgreementOut, auth=PUBLIC)
def agreement_detail(request: HttpRequest, agreement_id: Id) -> dict[str, Any]:
    return _agreement(access.get_agreement_for_viewer(user=request.user, pk=agreement_id))


@router.get("/councils/{council_id}/programmes", response=list[ProgrammeOut], auth=PUBLIC)
def programme_list(request: HttpRequest, council_id: Id) -> list[dict[str, Any]]:
    council = access.get_council(pk=council_id)
    return [_programme(programme) for programme in selectors.council_programmes(council=council)]


def _programme(programme: Programme) -> dict[str, Any]:
    return {
        "id": programme.pk,
        "council_id": programme.council_id,
        "name": str(programme.name),
        "names": names_of(programme),
        "agreement_id": programme.agreement_id,
        "started_on": programme.started_on,
        **selectors.programme_links(programme=programme),
    }


def _commitment(commitment: Commitment, today: date) -> dict[str, Any]:
    return {
        **council_item(commitment),
        "kind": commitment.kind,
        "owners": sorted(owner.pk for owner in commitment.owners.all()),
        "due_on": commitment.due_on,
        "status": commitment.status,
        "late": commitment.is_late_on(today),
        "agreement_id": commitment.agreement_id,
        "decision_id": commitment.decision_id,
    }


@router.get("/councils/{council_id}/plan", response=list[CommitmentOut])
def plan(request: HttpRequest, council_id: Id, late: bool = False) -> list[dict[str, Any]]:
    """The joint plan as the caller may read it: all of it for the secretariat, their
    organisations' commitments for others; `late=true` keeps only what is late."""
    council = access.get_council(pk=council_id)
    today = timezone.localdate()
    visible = access.visible_commitments(user=request.user, council=council)
    return [
        _commitment(row, today)
        for row in plan_rows(commitments=visible, today=today, late_only=late)
    ]


@router.get("/councils/{council_id}/plan/figures", response=list[dict[str, Any]], auth=PUBLIC)
def plan_figures(request: HttpRequest, council_id: Id) -> list[dict[str, Any]]:
    """Per owner country: commitments, done and late (figures only, public)."""
    council = access.get_council(pk=council_id)
    return [
        {
            "country": row["owners__country_id"],
            "total": row["total"],
            "done": row["done"],
            "late": row["late"],
        }
        for row in commitment_counts(council=council, today=timezone.localdate())
    ]


def _commitment_now(request: HttpRequest, found: Commitment, commitment: Commitment) -> Any:
    return _commitment(commitment, timezone.localdate())


@router.post("/commitments/{commitment_id}/status", response=CommitmentOut)
@acts_on(
    access.get_commitment_for_owner,
    plan_services.commitment_status_set,
    "commitment",
    answer=_commitment_now,
)
def commitment_status(payload: StatusIn) -> Arguments:
    """The secretariat or an owner's admins and coordinators move the status (or add a
    progress note with the same status)."""
    return {"status": payload.status, "note": payload.note}
