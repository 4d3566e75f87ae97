"""The duplicates queue over the API (council/dedup/): the pairs of the caller's country (all
for the secretariat), one pair side by side, a decision on it; and the person's answer to a
proposed merge of their two accounts. The same access rules as the pages."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from pydantic import ConfigDict

from council.accounts.http import AuthenticatedRequest
from council.api.actions import Arguments, acts_on
from council.api.pagination import CursorParams, page_of, paginate
from council.api.schemas import CountryCode, Id, StrictId
from council.dedup import access, selectors
from council.dedup.models import AccountMerge, CandidateKind, CandidateStatus, DuplicateCandidate
from council.dedup.services import candidates as services
from council.dedup.services import merge as merging

router = Router(tags=["dedup"])


class RecordOut(Schema):
    id: int | None
    name: str = Field(
        description="The name; a person of another country without cross-border consent is "
        "named by their country only"
    )


class CandidateOut(Schema):
    id: int
    kind: str
    status: str
    score: float
    reasons: list[str] = Field(description="Codes of the matcher's reasons")
    reason_labels: list[str] = Field(description="The reasons in the request's language")
    left: RecordOut
    right: RecordOut
    country: str | None
    other_country: str | None
    created_at: datetime
    decided_at: datetime | None


class FactOut(Schema):
    label: str
    value: str


class SideOut(Schema):
    id: int | None
    visible: bool = Field(description="False: a person of another country without consent")
    facts: list[FactOut]
    counts: list[FactOut]
    organisations: list[str]


class CandidateDetailOut(CandidateOut):
    sides: list[SideOut]
    merge_status: str | None = Field(description="The merge or proposal the pair led to")


class DuplicateFilter(CursorParams):
    kind: Literal["person", "organisation"] | None = None
    status: Literal["open", "awaiting", "merged", "different", "dismissed"] = "open"
    country: CountryCode | None = None
    min_score: float | None = Field(None, ge=0, le=1)


class CandidateDecisionIn(Schema):
    model_config = ConfigDict(extra="forbid")

    decision: Literal["merge", "different", "dismiss"]
    survivor: StrictId | None = Field(
        None, description="For a merge: the id of the record (person or organisation) to keep"
    )


class MergeOut(Schema):
    id: int
    status: str
    kept_email: str
    merged_email: str
    survivor_confirmed: bool
    merged_confirmed: bool


def _candidate(candidate: DuplicateCandidate, countries: set[str] | None) -> dict[str, Any]:
    left, right = selectors.shown_names(candidate, countries)
    is_person = candidate.kind == CandidateKind.PERSON
    return {
        "id": candidate.pk,
        "kind": candidate.kind,
        "status": candidate.status,
        "score": candidate.score,
        "reasons": candidate.reasons,
        "reason_labels": selectors.reason_labels(candidate.reasons),
        "left": {
            "id": candidate.left_user_id if is_person else candidate.left_organisation_id,
            "name": left,
        },
        "right": {
            "id": candidate.right_user_id if is_person else candidate.right_organisation_id,
            "name": right,
        },
        "country": candidate.country_id,
        "other_country": candidate.other_country_id,
        "created_at": candidate.created_at,
        "decided_at": candidate.decided_at,
    }


def _facts(pairs: list[tuple[str, Any]]) -> list[dict[str, str]]:
    return [{"label": str(label), "value": str(value)} for label, value in pairs]


def _detail(request: HttpRequest, candidate: DuplicateCandidate) -> dict[str, Any]:
    countries = access.queue_countries(user=request.user)
    found = selectors.candidates_queue(countries=countries, status="").get(pk=candidate.pk)
    merge = selectors.candidate_merge(candidate=found)
    return {
        **_candidate(found, countries),
        "sides": [
            {
                "id": side.pk,
                "visible": side.visible,
                "facts": _facts(side.facts),
                "counts": _facts(side.counts),
                "organisations": side.organisations,
            }
            for side in selectors.candidate_sides(candidate=found, viewer=request.user)
        ],
        "merge_status": merge.status if merge is not None else None,
    }


@router.get("/duplicates", response=page_of(CandidateOut))
def duplicate_list(
    request: AuthenticatedRequest, filters: Query[DuplicateFilter]
) -> dict[str, Any]:
    """The duplicates queue: pairs of the caller's country (national coordinators) or of
    every country (the secretariat), likeliest first."""
    countries = access.queue_countries(user=request.user)
    rows = selectors.candidates_queue(
        countries=countries,
        kind=filters.kind or "",
        status=filters.status or CandidateStatus.OPEN,
        country=(filters.country or "").upper(),
        min_score=filters.min_score,
    )
    page = paginate(rows, key="-score", params=filters)
    page["items"] = [_candidate(candidate, countries) for candidate in page["items"]]
    return page


@router.get("/duplicates/{candidate_id}", response=CandidateDetailOut)
def duplicate_get(request: AuthenticatedRequest, candidate_id: Id) -> dict[str, Any]:
    """One pair, its two records side by side."""
    candidate = access.get_candidate_for_coordinator(user=request.user, pk=candidate_id)
    return _detail(request, candidate)


@router.post("/duplicates/{candidate_id}/decide", response=CandidateDetailOut)
@acts_on(
    access.get_candidate_for_decider,
    services.candidate_decide,
    "candidate",
    answer=lambda request, _found, result: _detail(request, result),
)
def duplicate_decide(payload: CandidateDecisionIn) -> Arguments:
    """Decide a pair: "merge" into `survivor` (people who signed in to both accounts are
    asked to confirm first: the status is then "awaiting"), "different" (never proposed
    again) or "dismiss"."""
    return {"decision": payload.decision, "survivor": payload.survivor}


def _merge(merge: AccountMerge) -> dict[str, Any]:
    return {
        "id": merge.pk,
        "status": merge.status,
        "kept_email": merge.survivor.email,
        "merged_email": merge.merged_email,
        "survivor_confirmed": merge.survivor_confirmed_at is not None,
        "merged_confirmed": merge.merged_confirmed_at is not None,
    }


@router.get("/merges/{merge_id}", response=MergeOut)
def merge_get(request: AuthenticatedRequest, merge_id: Id) -> dict[str, Any]:
    """A merge of the caller's two accounts (either account may read it)."""
    return _merge(access.get_merge_for_party(user=request.user, pk=merge_id))


@router.post("/merges/{merge_id}/confirm", response=MergeOut)
@acts_on(
    access.get_merge_for_party,
    merging.account_merge_confirm,
    "merge",
    actor="person",
    answer=lambda _request, _found, result: _merge(result),
)
def merge_confirm() -> Arguments:
    """Confirm a proposed merge from the account signed in (or of the token); once both
    accounts confirmed, the merge runs."""
    return {}


@router.post("/merges/{merge_id}/decline", response=MergeOut)
@acts_on(
    access.get_merge_for_party,
    merging.account_merge_decline,
    "merge",
    actor="person",
    answer=lambda _request, _found, result: _merge(result),
)
def merge_decline() -> Arguments:
    """Decline a proposed merge: the accounts stay apart."""
    return {}
