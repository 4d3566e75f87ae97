"""The steps a person takes: upload a file, map its columns, start the dry run, decide on
likely duplicates, confirm (or cancel). The background work is in run.py, undo in undo.py."""

from __future__ import annotations

import os

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _
from django_tasks_db.backend import DatabaseBackend

from council.accounts.models import User
from council.audit.services import record
from council.imports import files
from council.imports.kinds import KINDS
from council.imports.kinds.base import guess_mapping, header_key, mapping_to_remember
from council.imports.models import (
    BUSY,
    DuplicateDecision,
    ImportDuplicate,
    ImportJob,
    ImportMapping,
    ImportMode,
    ImportStatus,
)
from council.lib.spreadsheets import MAX_UPLOAD_BYTES, TableError
from council.lib.text import text_problem
from council.orgs.models import Organisation

MAX_SOURCE = 40  # a contact's source holds 40 characters
# The statuses in which the mapping may still change and the dry run be started again.
BEFORE_CONFIRM = (ImportStatus.UPLOADED, ImportStatus.MAPPED, ImportStatus.CHECKED)


def audit(actor: User | None, action: str, job: ImportJob, **data: object) -> None:
    record(actor=actor, action=action, target=job, organisation_id=job.organisation_id, data=data)


def _enqueue(task_name: str, job: ImportJob) -> None:
    """Queue the background step (after the commit, or with it when tasks are rows of this
    database, as council.reports does)."""
    from council.imports import tasks

    task = getattr(tasks, task_name)

    def enqueue() -> None:
        task.enqueue(job_id=job.pk)

    if isinstance(task.get_backend(), DatabaseBackend):
        enqueue()
    else:
        transaction.on_commit(enqueue)


def _source(source: str) -> str:
    source = " ".join(source.split())
    if not source:
        raise ValidationError({"source": _("Say where the file comes from.")})
    if len(source) > MAX_SOURCE:
        raise ValidationError(
            {"source": _("At most %(limit)s characters.") % {"limit": MAX_SOURCE}}
        )
    problem = text_problem(source)
    if problem is not None:
        raise ValidationError({"source": problem})
    return source


def import_upload(
    *,
    actor: User,
    organisation: Organisation,
    kind: str,
    source: str,
    upload: File[bytes],
    filename: str,
    sheet: str = "",
) -> ImportJob:
    """Keep the file (private storage), read its header row and a few rows, and guess the
    mapping: the one remembered for this organisation and source, else from the headers.
    A file the reader cannot read is a ValidationError naming `file` with the reader's
    reason; nothing is kept then."""
    import_kind = KINDS.get(kind)
    if import_kind is None:
        raise ValidationError({"kind": _("Choose what the file holds.")})
    if not import_kind.organisations(user=actor).filter(pk=organisation.pk).exists():
        raise PermissionDenied
    source = _source(source)
    name = get_valid_filename(os.path.basename(filename or "upload"))[-150:] or "upload"
    sha256, size = files.digest(upload)
    if size > MAX_UPLOAD_BYTES:
        limit = MAX_UPLOAD_BYTES // 1024 // 1024
        raise ValidationError(
            {"file": _("The file is larger than %(limit)s MB; split it.") % {"limit": limit}}
        )
    job = ImportJob(
        kind=kind,
        organisation=organisation,
        created_by=actor,
        source=source,
        filename=name,
        size=size,
        sha256=sha256,
        sheet=sheet,
    )
    job.file.save(name, upload, save=False)
    try:
        with files.job_table(job) as table:
            job.file_format = table.format
            job.encoding = table.encoding or ""
            job.delimiter = table.delimiter or ""
            job.sheet = table.sheet_name or ""
            job.headers = list(table.headers)
            job.samples = files.samples(table)
    except TableError as error:
        job.file.delete(save=False)
        raise ValidationError({"file": str(error)}, code=error.code) from None
    except BaseException:
        job.file.delete(save=False)
        raise
    remembered = ImportMapping.objects.filter(
        organisation=organisation, kind=kind, source=header_key(source)
    ).first()
    job.mapping = guess_mapping(
        import_kind, job.headers, remembered.mapping if remembered else None
    )
    try:
        with transaction.atomic():
            job.save()
            audit(actor, "import.uploaded", job, kind=kind, file=name, size=size, sha256=sha256)
    except BaseException:
        job.file.delete(save=False)
        raise
    return job


def _check_mapping(job: ImportJob, mapping: dict[str, str]) -> dict[str, str]:
    kind = KINDS[job.kind]
    columns = {str(index) for index in range(len(job.headers))}
    known = {item.key for item in kind.fields}
    errors: list[str] = []
    full = dict.fromkeys(sorted(columns, key=int), "")
    used: dict[str, str] = {}
    for column, key in mapping.items():
        column, key = str(column), str(key or "")
        if column not in columns:
            errors.append(_("The file has no column %(column)s.") % {"column": column})
            continue
        if key and key not in known:
            errors.append(_("“%(field)s” is not a field of this import.") % {"field": key})
            continue
        header = job.headers[int(column)]
        if key and key in used:
            errors.append(
                _("“%(field)s” is mapped to two columns: “%(first)s” and “%(second)s”.")
                % {"field": kind.field(key).label, "first": used[key], "second": header}
            )
            continue
        if key:
            used[key] = header
        full[column] = key
    if not used:
        errors.append(_("Map at least one column to a field."))
    for item in kind.fields:
        if item.required and item.key not in used:
            errors.append(_("Map a column to “%(field)s”: it is required.") % {"field": item.label})
    if errors:
        raise ValidationError({"mapping": errors})
    return full


@transaction.atomic
def import_map(
    *, actor: User, job: ImportJob, mapping: dict[str, str], check: bool = True
) -> ImportJob:
    """Set which column holds which field ("" or no entry: ignored), remember it for the
    organisation and source, and start the dry run unless `check` is false."""
    job = ImportJob.objects.select_for_update().get(pk=job.pk)
    if job.status not in BEFORE_CONFIRM:
        raise ValidationError(_("This import has started; its mapping can no longer change."))
    job.mapping = _check_mapping(job, mapping)
    job.status = ImportStatus.MAPPED
    job.save(update_fields=["mapping", "status"])
    ImportMapping.objects.update_or_create(
        organisation_id=job.organisation_id,
        kind=job.kind,
        source=header_key(job.source),
        defaults={"mapping": mapping_to_remember(job.headers, job.mapping)},
    )
    audit(actor, "import.mapped", job, mapping=job.mapping)
    if check:
        return import_check(actor=actor, job=job)
    return job


@transaction.atomic
def import_check(*, actor: User, job: ImportJob, background: bool = True) -> ImportJob:
    """Start the dry run: every row checked as the import will check it, nothing written.
    Without `background` the caller runs it (import_check_run), as the command does."""
    job = ImportJob.objects.select_for_update().get(pk=job.pk)
    if job.status not in (ImportStatus.MAPPED, ImportStatus.CHECKED):
        raise ValidationError(_("Map the columns first."))
    job.status = ImportStatus.CHECKING
    job.phase = "queued"
    job.rows_done = 0
    job.cancel_requested = False
    job.save(update_fields=["status", "phase", "rows_done", "cancel_requested"])
    if background:
        _enqueue("import_check_task", job)
    return job


@transaction.atomic
def duplicate_decide(*, actor: User, duplicate: ImportDuplicate, decision: str) -> ImportDuplicate:
    """Same (the row is not imported) or different (it is)."""
    if decision not in (DuplicateDecision.SAME, DuplicateDecision.DIFFERENT):
        raise ValidationError({"decision": _("Choose “the same” or “different”.")})
    job = ImportJob.objects.select_for_update().get(pk=duplicate.job_id)
    if job.status != ImportStatus.CHECKED:
        raise ValidationError(_("Decide on duplicates after the dry run, before confirming."))
    if duplicate.certain:
        raise ValidationError(
            {"decision": _("This record has the same registration number or email address.")}
        )
    duplicate.decision = decision
    duplicate.decided_by = actor
    duplicate.save(update_fields=["decision", "decided_by"])
    audit(
        actor, "import.duplicate_decided", job, row=duplicate.row_number, decision=decision,
        candidate=f"{duplicate.candidate_type_id}:{duplicate.candidate_id}",
    )  # fmt: skip
    return duplicate


@transaction.atomic
def import_confirm(
    *,
    actor: User,
    job: ImportJob,
    mode: str,
    send_invitations: bool = False,
    background: bool = True,
) -> ImportJob:
    """Start the import itself in the background (or for the caller to run, import_run,
    without `background`), in the mode chosen."""
    job = ImportJob.objects.select_for_update().get(pk=job.pk)
    if job.status != ImportStatus.CHECKED:
        raise ValidationError(_("Run the dry run first; confirm when it is done."))
    if mode not in ImportMode.values:
        raise ValidationError({"mode": _("Choose “all or nothing” or “valid rows only”.")})
    if mode == ImportMode.ALL_OR_NOTHING and job.rows_rejected:
        raise ValidationError(
            {
                "mode": _(
                    "%(count)s rows have problems: correct them and upload the file again, "
                    "or import the valid rows only."
                )
                % {"count": job.rows_rejected}
            }
        )
    job.mode = mode
    job.send_invitations = bool(send_invitations)
    job.confirmed_by = actor
    job.status = ImportStatus.RUNNING
    job.phase = "queued"
    job.rows_done = 0
    job.cancel_requested = False
    job.started_at = timezone.now()
    job.save()
    audit(actor, "import.confirmed", job, mode=mode, send_invitations=job.send_invitations)
    if background:
        _enqueue("import_run_task", job)
    return job


@transaction.atomic
def import_cancel(*, actor: User, job: ImportJob) -> ImportJob:
    """Before the import runs: it ends here. While it runs: it stops between two batches (an
    all-or-nothing import then writes nothing; rows already written by a valid-rows-only
    import stay, and can be undone)."""
    job = ImportJob.objects.select_for_update().get(pk=job.pk)
    if job.status in BUSY:
        job.cancel_requested = True
        job.save(update_fields=["cancel_requested"])
        audit(actor, "import.cancel_requested", job)
    elif job.status in BEFORE_CONFIRM:
        job.status = ImportStatus.CANCELLED
        job.finished_at = timezone.now()
        job.save(update_fields=["status", "finished_at"])
        audit(actor, "import.cancelled", job, rows_done=job.rows_done)
    else:
        raise ValidationError(_("This import has ended; there is nothing to cancel."))
    return job
