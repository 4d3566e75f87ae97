"""The background work of an import: the dry run (every row checked, nothing written) and
the run itself.

The file is streamed in batches of the kind's `batch_size` rows: each batch is checked, its
likely duplicates are looked up for the whole batch at once, and its rows are written with one
INSERT per table (bulk) and one per table for the audit events and the undo list.

- *All or nothing*: the whole run is one transaction; a row with a problem (or a cancel)
  rolls everything back, so nothing is written. Its progress is seen by nobody until it
  commits: the page shows a bar without a value meanwhile.
- *Valid rows only*: each batch is its own transaction, with the job's counters in it, so a
  crash leaves whole batches only and the job says how far it got. Rows with problems are
  skipped and reported; a batch that fails to write is retried row by row. A cancel stops
  between two batches; what was written stays and can be undone.

Rows that look like a record the platform holds are written only when the person decided
"different" for each of their candidates; "the same" and undecided rows are skipped."""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import Any, TypeVar

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import DatabaseError, models, transaction
from django.utils import timezone, translation

from council.imports.files import job_table
from council.imports.issues import Issue
from council.imports.kinds import KINDS
from council.imports.kinds.base import Candidate, Context, Kind, Row, is_empty
from council.imports.models import (
    DuplicateDecision,
    ImportDuplicate,
    ImportedObject,
    ImportIssue,
    ImportJob,
    ImportMode,
    ImportStatus,
)
from council.imports.services.journey import announce_end, audit
from council.lib.spreadsheets import TableError

logger = logging.getLogger(__name__)
T = TypeVar("T")


class _Stopped(Exception):
    """Rolls an all-or-nothing run back: a row had a problem, or the person cancelled."""

    def __init__(self, status: str) -> None:
        super().__init__(status)
        self.status = status


@dataclass
class Tally:
    done: int = 0
    valid: int = 0
    rejected: int = 0
    created: int = 0
    skipped: int = 0
    duplicates: int = 0
    issues: list[Issue] = field(default_factory=list)

    def fields(self) -> dict[str, int]:
        return {
            "rows_done": self.done,
            "rows_valid": self.valid,
            "rows_rejected": self.rejected,
            "rows_created": self.created,
            "rows_skipped": self.skipped,
            "duplicates_found": self.duplicates,
        }


def batches(rows: Iterable[T], size: int) -> Iterator[list[T]]:
    iterator = iter(rows)
    while batch := list(islice(iterator, size)):
        yield batch


def _mapped_rows(job: ImportJob, numbered: Iterable[tuple[int, list[Any]]]) -> Iterator[Row]:
    """Each data row as {field key: cell} of the mapped columns; rows whose mapped cells are
    all empty are left out."""
    columns = [(int(index), key) for index, key in job.mapping.items() if key]
    for number, cells in numbered:
        values = {key: cells[index] if index < len(cells) else None for index, key in columns}
        if all(is_empty(value) for value in values.values()):
            continue
        yield number, values


def _headers_by_field(job: ImportJob) -> dict[str, str]:
    return {key: job.headers[int(index)] for index, key in job.mapping.items() if key}


def _check(kind: Kind, context: Context, batch: list[Row], tally: Tally) -> list[Row]:
    """The batch's valid rows; the problems of the others go on the tally."""
    headers = context.cache.setdefault("_headers", _headers_by_field(context.job))
    context.today = timezone.localdate()
    valid: list[Row] = []
    for number, values in batch:
        clean, issues = kind.check(values, context)
        if not issues:
            keys = kind.file_keys(clean)
            first = next((context.seen[key] for key in keys if key in context.seen), None)
            if first is not None:
                issues = [Issue("in_file", {"row": first})]
            else:
                context.seen.update(dict.fromkeys(keys, number))
        tally.done += 1
        if issues:
            tally.rejected += 1
            for issue in issues:
                issue.row_number = number
                issue.column = headers.get(issue.field, "")
            tally.issues.extend(issues)
        else:
            tally.valid += 1
            valid.append((number, clean))
    return valid


def _store_issues(job: ImportJob, issues: list[Issue]) -> None:
    ImportIssue.objects.bulk_create(
        [
            ImportIssue(
                job=job,
                row_number=issue.row_number,
                column=issue.column[:200],
                field=issue.field,
                code=issue.code,
                params=issue.params,
            )
            for issue in issues
        ],
        batch_size=2000,
    )
    issues.clear()


def _decisions(job: ImportJob) -> dict[tuple[int, int, int], str]:
    rows = ImportDuplicate.objects.filter(job=job).values_list(
        "row_number", "candidate_type_id", "candidate_id", "decision"
    )
    return {(row, kind, pk): decision for row, kind, pk, decision in rows}


def _sort_out(
    job: ImportJob,
    kind: Kind,
    context: Context,
    valid: list[Row],
    decided: dict[tuple[int, int, int], str],
    tally: Tally,
) -> list[Row]:
    """Look the batch's likely duplicates up, keep them (with an earlier decision, if the
    person made one) and answer the rows to write: those without a candidate, and those
    decided "different" from each of theirs."""
    candidates: list[Candidate] = kind.candidates(valid, context)
    by_number = dict(valid)
    per_row: dict[int, list[str]] = defaultdict(list)
    new: list[ImportDuplicate] = []
    for candidate in candidates:
        content_type = ContentType.objects.get_for_model(candidate.target)
        key = (candidate.row_number, content_type.pk, int(candidate.target.pk))
        decision = decided.get(key)
        if decision is None:
            decision = DuplicateDecision.SAME if candidate.certain else DuplicateDecision.UNDECIDED
            decided[key] = decision
            new.append(
                ImportDuplicate(
                    job=job,
                    row_number=candidate.row_number,
                    candidate_type=content_type,
                    candidate_id=candidate.target.pk,
                    candidate_repr=str(candidate.target)[:200],
                    row_repr=kind.describe(by_number[candidate.row_number])[:200],
                    score=candidate.score,
                    reasons=candidate.reasons,
                    certain=candidate.certain,
                    decision=decision,
                )
            )
        per_row[candidate.row_number].append(decision)
    ImportDuplicate.objects.bulk_create(new, ignore_conflicts=True)
    tally.duplicates += len(per_row)
    keep = []
    for number, clean in valid:
        decisions = per_row.get(number)
        if decisions and any(d != DuplicateDecision.DIFFERENT for d in decisions):
            tally.skipped += 1
        else:
            keep.append((number, clean))
    return keep


def _claim(job_id: int, phase: str) -> ImportJob | None:
    """The job, now ours to work on; None if another worker took it (or nobody queued it)."""
    if not ImportJob.objects.filter(pk=job_id, phase="queued").update(phase=phase):
        return None
    return ImportJob.objects.select_related("organisation__country", "created_by").get(pk=job_id)


def _save(job: ImportJob, tally: Tally, **fields: Any) -> None:
    values = {**tally.fields(), **fields}
    ImportJob.objects.filter(pk=job.pk).update(**values)
    for name, value in values.items():
        setattr(job, name, value)


def _cancel_requested(job: ImportJob) -> bool:
    return ImportJob.objects.filter(pk=job.pk, cancel_requested=True).exists()


def _language(job: ImportJob) -> str:
    person = job.confirmed_by or job.created_by
    return getattr(person, "preferred_language", "") or "en"


Progress = Callable[[ImportJob], None]


def import_check_run(*, job_id: int, progress: Progress | None = None) -> ImportJob | None:
    """The dry run: the same checks and duplicate look-ups as the import, nothing written
    but the report (problems and likely duplicates, decisions already made kept)."""
    job = _claim(job_id, "checking")
    if job is None:
        return None
    kind = KINDS[job.kind]
    context = Context(job=job, actor=job.created_by, organisation=job.organisation)
    tally = Tally()
    decided = _decisions(job)
    ImportIssue.objects.filter(job=job).delete()
    ImportDuplicate.objects.filter(job=job).delete()
    with translation.override(_language(job)):
        try:
            kind.start(context)
            with job_table(job) as table:
                for batch in batches(_mapped_rows(job, table.rows()), kind.batch_size):
                    valid = _check(kind, context, batch, tally)
                    _sort_out(job, kind, context, valid, decided, tally)
                    _store_issues(job, tally.issues)
                    _save(job, tally)
                    if progress is not None:
                        progress(job)
                    if _cancel_requested(job):
                        return _end(job, tally, ImportStatus.CANCELLED, "import.cancelled")
        except Exception as error:
            return _failed(job, tally, error)
        tally.skipped = 0  # the dry run skips nothing; the count is the run's
        _save(job, tally, rows_total=tally.done, checked_at=timezone.now())
        return _end(job, tally, ImportStatus.CHECKED, "import.checked", finished=False)


def _write_rows(kind: Kind, context: Context, rows: list[Row]) -> int:
    """Write the rows and list what they created for undo; answer how many rows (a row may
    create several records: a project, its opportunity and a shift)."""
    written = kind.write(rows, context)
    by_type: dict[type[models.Model], int] = {}
    objects = []
    for number, target in written:
        model = type(target)
        if model not in by_type:
            by_type[model] = ContentType.objects.get_for_model(model).pk
        objects.append(
            ImportedObject(
                job=context.job,
                content_type_id=by_type[model],
                object_id=target.pk,
                row_number=number,
            )
        )
    ImportedObject.objects.bulk_create(objects, batch_size=2000)
    return len({number for number, _target in written})


def _write_batch(kind: Kind, context: Context, rows: list[Row], tally: Tally) -> None:
    """A batch of a valid-rows-only import: all of it, or, when it fails, row by row (each
    row that fails is reported and skipped)."""
    try:
        with transaction.atomic():
            tally.created += _write_rows(kind, context, rows)
        return
    except (ValidationError, DatabaseError) as error:
        if len(rows) == 1:
            tally.valid -= 1
            tally.rejected += 1
            messages = error.messages if isinstance(error, ValidationError) else [str(error)]
            tally.issues.append(
                Issue("not_written", {"text": " ".join(messages)[:300]}, row_number=rows[0][0])
            )
            return
    for row in rows:
        _write_batch(kind, context, [row], tally)


def import_run(*, job_id: int, progress: Progress | None = None) -> ImportJob | None:
    """The import itself, in the mode confirmed; `progress(job)` after each batch."""
    job = _claim(job_id, "writing")
    if job is None:
        return None
    kind = KINDS[job.kind]
    context = Context(
        job=job, actor=job.confirmed_by, organisation=job.organisation, progress=progress
    )
    tally = Tally()
    decided = _decisions(job)
    ImportIssue.objects.filter(job=job).delete()
    all_or_nothing = job.mode == ImportMode.ALL_OR_NOTHING
    with translation.override(_language(job)):
        try:
            kind.start(context)
            if all_or_nothing:
                with transaction.atomic():
                    _run_batches(job, kind, context, decided, tally, all_or_nothing=True)
            else:
                _run_batches(job, kind, context, decided, tally, all_or_nothing=False)
        except _Stopped as stop:
            if all_or_nothing:
                tally.created = 0
            _store_issues(job, tally.issues)
            action = (
                "import.cancelled" if stop.status == ImportStatus.CANCELLED else "import.failed"
            )
            return _end(job, tally, stop.status, action)
        except Exception as error:
            if all_or_nothing:
                tally.created = 0
            return _failed(job, tally, error)
        _store_issues(job, tally.issues)
        ended = _end(job, tally, ImportStatus.FINISHED, "import.finished")
        kind.finish(job, context)
        return ended


def _run_batches(
    job: ImportJob,
    kind: Kind,
    context: Context,
    decided: dict[tuple[int, int, int], str],
    tally: Tally,
    *,
    all_or_nothing: bool,
) -> None:
    with job_table(job) as table:
        for batch in batches(_mapped_rows(job, table.rows()), kind.batch_size):
            valid = _check(kind, context, batch, tally)
            if all_or_nothing and tally.rejected:
                raise _Stopped(ImportStatus.FAILED)
            rows = _sort_out(job, kind, context, valid, decided, tally)
            if all_or_nothing:
                tally.created += _write_rows(kind, context, rows)
            else:
                # The batch, its problems and the job's counters commit together.
                with transaction.atomic():
                    if rows:
                        _write_batch(kind, context, rows, tally)
                    _store_issues(job, tally.issues)
                    _save(job, tally)
            if all_or_nothing:
                job.rows_done, job.rows_created = tally.done, tally.created  # seen by nobody else
            if context.progress is not None:
                context.progress(job)
            if _cancel_requested(job):
                raise _Stopped(ImportStatus.CANCELLED)


def _end(
    job: ImportJob, tally: Tally, status: str, action: str, *, finished: bool = True
) -> ImportJob:
    fields: dict[str, Any] = {"status": status, "phase": ""}
    if finished:
        fields["finished_at"] = timezone.now()
    with transaction.atomic():
        _save(job, tally, **fields)
        audit(None, action, job, **tally.fields())
        if finished:
            announce_end(job)
    return job


def _failed(job: ImportJob, tally: Tally, error: Exception) -> ImportJob:
    if isinstance(error, TableError):
        job.error = str(error)
    else:
        logger.exception("import %s failed", job.pk)
        job.error = str(error)[:500] or error.__class__.__name__
    ImportJob.objects.filter(pk=job.pk).update(error=job.error)
    _store_issues(job, tally.issues)
    return _end(job, tally, ImportStatus.FAILED, "import.failed")
