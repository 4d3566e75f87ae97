"""Import a spreadsheet from the command line: the same journey as the page (upload, mapping,
dry run, confirm), run in this process with its progress printed, then the report."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation

from council.accounts.models import User
from council.imports import selectors, services
from council.imports.kinds import KINDS
from council.imports.kinds.base import header_key
from council.imports.models import ImportJob, ImportMode, ImportStatus
from council.orgs.models import Organisation

# Problems printed at most (the rest: in the report on the page or the API).
SHOWN_ISSUES = 50


class Command(BaseCommand):
    help = (
        "Import a CSV, XLSX or ODS file as the person --as: check every row (a dry run, "
        "nothing written), print the report, then (without --dry-run) import it in the "
        "mode chosen. --mapping is JSON {column header or index: field key} or 'auto' (the "
        "mapping remembered for the organisation and source, else guessed from the headers)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path")
        parser.add_argument("--kind", required=True, choices=sorted(KINDS))
        parser.add_argument("--organisation", required=True, type=int)
        parser.add_argument("--source", required=True)
        parser.add_argument("--as", dest="email", required=True, help="who imports")
        parser.add_argument("--mapping", default="auto")
        parser.add_argument("--mode", default=ImportMode.ALL_OR_NOTHING, choices=ImportMode.values)
        parser.add_argument("--dry-run", action="store_true")
        parser.add_argument("--send-invitations", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        actor = User.objects.filter(email__iexact=options["email"]).first()
        if actor is None:
            raise CommandError(f"No user {options['email']}.")
        organisation = Organisation.objects.filter(pk=options["organisation"]).first()
        if organisation is None:
            raise CommandError(f"No organisation {options['organisation']}.")
        path = Path(options["path"])
        if not path.is_file():
            raise CommandError(f"No file {path}.")
        with translation.override(actor.preferred_language or "en"):
            job = self._check(actor, organisation, path, options)
            self._report(job)
            if options["dry_run"] or job.status != ImportStatus.CHECKED:
                return
            try:
                services.import_confirm(
                    actor=actor,
                    job=job,
                    mode=options["mode"],
                    send_invitations=options["send_invitations"],
                    background=False,
                )
            except ValidationError as error:
                raise CommandError(" ".join(error.messages)) from None
            job = services.import_run(job_id=job.pk, progress=self._progress) or job
            job.refresh_from_db()
            self.stdout.write("")
            self._report(job)

    def _check(
        self, actor: User, organisation: Organisation, path: Path, options: dict[str, Any]
    ) -> ImportJob:
        try:
            with path.open("rb") as stream:
                job = services.import_upload(
                    actor=actor,
                    organisation=organisation,
                    kind=options["kind"],
                    source=options["source"],
                    upload=File(stream),
                    filename=path.name,
                )
            mapping = self._mapping(job, options["mapping"])
            services.import_map(actor=actor, job=job, mapping=mapping, check=False)
            services.import_check(actor=actor, job=job, background=False)
        except PermissionDenied:
            raise CommandError(f"{actor.email} may not import {options['kind']} there.") from None
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        self.stdout.write(f"Import {job.pk}: {job.filename}, dry run")
        services.import_check_run(job_id=job.pk, progress=self._progress)
        job.refresh_from_db()
        self.stdout.write("")
        return job

    def _mapping(self, job: ImportJob, given: str) -> dict[str, str]:
        if given == "auto":
            return dict(job.mapping)
        try:
            wanted = json.loads(given)
        except json.JSONDecodeError as error:
            raise CommandError(f"--mapping is not JSON: {error}") from None
        if not isinstance(wanted, dict):
            raise CommandError("--mapping is a JSON object {column: field}.")
        columns = {header_key(header): str(index) for index, header in enumerate(job.headers)}
        mapping: dict[str, str] = {}
        for column, field in wanted.items():
            index = str(column) if str(column).isdigit() else columns.get(header_key(str(column)))
            if index is None:
                raise CommandError(f"The file has no column {column!r}.")
            mapping[index] = str(field or "")
        return mapping

    def _progress(self, job: ImportJob) -> None:
        total = f" of {job.rows_total}" if job.rows_total else ""
        self.stdout.write(f"\r  {job.rows_done}{total} rows", ending="")
        self.stdout.flush()

    def _report(self, job: ImportJob) -> None:
        self.stdout.write(
            f"{job.get_status_display()}: {job.rows_done} rows, {job.rows_valid} valid, "
            f"{job.rows_rejected} rejected, {job.duplicates_found} likely duplicates, "
            f"{job.rows_created} created, {job.rows_skipped} skipped."
        )
        if job.error:
            self.stdout.write(job.error)
        for issue in selectors.issues_of(job)[:SHOWN_ISSUES]:
            shown = selectors.issue_shown(job, issue)
            where = f"row {shown.row_number}" + (f", {shown.column}" if shown.column else "")
            self.stdout.write(f"  {where}: {shown.message}")
        for duplicate in selectors.duplicates_of(job)[:SHOWN_ISSUES]:
            reasons = ", ".join(selectors.reasons_shown(duplicate.reasons))
            self.stdout.write(
                f"  row {duplicate.row_number} looks like {duplicate.candidate_repr} "
                f"({duplicate.score:.2f}: {reasons}): {duplicate.get_decision_display()}"
            )
