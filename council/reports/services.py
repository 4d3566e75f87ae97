"""Exports of the reports' tables: requested on a page or the API, written in the background
(django-tasks: the database backend's worker in production) with the rows counted as they
go, kept in private storage for the person who asked."""

from __future__ import annotations

import logging
import os
import tempfile

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks_db.backend import DatabaseBackend

from council.accounts.models import User
from council.audit.services import record
from council.lib import tables
from council.reports import access, exports
from council.reports.models import ExportFormat, ExportJob, ExportKind, ExportStatus
from council.reports.selectors.filters import Filters

logger = logging.getLogger(__name__)


@transaction.atomic
def export_request(
    *, actor: User, kind: str, export_format: str, filters: Filters, language: str
) -> ExportJob:
    """Record the export and queue it (after the commit, or with it when tasks are rows of
    this database)."""
    from council.reports.tasks import export_run

    if kind not in ExportKind.values:
        raise ValidationError({"kind": _("Choose one of the tables.")})
    if export_format not in ExportFormat.values:
        raise ValidationError({"format": _("Choose CSV or XLSX.")})
    if kind == ExportKind.HOURS:
        filters = _entries_in_reach(actor=actor, filters=filters)
    job = ExportJob.objects.create(
        requested_by=actor,
        kind=kind,
        format=export_format,
        filters=exports.filters_to_json(filters),
        language=language,
    )
    record(
        actor=actor,
        action="export.requested",
        target=job,
        data={"kind": kind, "format": export_format, "filters": job.filters},
    )

    def enqueue() -> None:
        export_run.enqueue(job_id=job.pk)

    if isinstance(export_run.get_backend(), DatabaseBackend):
        enqueue()
    else:
        transaction.on_commit(enqueue)
    return job


def _entries_in_reach(*, actor: User, filters: Filters) -> Filters:
    """The filters of an export of entries narrowed to the countries the person may export
    (their own country for a national coordinator); asking for another country is refused."""
    countries = access.entries_countries(user=actor)
    if countries is None:
        return filters
    if not countries or not set(filters.countries) <= set(countries):
        raise ValidationError(
            {"country": _("You can export the entries of your own country only.")}
        )
    return filters if filters.countries else filters.without(countries=countries)


def _progress(job_id: int) -> tables.Progress:
    def note(rows: int) -> None:
        ExportJob.objects.filter(pk=job_id).update(rows_done=rows)

    return note


def export_write(*, job_id: int) -> ExportJob:
    """Write the file: rows are counted into the job as they are written, so its page shows
    how far it has got. A failure is recorded on the job, not raised."""
    claimed = ExportJob.objects.filter(pk=job_id, status=ExportStatus.QUEUED).update(
        status=ExportStatus.RUNNING
    )
    job = ExportJob.objects.get(pk=job_id)
    if not claimed:
        return job  # already written, or being written by another worker
    filters = exports.filters_from_json(job.filters)
    suffix = f".{job.format}"
    handle, path = tempfile.mkstemp(suffix=suffix)
    os.close(handle)
    try:
        with translation.override(job.language):
            total = exports.rows_total(job.kind, filters)
            if total is not None:
                ExportJob.objects.filter(pk=job.pk).update(rows_total=total)
            headers, rows = exports.table(job.kind, filters)
            if job.format == ExportFormat.CSV:
                with open(path, "w", encoding="utf-8-sig", newline="") as stream:
                    written = tables.write_csv(stream, headers, rows, _progress(job.pk))
            else:
                written = tables.write_xlsx(
                    path, headers, rows, _progress(job.pk), title=_("Report")
                )
        job.refresh_from_db()
        with open(path, "rb") as stream:
            job.file.save(f"{job.kind}-{filters.year}{suffix}", File(stream), save=False)
        job.rows_done = written
        job.rows_total = written
        job.status = ExportStatus.DONE
        job.finished_at = timezone.now()
        job.save(update_fields=["file", "rows_done", "rows_total", "status", "finished_at"])
        record(actor=None, action="export.finished", target=job, data={"rows": written})
    except Exception as error:  # recorded on the job for the person who asked
        logger.exception("export %s failed", job.pk)
        job.status = ExportStatus.FAILED
        job.error = str(error)[:500]
        job.finished_at = timezone.now()
        job.save(update_fields=["status", "error", "finished_at"])
        record(actor=None, action="export.failed", target=job, data={"error": job.error})
    finally:
        os.unlink(path)
    return job
