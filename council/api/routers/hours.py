"""Hours, record books, certificates and the wage table. The rules (who logs, who verifies,
one dispute, valuation) live in council/hours/services/."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from functools import partial
from typing import Annotated, Any, Literal

from django.http import Http404, HttpRequest
from ninja import Field, Query, Router, Schema, Status
from pydantic import ConfigDict, WithJsonSchema

from council.accounts.http import AuthenticatedRequest
from council.api.actions import Arguments, acts_on
from council.api.auth import PUBLIC
from council.api.pagination import CursorParams, page_of, paginate
from council.api.schemas import (
    CountryCode,
    Flag,
    Id,
    IscoCode,
    PastDate,
    PlanDate,
    SdgTargetCode,
    StrictId,
)
from council.hours import access, selectors
from council.hours.documents import record_book_signed
from council.hours.models import Certificate, CertificateKind, EntryMode, EntryStatus, HoursEntry
from council.hours.selectors import (
    certificates_for_volunteer,
    entries_for_verifier,
    entries_for_volunteer,
    record_book_for,
)
from council.hours.services import certificates as certificate_services
from council.hours.services import entries as services
from council.hours.services.entries import MAX_HOURS
from council.hours.services.signing import published_keys
from council.orgs.models import Organisation

router = Router(tags=["hours"])

# 0.01 to 24 written with at most two decimals, as text.
HOURS_TEXT = r"^(0\.(0[1-9]|[1-9][0-9]?)|([1-9]|1[0-9]|2[0-3])(\.[0-9]{1,2})?|24(\.00?)?)$"


class Named(Schema):
    id: int
    name: str

    @staticmethod
    def resolve_name(obj: Any) -> str:
        return str(getattr(obj, "display_name", None) or getattr(obj, "name", None) or obj)


class Titled(Schema):
    id: int
    title: str


class HoursEntryOut(Schema):
    id: int
    volunteer: Named
    organisation: Named
    project: Titled
    opportunity: Titled | None
    date: date
    hours: Decimal
    description: str
    mode: EntryMode
    during_paid_work: bool = Field(description="Excluded from the ILO volunteer-work totals")
    occupation_isco08: str | None = Field(None, alias="isco_group_id")
    source: str
    status: EntryStatus
    closed_automatically: bool
    reason: str = Field(description="Given with a rejection")
    dispute: str
    feedback: str
    value: Decimal | None = Field(description="Replacement cost, in `currency`")
    currency: str
    valuation_level: str = Field(description="sub_major, major or country: the wage used")


class HoursLogIn(Schema):
    model_config = ConfigDict(extra="forbid")

    project: StrictId
    opportunity: StrictId | None = None
    date: PastDate = Field(description="The day worked: from 2000-01-01 to today at the place")
    hours: Annotated[
        Decimal,
        Field(ge=Decimal("0.01"), le=MAX_HOURS),
        WithJsonSchema(
            {
                "anyOf": [
                    {"type": "number", "minimum": 0.01, "maximum": 24},
                    {"type": "string", "pattern": HOURS_TEXT},
                ]
            }
        ),
    ] = Field(description="0.01 to 24, as a number or text")
    description: str = Field(max_length=2000, pattern=r"\S", description="Not blank")
    mode: EntryMode = EntryMode.ORGANISATION
    during_paid_work: Flag = False
    occupation_isco08: IscoCode | None = Field(None, description="Default: the role's group")
    sdg_targets: list[SdgTargetCode] | None = Field(
        None, description='Target codes such as "3.4"; default: the project\'s targets'
    )


class VerifyIn(Schema):
    model_config = ConfigDict(extra="forbid")

    feedback: str = Field("", max_length=2000)


class RejectIn(Schema):
    model_config = ConfigDict(extra="forbid")

    reason: str = Field(max_length=2000)


class DisputeIn(Schema):
    model_config = ConfigDict(extra="forbid")

    text: str = Field(max_length=2000)


class BulkVerifyIn(Schema):
    model_config = ConfigDict(extra="forbid")

    entries: list[StrictId] = Field(max_length=500)


class BulkVerifyOut(Schema):
    verified: int


class QueueFilter(CursorParams):
    status: EntryStatus | None = None
    project: Id | None = None


class CertificateOut(Schema):
    id: int
    code: str
    kind: CertificateKind
    volunteer_name: str
    organisation: Named
    project: Titled | None
    period_start: date
    period_end: date
    hours: Decimal
    language: str
    issued_at: datetime
    revoked_at: datetime | None
    revocation_reason: str


class CertificateIn(Schema):
    model_config = ConfigDict(extra="forbid")

    volunteer: StrictId = Field(description="User id of the volunteer")
    kind: CertificateKind
    project: StrictId | None = Field(None, description="Required for a project certificate")
    period_start: PlanDate | None = None
    period_end: PlanDate | None = None


class RevokeIn(Schema):
    model_config = ConfigDict(extra="forbid")

    reason: str = Field(max_length=2000)


class CertificateCheck(Schema):
    code: str
    status: Literal["valid", "revoked"]
    volunteer_name: str
    kind: CertificateKind
    project: str | None
    organisation: str
    period_start: date
    period_end: date
    hours: Decimal
    issued_at: datetime
    revoked_at: datetime | None
    revocation_reason: str


class WageRateOut(Schema):
    country: str = Field(alias="country_id")
    isco_group: str | None = Field(alias="isco_group_id", description="Empty: country average")
    year: int
    currency: str
    hourly_rate: Decimal
    source: str


class WageFilter(CursorParams):
    country: CountryCode | None = Field(None, description="ISO 3166-1 alpha-2")
    year: int | None = Field(None, ge=1, le=9999)


@router.get("/hours/mine", response=page_of(HoursEntryOut))
def hours_mine(request: AuthenticatedRequest, page: Query[CursorParams]) -> dict[str, Any]:
    """The caller's hours entries, newest first."""
    return paginate(entries_for_volunteer(user=request.user), key="-created_at", params=page)


@router.post("/hours", response={201: HoursEntryOut})
def hours_log(request: AuthenticatedRequest, payload: HoursLogIn) -> Status[HoursEntry]:
    """Log hours for a project (and role) where the caller has a confirmed place; the
    project's organisation verifies them."""
    project = access.get_project_for_volunteer_hours(user=request.user, pk=payload.project)
    entry = services.hours_log(
        volunteer=request.user,
        project=project,
        opportunity=selectors.opportunity_of_project(project=project, pk=payload.opportunity),
        isco_group=selectors.isco_group_by_code(code=payload.occupation_isco08),
        sdg_targets=selectors.sdg_targets_by_code(codes=payload.sdg_targets),
        day=payload.date,
        hours=payload.hours,
        description=payload.description,
        mode=payload.mode,
        during_paid_work=payload.during_paid_work,
    )
    return Status(201, entry)


@router.post("/hours/{entry_id}/dispute", response=HoursEntryOut)
@acts_on(access.get_entry_for_volunteer, services.hours_dispute, "entry", actor="volunteer")
def hours_dispute(payload: DisputeIn) -> Arguments:
    """Ask once for a rejection to be looked at again."""
    return {"text": payload.text}


@router.get("/organisations/{organisation_id}/hours", response=page_of(HoursEntryOut))
def hours_queue(
    request: AuthenticatedRequest, organisation_id: Id, filters: Query[QueueFilter]
) -> dict[str, Any]:
    """The organisation's hours entries (its admins and coordinators)."""
    organisation = access.get_organisation_for_verifier(user=request.user, pk=organisation_id)
    entries = entries_for_verifier(
        organisation_id=organisation.pk, status=filters.status, project_id=filters.project
    )
    return paginate(entries, key="-created_at", params=filters)


# A verifier's decision on an entry of their organisation.
on_entry = partial(acts_on, access.get_entry_for_verifier, target="entry")


@router.post("/hours/{entry_id}/verify", response=HoursEntryOut)
@on_entry(services.hours_verify)
def hours_verify(payload: VerifyIn) -> Arguments:
    """Verify submitted or disputed hours (not one's own); they are valued at once."""
    return {"feedback": payload.feedback}


@router.delete("/hours/{entry_id}", response={204: None})
def hours_delete(request: AuthenticatedRequest, entry_id: Id) -> Status[None]:
    """Delete an entry: the volunteer their own until it is verified, the organisation's
    verifiers any of its entries."""
    entry, _as_verifier = access.get_entry_for_remover(user=request.user, pk=entry_id)
    services.hours_delete(actor=request.user, entry=entry)
    return Status(204, None)


@router.post("/hours/{entry_id}/reject", response=HoursEntryOut)
@on_entry(services.hours_reject)
def hours_reject(payload: RejectIn) -> Arguments:
    """Reject with a reason, which is mailed to the volunteer."""
    return {"reason": payload.reason}


@router.post("/organisations/{organisation_id}/hours/verify", response=BulkVerifyOut)
def hours_bulk_verify(
    request: AuthenticatedRequest, organisation_id: Id, payload: BulkVerifyIn
) -> dict[str, int]:
    """Verify many entries at once; others' and one's own are left as they are."""
    organisation = access.get_organisation_for_verifier(user=request.user, pk=organisation_id)
    count = services.hours_bulk_verify(
        actor=request.user, organisation_id=organisation.pk, pks=payload.entries
    )
    return {"verified": count}


@router.get("/record-book", response=dict[str, Any])
def record_book(request: AuthenticatedRequest) -> dict[str, Any]:
    """The caller's record book of verified hours, signed by the platform (Ed25519 over the
    JCS form of `record_book`; keys at `/api/v1/signing-keys`)."""
    return record_book_signed(user=request.user, book=record_book_for(user=request.user))


@router.get("/signing-keys", response=dict[str, Any], auth=PUBLIC)
def signing_keys(request: HttpRequest) -> dict[str, Any]:
    """The platform's public keys as a JSON Web Key Set (RFC 7517, RFC 8037)."""
    return {"keys": published_keys()}


@router.get("/certificates/mine", response=list[CertificateOut])
def certificates_mine(request: AuthenticatedRequest) -> list[Certificate]:
    return list(certificates_for_volunteer(user=request.user))


@router.post("/organisations/{organisation_id}/certificates", response={201: CertificateOut})
@acts_on(
    access.get_organisation_for_verifier,
    certificate_services.certificate_issue,
    "organisation",
    created=True,
)
def certificate_issue(payload: CertificateIn, organisation: Organisation) -> Arguments:
    """Issue a certificate of a volunteer's verified hours with this organisation."""
    return {
        "volunteer": selectors.active_volunteer(pk=payload.volunteer),
        "kind": payload.kind,
        "project": selectors.project_of_organisation(organisation=organisation, pk=payload.project),
        "period_start": payload.period_start,
        "period_end": payload.period_end,
    }


@router.post("/certificates/{certificate_id}/revoke", response=CertificateOut)
@acts_on(access.get_certificate_for_issuer, certificate_services.certificate_revoke, "certificate")
def certificate_revoke(payload: RevokeIn) -> Arguments:
    return {"reason": payload.reason}


@router.get("/certificates/check/{code}", response=CertificateCheck, auth=PUBLIC)
def certificate_check(request: HttpRequest, code: str) -> dict[str, Any]:
    """What a certificate certifies and whether it was revoked (anyone, by its code)."""
    certificate = certificate_services.certificate_by_code(code=code)
    if certificate is None:
        raise Http404
    return {
        "code": certificate.code,
        "status": "valid" if certificate.is_valid else "revoked",
        "volunteer_name": certificate.volunteer_name,
        "kind": certificate.kind,
        "project": str(certificate.project.title) if certificate.project else None,
        "organisation": str(certificate.organisation.name),
        "period_start": certificate.period_start,
        "period_end": certificate.period_end,
        "hours": certificate.hours,
        "issued_at": certificate.issued_at,
        "revoked_at": certificate.revoked_at,
        "revocation_reason": certificate.revocation_reason,
    }


@router.get("/wage-rates", response=page_of(WageRateOut), auth=PUBLIC)
def wage_rates(request: HttpRequest, filters: Query[WageFilter]) -> dict[str, Any]:
    """The wage table that values volunteer hours (ILO replacement-cost method)."""
    rates = selectors.wage_rates(country=filters.country, year=filters.year)
    return paginate(rates, key="year", params=filters)
