"""Importing an exchange file: checked whole first (council.interchange.reading), then
written in one transaction — all of it, or nothing when any record has a problem. A dry run
writes the same way and rolls back, so its report says exactly what an import would do.

How records map onto the platform (docs/exchange-format.md, "Importing"):

- organisations: found by their id from an earlier import, by this platform's own id (in a
  file it signed itself), or by registration number and country; otherwise created pending
  verification. Rows an import created are updated by a later import; rows it only matched
  are left as they are.
- opportunities: their project is created (or found) as a completed project of the
  organisation — closed, not offered to volunteers — and the opportunity under it.
- hours: written as verified entries of the person with that email address
  (`HoursEntry.source` "imported", `origin` "exchange:<issuer>", `external_id` the record's
  id); a record without an email address, or whose address has no account here, is held
  (`HeldHours`) until it is claimed.
"""

from __future__ import annotations

from collections import Counter
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from council.accounts.models import User
from council.audit.services import record
from council.interchange.access import Reach
from council.interchange.models import (
    ExchangeImport,
    ImportStatus,
)
from council.interchange.reading import Checked, check, issuer_keys, lines, parse
from council.interchange.services.importer import (
    Importer,
    LineProblem,
    Report,
    Rollback,
)


def _write(
    stream: IO[bytes], checked: Checked, *, actor: User | None, reach: Reach, job: Any
) -> Counter[str]:
    """Write every record of a checked file; problems go to `checked.errors` by line."""
    importer = Importer(actor=actor, reach=reach, checked=checked, job=job)
    errors = checked.errors
    stream.seek(0)
    for number, raw in lines(stream):
        data, _problem = parse(raw or b"")
        if data is None or data["type"] in ("header", "signature"):
            continue
        try:
            # One savepoint per record: a record with a problem leaves nothing of itself.
            with transaction.atomic():
                if data["type"] == "organisation":
                    importer.organisation(data)
                elif data["type"] == "opportunity":
                    importer.opportunity(data)
                else:
                    importer.hours(number, data)
        except LineProblem as problem:
            errors.add(number, problem.field, problem.message)
    try:
        importer.flush()
    except ValidationError as error:
        errors.add(0, "", " ".join(error.messages))
    return importer.counts


def exchange_import(
    *,
    actor: User | None,
    reach: Reach,
    stream: IO[bytes],
    keys: dict[str, str],
    dry_run: bool,
    job: ExchangeImport | None = None,
) -> Report:
    """Check the file, then write it in one transaction (rolled back for a dry run, or when
    any record has a problem: then nothing is written)."""
    checked = check(stream, keys)
    report = Report(checked=checked, dry_run=dry_run)
    if checked.errors:
        return report
    try:
        with transaction.atomic():
            report.counts = _write(stream, checked, actor=actor, reach=reach, job=job)
            if checked.errors or dry_run:
                raise Rollback
            if job is not None:
                record(
                    actor=actor,
                    action="exchange.imported",
                    target=job,
                    data={"issuer": checked.issuer, "counts": dict(report.counts)},
                )
    except Rollback:
        return report
    report.written = True
    return report


# --- The imports' journal -------------------------------------------------------------------

# An exchange file larger than this is split by period before it is sent.
MAX_FILE_BYTES = 50 * 1024 * 1024


def _keys(issuer_key: str) -> dict[str, str]:
    try:
        return issuer_keys(issuer_key)
    except ValueError as error:
        raise ValidationError({"issuer_key": str(error)}) from None


def _check_upload(upload: File[Any]) -> None:
    if (upload.size or 0) > MAX_FILE_BYTES:
        raise ValidationError(
            {
                "file": _("The file is larger than %(size)d MB; send one period at a time.")
                % {"size": MAX_FILE_BYTES // (1024 * 1024)}
            }
        )


def _journal(
    *, actor: User | None, upload: File[Any], issuer_key: str, report: Report
) -> ExchangeImport:
    status = ImportStatus.CHECKED if report.ok else ImportStatus.REJECTED
    if report.written:
        status = ImportStatus.IMPORTED
    return ExchangeImport(
        requested_by=actor,
        filename=(upload.name or "")[-200:],
        sha256=report.checked.sha256,
        issuer_key=issuer_key.strip(),
        issuer=report.checked.issuer[:120],
        key_id=report.checked.key_id[:16],
        status=status,
        report=report.as_dict(),
        imported_at=timezone.now() if report.written else None,
    )


def import_check(
    *, actor: User, reach: Reach, upload: File[Any], issuer_key: str
) -> ExchangeImport:
    """A page's first step: check the file with a dry run and keep it (when it has no
    problem) for the person to confirm after reading the report."""
    keys = _keys(issuer_key)
    _check_upload(upload)
    report = exchange_import(actor=actor, reach=reach, stream=upload, keys=keys, dry_run=True)
    job = _journal(actor=actor, upload=upload, issuer_key=issuer_key, report=report)
    with transaction.atomic():
        if report.ok:
            upload.seek(0)
            job.file.save("exchange.jsonl", upload, save=False)
        job.save()
        record(
            actor=actor,
            action="exchange.import_checked",
            target=job,
            data={"issuer": job.issuer, "ok": report.ok, "sha256": job.sha256},
        )
    return job


def import_confirm(*, actor: User, reach: Reach, job: ExchangeImport) -> ExchangeImport:
    """Import a checked file. It is read and checked again: nothing is written unless the
    whole file still passes."""
    with transaction.atomic():
        job = ExchangeImport.objects.select_for_update().get(pk=job.pk)
        if job.status != ImportStatus.CHECKED or not job.file:
            raise ValidationError(_("This file has already been imported, or was rejected."))
        with job.file.open("rb") as stream:
            report = exchange_import(
                actor=actor,
                reach=reach,
                stream=stream,
                keys=_keys(job.issuer_key),
                dry_run=False,
                job=job,
            )
        if report.checked.sha256 != job.sha256:
            raise ValidationError(_("The stored file has changed since it was checked."))
        job.report = report.as_dict()
        job.status = ImportStatus.IMPORTED if report.written else ImportStatus.REJECTED
        job.imported_at = timezone.now() if report.written else None
        job.file.delete(save=False)
        job.save(update_fields=["report", "status", "imported_at", "file"])
    return job


def import_file(
    *,
    actor: User | None,
    reach: Reach,
    upload: File[Any],
    issuer_key: str,
    dry_run: bool,
) -> ExchangeImport:
    """Check and (unless `dry_run`) import a file in one step (the API and the command),
    journalled either way; the file itself is not kept."""
    keys = _keys(issuer_key)
    _check_upload(upload)
    with transaction.atomic():
        job = ExchangeImport.objects.create(
            requested_by=actor, filename=(upload.name or "")[-200:], status=ImportStatus.REJECTED
        )
        report = exchange_import(
            actor=actor,
            reach=reach,
            stream=upload,
            keys=keys,
            dry_run=dry_run,
            job=None if dry_run else job,
        )
        filled = _journal(actor=actor, upload=upload, issuer_key=issuer_key, report=report)
        filled.pk, filled.created_at = job.pk, job.created_at
        filled.issuer_key = ""
        filled.save()
        if dry_run or not report.written:
            record(
                actor=actor,
                action="exchange.import_checked",
                target=filled,
                data={"issuer": filled.issuer, "ok": report.ok, "sha256": filled.sha256},
            )
    return filled
