"""Imports over the API (council/imports/): upload a file, set its mapping, run the dry run,
read the report and decide on duplicates, confirm, follow the progress, cancel, undo. The
same services and access rules as the pages (docs/imports.md)."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from django.http import HttpRequest
from django.urls import reverse
from ninja import Field, File, Form, Query, Router, Schema, Status
from ninja.files import UploadedFile
from pydantic import ConfigDict

from council.accounts.http import AuthenticatedRequest
from council.api.actions import Arguments, acts_on
from council.api.pagination import CursorParams, page_of, paginate
from council.api.schemas import Flag, Id
from council.imports import access, selectors, services
from council.imports.kinds import KINDS
from council.imports.models import ImportJob, ImportKind, ImportMode

router = Router(tags=["imports"])


class KindFieldOut(Schema):
    key: str
    label: str
    required: bool


class KindOut(Schema):
    key: str
    label: str
    fields: list[KindFieldOut]


class ImportOut(Schema):
    id: int
    kind: str
    organisation: int = Field(alias="organisation_id")
    source: str
    filename: str
    size: int
    sha256: str
    file_format: str
    status: str
    mode: str
    send_invitations: bool
    headers: list[str]
    samples: list[list[str]] = Field(description="A few values of each column, in order")
    mapping: dict[str, str] = Field(description='Column index → field key ("" to ignore)')
    rows_total: int | None
    rows_done: int
    rows_valid: int
    rows_rejected: int
    rows_created: int
    rows_skipped: int
    duplicates_found: int
    percent: int | None = Field(description="None while an all-or-nothing run writes")
    cancel_requested: bool
    error: str
    created_by: int | None = Field(alias="created_by_id")
    created_at: datetime
    finished_at: datetime | None
    rejected_rows: str = Field(description="The rejected rows as CSV (add .xlsx for XLSX)")


class IssueOut(Schema):
    id: int
    row: int
    column: str
    field: str
    code: str
    message: str = Field(description="In the request's language")


class DuplicateOut(Schema):
    id: int
    row: int = Field(alias="row_number")
    row_text: str = Field(alias="row_repr")
    candidate_type: str
    candidate_id: int
    candidate: str = Field(alias="candidate_repr")
    score: float
    reasons: list[str] = Field(description="In the request's language")
    certain: bool
    decision: str


class MappingIn(Schema):
    model_config = ConfigDict(extra="forbid")

    mapping: dict[str, str] = Field(description='Column index → field key ("" to ignore)')
    check: Flag = Field(True, description="Start the dry run at once")


class ImportDuplicateDecisionIn(Schema):
    model_config = ConfigDict(extra="forbid")

    decision: Literal["same", "different"]


class ConfirmIn(Schema):
    model_config = ConfigDict(extra="forbid")

    mode: ImportMode
    send_invitations: Flag = False


def _out(job: ImportJob) -> ImportJob:
    job.rejected_rows = reverse("imports:rejected", args=[job.pk, "csv"])  # type: ignore[attr-defined]
    return job


@router.get("/imports/kinds", response=list[KindOut])
def import_kinds(request: HttpRequest) -> list[dict[str, Any]]:
    """What can be imported, and the fields a file's columns map to."""
    return [
        {
            "key": kind.key,
            "label": str(kind.label),
            "fields": [
                {"key": item.key, "label": str(item.label), "required": item.required}
                for item in kind.fields
            ],
        }
        for kind in KINDS.values()
    ]


@router.get("/imports", response=page_of(ImportOut))
def import_list(request: HttpRequest, page: Query[CursorParams]) -> dict[str, Any]:
    """The imports of the organisations the caller imports into or belongs to, newest first."""
    result = paginate(selectors.imports_for(user=request.user), key="-created_at", params=page)
    result["items"] = [_out(job) for job in result["items"]]
    return result


@router.post("/imports", response={201: ImportOut})
def import_create(
    request: AuthenticatedRequest,
    kind: Form[ImportKind],
    organisation: Form[Id],
    source: Form[str],
    file: File[UploadedFile],
) -> Status[ImportJob]:
    """Upload a CSV, XLSX or ODS file (multipart, at most 50 MB); the answer holds its
    columns, a few values of each and the mapping guessed."""
    found = access.get_organisation_for_import(user=request.user, kind=kind, pk=organisation)
    job = services.import_upload(
        actor=request.user,
        organisation=found,
        kind=kind,
        source=source,
        upload=file,
        filename=file.name or "upload",
    )
    return Status(201, _out(job))


@router.get("/imports/{import_id}", response=ImportOut)
def import_detail(request: HttpRequest, import_id: Id) -> ImportJob:
    """An import: its status, progress and counts."""
    return _out(access.get_import_for_viewer(user=request.user, pk=import_id))


def _answer(request: HttpRequest, found: Any, result: ImportJob) -> ImportJob:
    return _out(result)


@router.put("/imports/{import_id}/mapping", response=ImportOut)
@acts_on(
    access.get_import_for_runner, services.import_map, "job", path_id="import_id", answer=_answer
)
def import_mapping(payload: MappingIn) -> Arguments:
    """Set which column holds which field; starts the dry run unless `check` is false."""
    return {"mapping": payload.mapping, "check": payload.check}


@router.post("/imports/{import_id}/check", response=ImportOut)
@acts_on(
    access.get_import_for_runner, services.import_check, "job", path_id="import_id", answer=_answer
)
def import_check() -> Arguments:
    """Run the dry run (again): every row checked, nothing written."""
    return {}


@router.get("/imports/{import_id}/issues", response=page_of(IssueOut))
def import_issues(request: HttpRequest, import_id: Id, page: Query[CursorParams]) -> dict[str, Any]:
    """The problems found, by row and column, in the request's language."""
    job = access.get_import_for_viewer(user=request.user, pk=import_id)
    result = paginate(selectors.issues_of(job), key="row_number", params=page)
    items = []
    for issue in result["items"]:
        shown = selectors.issue_shown(job, issue)
        items.append(
            {
                "id": issue.pk,
                "row": shown.row_number,
                "column": shown.column,
                "field": issue.field,
                "code": shown.code,
                "message": shown.message,
            }
        )
    return {"items": items, "next_cursor": result["next_cursor"]}


@router.get("/imports/{import_id}/duplicates", response=page_of(DuplicateOut))
def import_duplicates(
    request: HttpRequest, import_id: Id, page: Query[CursorParams]
) -> dict[str, Any]:
    """Rows that look like records the platform holds, with the decision on each."""
    job = access.get_import_for_viewer(user=request.user, pk=import_id)
    rows = selectors.duplicates_of(job).select_related("candidate_type")
    result = paginate(rows, key="row_number", params=page)
    result["items"] = [
        {
            **{name: getattr(item, name) for name in ("row_number", "row_repr", "candidate_id")},
            "id": item.pk,
            "candidate_type": item.candidate_type.model,
            "candidate_repr": item.candidate_repr,
            "score": item.score,
            "reasons": selectors.reasons_shown(item.reasons),
            "certain": item.certain,
            "decision": item.decision,
        }
        for item in result["items"]
    ]
    return result


@router.post("/imports/{import_id}/duplicates/{duplicate_id}", response=DuplicateOut)
def duplicate_decide(
    request: AuthenticatedRequest,
    import_id: Id,
    duplicate_id: Id,
    payload: ImportDuplicateDecisionIn,
) -> dict[str, Any]:
    """Decide: the same (the row is skipped) or different (it is imported)."""
    duplicate = access.get_duplicate_for_runner(
        user=request.user, job_pk=import_id, pk=duplicate_id
    )
    duplicate = services.duplicate_decide(
        actor=request.user, duplicate=duplicate, decision=payload.decision
    )
    return {
        "id": duplicate.pk,
        "row_number": duplicate.row_number,
        "row_repr": duplicate.row_repr,
        "candidate_type": duplicate.candidate_type.model,
        "candidate_id": duplicate.candidate_id,
        "candidate_repr": duplicate.candidate_repr,
        "score": duplicate.score,
        "reasons": selectors.reasons_shown(duplicate.reasons),
        "certain": duplicate.certain,
        "decision": duplicate.decision,
    }


@router.post("/imports/{import_id}/confirm", response=ImportOut)
@acts_on(
    access.get_import_for_runner,
    services.import_confirm,
    "job",
    path_id="import_id",
    answer=_answer,
)
def import_confirm(payload: ConfirmIn) -> Arguments:
    """Start the import in the background, all or nothing or valid rows only."""
    return {"mode": payload.mode, "send_invitations": payload.send_invitations}


@router.post("/imports/{import_id}/cancel", response=ImportOut)
@acts_on(
    access.get_import_for_runner, services.import_cancel, "job", path_id="import_id", answer=_answer
)
def import_cancel() -> Arguments:
    """Cancel before the run, or stop a run between two batches."""
    return {}


@router.post("/imports/{import_id}/undo", response=ImportOut)
@acts_on(
    access.get_import_for_runner, services.import_undo, "job", path_id="import_id", answer=_answer
)
def import_undo() -> Arguments:
    """Delete every row the import created, unless something has touched them (422 with
    the reasons)."""
    return {}
