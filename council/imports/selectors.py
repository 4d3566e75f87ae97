"""Reads of imports: the list, the report (problems rendered in the reader's language) and
the rejected rows to download and correct."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from council.accounts.http import Viewer
from council.imports.access import imports_visible
from council.imports.files import job_table
from council.imports.issues import issue_message
from council.imports.kinds import KINDS
from council.imports.models import ImportDuplicate, ImportIssue, ImportJob
from council.lib.matching import REASONS as MATCHER_REASONS


def imports_for(*, user: Viewer) -> QuerySet[ImportJob]:
    return (
        imports_visible(user=user)
        .select_related("organisation", "created_by")
        .order_by("-created_at", "-pk")
    )


@dataclass
class ShownIssue:
    row_number: int
    column: str
    field: str
    code: str
    message: str


def issue_shown(job: ImportJob, issue: ImportIssue) -> ShownIssue:
    """A problem in the active language, with the label of its field."""
    kind = KINDS.get(job.kind)
    item = kind.field(issue.field) if kind and issue.field else None
    return ShownIssue(
        row_number=issue.row_number,
        column=issue.column,
        field=str(item.label) if item else issue.field,
        code=issue.code,
        message=issue_message(issue.code, issue.params),
    )


def issues_of(job: ImportJob) -> QuerySet[ImportIssue]:
    return ImportIssue.objects.filter(job=job).order_by("row_number", "pk")


def duplicates_of(job: ImportJob) -> QuerySet[ImportDuplicate]:
    return ImportDuplicate.objects.filter(job=job).order_by("row_number", "-score", "pk")


def describe_candidates(job: ImportJob, duplicates: list[ImportDuplicate]) -> None:
    """Set each duplicate's `candidate_shown`: the record it may duplicate as it is now,
    described by the kind (one query per kind of record); its stored text when it is gone."""
    kind = KINDS[job.kind]
    wanted: dict[int, set[int]] = defaultdict(set)
    for duplicate in duplicates:
        wanted[duplicate.candidate_type_id].add(duplicate.candidate_id)
    found: dict[tuple[int, int], Any] = {}
    for type_id, ids in wanted.items():
        model = ContentType.objects.get_for_id(type_id).model_class()
        if model is not None:
            for pk, record in model._default_manager.in_bulk(ids).items():
                found[(type_id, pk)] = record
    for duplicate in duplicates:
        target = found.get((duplicate.candidate_type_id, duplicate.candidate_id))
        shown = kind.describe_record(target) if target is not None else duplicate.candidate_repr
        duplicate.candidate_shown = shown  # type: ignore[attr-defined]


# Reasons of the import's own, beside the matcher's (council.lib.matching.REASONS).
REASONS = {"external_id": gettext_lazy("Same id in the source system")}


def reasons_shown(codes: list[str]) -> list[str]:
    """The reasons of a likely duplicate in the active language."""
    return [str(REASONS.get(code) or MATCHER_REASONS.get(code) or code) for code in codes]


def rejected_table(job: ImportJob) -> tuple[list[str], Iterator[list[Any]]]:
    """The file's columns and a "problem" column, and the rows rejected, as they were in the
    file, with their problems (in the active language): to correct and upload again."""
    problems: dict[int, list[str]] = defaultdict(list)
    for issue in issues_of(job).iterator():
        if issue.row_number:
            shown = issue_shown(job, issue)
            text = f"{shown.column}: {shown.message}" if shown.column else shown.message
            problems[issue.row_number].append(text)
    headers = [*job.headers, _("Problem")]

    def rows() -> Iterator[list[Any]]:
        if not problems or not job.file:
            return
        with job_table(job) as table:
            for number, cells in table.rows():
                if number in problems:
                    yield [*cells, "; ".join(problems[number])]

    return headers, rows()
