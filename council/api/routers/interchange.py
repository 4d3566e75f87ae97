"""Exchange format over the API (council/interchange/, docs/exchange-format.md): the JSON
Schema files, an export streamed as it is written, and an import with a dry run."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal, cast

from django.http import HttpRequest, HttpResponse, JsonResponse, StreamingHttpResponse
from django.urls import reverse
from ninja import File, Form, Query, Router, Schema, Status
from ninja.files import UploadedFile
from pydantic import Field

from council.accounts.models import User
from council.api.auth import PUBLIC
from council.api.errors import problem_response
from council.api.schemas import Flag, Id
from council.interchange import access
from council.interchange.exports import Scope
from council.interchange.services.exports import export_start
from council.interchange.services.imports import import_file
from council.interchange.validation import SCHEMA_NAMES, VERSION, schema
from council.lib.dates import EARLIEST_DAY, LATEST_DAY

router = Router(tags=["interchange"])

CountryCode = Annotated[str, Field(pattern="^[A-Za-z]{2}$")]
Day = Annotated[date, Field(ge=EARLIEST_DAY, le=LATEST_DAY)]


class SchemaLink(Schema):
    name: str
    url: str


class SchemaList(Schema):
    version: int
    schemas: list[SchemaLink]


@router.get("/exchange-format/schemas", response=SchemaList, auth=PUBLIC)
def exchange_schemas(request: HttpRequest) -> dict[str, Any]:
    """The JSON Schema files (draft 2020-12) of the exchange format's lines."""
    return {
        "version": VERSION,
        "schemas": [
            {
                "name": name,
                "url": request.build_absolute_uri(
                    reverse("api-1.0.0:exchange_schema", args=[name])
                ),
            }
            for name in SCHEMA_NAMES
        ],
    }


@router.get(
    "/exchange-format/schemas/{name}",
    response=dict[str, Any],
    auth=PUBLIC,
    url_name="exchange_schema",
)
def exchange_schema(request: HttpRequest, name: str) -> HttpResponse:
    """One schema file, as it is in the repository."""
    try:
        document = schema(name)
    except KeyError:
        return problem_response(404)
    response = JsonResponse(document, json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Cache-Control"] = "public, max-age=3600"
    return response


class ExportParams(Schema):
    organisation: Id | None = Field(None, description="One organisation's records")
    country: CountryCode | None = Field(
        None, description="A national network's: the records of its country's organisations"
    )
    date_from: Day | None = Field(None, alias="from", description="Hours from this day")
    date_to: Day | None = Field(None, alias="to", description="Hours to this day")
    kind: Literal["all", "organisation", "opportunity", "hours"] = "all"
    format: Literal["jsonl", "csv"] = "jsonl"
    personal_data: Flag = Field(
        False, description="Name the people the rules allow (docs/exchange-format.md)"
    )
    recipient_country: CountryCode | None = Field(None, description="The receiving side's country")


@router.get("/exchange-format/export", response={200: None})
def exchange_export(request: HttpRequest, params: Query[ExportParams]) -> StreamingHttpResponse:
    """A signed exchange file, streamed as it is written. Without an organisation or a
    country: everything (the secretariat's)."""
    reach = access.require_reach(user=request.user)
    scope = Scope(
        organisation_id=params.organisation,
        country=params.country.upper() if params.country else None,
        date_from=params.date_from,
        date_to=params.date_to,
        kind=params.kind,
        personal_data=params.personal_data,
        recipient_country=params.recipient_country.upper() if params.recipient_country else None,
    )
    return export_start(
        actor=cast(User, request.user), reach=reach, scope=scope, export_format=params.format
    ).response()


class ImportReport(Schema):
    id: int
    status: str
    ok: bool
    dry_run: bool
    written: bool
    issuer: str
    key_id: str
    lines: int
    records: dict[str, int]
    counts: dict[str, int]
    errors: list[dict[str, Any]]
    more_errors: int


@router.post("/exchange-format/imports", response={200: ImportReport, 201: ImportReport})
def exchange_import(
    request: HttpRequest,
    file: File[UploadedFile],
    issuer_key: Form[str] = "",
    dry_run: Form[bool] = True,
) -> Any:
    """Check an exchange file (JSON Lines) and, with `dry_run` false, import it: all of it or
    nothing. A file with problems is a 422 whose `errors` name the line and field
    (`"line:field"`); nothing is written."""
    reach = access.require_reach(user=request.user)
    job = import_file(
        actor=cast(User, request.user),
        reach=reach,
        upload=file,
        issuer_key=issuer_key,
        dry_run=dry_run,
    )
    report = job.report
    if not report["ok"]:
        return problem_response(
            422,
            None,
            [(f"{error['line']}:{error['field']}", error["message"]) for error in report["errors"]],
        )
    return Status(201 if report["written"] else 200, {"id": job.pk, "status": job.status, **report})
