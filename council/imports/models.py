"""Imports of spreadsheets: the job (its file, mapping, progress and counts), the problems it
found row by row, the rows it created (for undo and audit), the mappings remembered per
organisation and source, and the likely duplicates a person decides on."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import Storage, storages
from django.db import models
from django.utils.timezone import now
from django.utils.translation import gettext_lazy as _

from council.lib.models import one_per


def _private_storage() -> Storage:
    return storages["private"]


def upload_path(job: ImportJob, filename: str) -> str:
    """Uploads are private: under PRIVATE_ROOT (never MEDIA_ROOT), with a random part so a
    name cannot be guessed."""
    return f"imports/{job.organisation_id}/{secrets.token_hex(8)}-{filename[-80:]}"


class ImportKind(models.TextChoices):
    ORGANISATIONS = "organisations", _("Organisations")
    VOLUNTEERS = "volunteers", _("Volunteers (invited as contacts)")
    PROJECTS = "projects", _("Projects with opportunities and shifts")
    HOURS = "hours", _("Historical verified hours")


class ImportStatus(models.TextChoices):
    UPLOADED = "uploaded", _("Uploaded: map the columns")
    MAPPED = "mapped", _("Mapped: ready for the dry run")
    CHECKING = "checking", _("Dry run in progress")
    CHECKED = "checked", _("Dry run done: confirm")
    RUNNING = "running", _("Importing")
    FINISHED = "finished", _("Finished")
    FAILED = "failed", _("Failed: nothing written")
    CANCELLED = "cancelled", _("Cancelled")
    UNDONE = "undone", _("Undone")


# A job in one of these is being worked on in the background.
BUSY = (ImportStatus.CHECKING, ImportStatus.RUNNING)


class ImportMode(models.TextChoices):
    ALL_OR_NOTHING = "all_or_nothing", _("All or nothing: any row with a problem stops it")
    VALID_ROWS_ONLY = "valid_rows_only", _("Valid rows only: rows with problems are skipped")


class ImportJob(models.Model):
    kind = models.CharField(_("what is imported"), max_length=16, choices=ImportKind.choices)
    # The organisation that imports: its own volunteers, projects and hours; or, for
    # organisations, the national network they are imported under (their parent).
    organisation = models.ForeignKey(
        "orgs.Organisation",
        models.CASCADE,
        related_name="+",
        verbose_name=_("organisation"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    source = models.CharField(
        _("source"),
        max_length=80,
        help_text=_("Where the file comes from, e.g. DOBRO.RF or “our spreadsheet”."),
    )
    file = models.FileField(
        _("file"), upload_to=upload_path, storage=_private_storage, max_length=200, blank=True
    )
    filename = models.CharField(_("file name"), max_length=200)
    size = models.PositiveBigIntegerField(_("size in bytes"), default=0)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    # What the reader found: csv/xlsx/ods, the encoding and separator of a CSV, the sheet.
    file_format = models.CharField(_("format"), max_length=8, blank=True)
    encoding = models.CharField(_("encoding"), max_length=20, blank=True)
    delimiter = models.CharField(_("separator"), max_length=4, blank=True)
    sheet = models.CharField(_("sheet"), max_length=120, blank=True)
    headers = models.JSONField(_("columns"), default=list)
    samples = models.JSONField(_("sample values"), default=list)
    # Column index (as text) → field key, "" for a column that is ignored.
    mapping = models.JSONField(_("mapping"), default=dict)
    mode = models.CharField(
        _("mode"),
        max_length=16,
        choices=ImportMode.choices,
        default=ImportMode.ALL_OR_NOTHING,
    )
    send_invitations = models.BooleanField(_("send invitations"), default=False)
    status = models.CharField(
        _("status"), max_length=10, choices=ImportStatus.choices, default=ImportStatus.UPLOADED
    )
    # "checking" or "writing" while busy: an all-or-nothing run checks every row, then writes
    # them in one transaction, whose progress nobody else sees until it commits.
    phase = models.CharField(_("phase"), max_length=10, blank=True)
    cancel_requested = models.BooleanField(_("cancel requested"), default=False)
    rows_total = models.PositiveIntegerField(_("rows in all"), null=True, blank=True)
    rows_done = models.PositiveIntegerField(_("rows done"), default=0)
    rows_valid = models.PositiveIntegerField(_("valid rows"), default=0)
    rows_rejected = models.PositiveIntegerField(_("rejected rows"), default=0)
    rows_created = models.PositiveIntegerField(_("created"), default=0)
    rows_skipped = models.PositiveIntegerField(_("skipped"), default=0)
    duplicates_found = models.PositiveIntegerField(_("likely duplicates"), default=0)
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("uploaded at"), default=now)
    checked_at = models.DateTimeField(_("checked at"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("confirmed by"),
    )
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    undone_at = models.DateTimeField(_("undone at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        indexes = [models.Index(fields=["organisation", "created_at"])]

    def __str__(self) -> str:
        return f"{self.kind} ← {self.filename} ({self.status})"

    @property
    def is_busy(self) -> bool:
        return self.status in BUSY

    @property
    def percent(self) -> int | None:
        """How far a background step has got; None while it cannot be told (an
        all-or-nothing write, seen by nobody until it commits)."""
        if self.status in (ImportStatus.FINISHED, ImportStatus.CHECKED):
            return 100
        if self.phase == "writing" and self.mode == ImportMode.ALL_OR_NOTHING:
            return None
        if not self.rows_total:
            return 0
        return min(99, self.rows_done * 100 // self.rows_total)


class ImportIssue(models.Model):
    """A problem of one row (row 0: of the file): a code and its parameters, rendered in the
    reader's language when shown (council.imports.issues)."""

    job = models.ForeignKey(ImportJob, models.CASCADE, related_name="issues")
    row_number = models.PositiveIntegerField(_("row"))
    column = models.CharField(_("column"), max_length=200, blank=True)
    field = models.CharField(_("field"), max_length=40, blank=True)
    code = models.CharField(_("problem"), max_length=40)
    params = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        ordering = ["row_number", "pk"]
        verbose_name = _("import problem")
        verbose_name_plural = _("import problems")
        indexes = [models.Index(fields=["job", "row_number"])]

    def __str__(self) -> str:
        return f"{self.row_number}: {self.code}"


class ImportedObject(models.Model):
    """A row an import created: what undo deletes, and what the audit trail names."""

    job = models.ForeignKey(ImportJob, models.CASCADE, related_name="objects_created")
    content_type = models.ForeignKey(ContentType, models.CASCADE, related_name="+")
    object_id = models.BigIntegerField()
    row_number = models.PositiveIntegerField(_("row"))

    class Meta:
        verbose_name = _("imported row")
        verbose_name_plural = _("imported rows")
        indexes = [models.Index(fields=["job", "content_type"])]

    def __str__(self) -> str:
        return f"{self.content_type_id}:{self.object_id}"


class ImportMapping(models.Model):
    """The mapping an organisation used last for a kind of file from a source: the folded
    header of a column → the field key, so the next file of that source is mapped alike."""

    organisation = models.ForeignKey(
        "orgs.Organisation", models.CASCADE, related_name="+", verbose_name=_("organisation")
    )
    kind = models.CharField(_("what is imported"), max_length=16, choices=ImportKind.choices)
    source = models.CharField(_("source"), max_length=80)
    mapping = models.JSONField(_("mapping"), default=dict)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("remembered mapping")
        verbose_name_plural = _("remembered mappings")
        constraints = [one_per("organisation", "kind", "source", name="one_mapping_per_source")]

    def __str__(self) -> str:
        return f"{self.kind} ← {self.source}"


class DuplicateDecision(models.TextChoices):
    UNDECIDED = "undecided", _("Not decided (skipped)")
    SAME = "same", _("The same (skip the row)")
    DIFFERENT = "different", _("Different (import the row)")


class ImportDuplicate(models.Model):
    """A row of the file that looks like a record the platform already holds."""

    job = models.ForeignKey(ImportJob, models.CASCADE, related_name="duplicates")
    row_number = models.PositiveIntegerField(_("row"))
    candidate_type = models.ForeignKey(ContentType, models.CASCADE, related_name="+")
    candidate_id = models.BigIntegerField()
    candidate_repr = models.CharField(_("existing record"), max_length=200)
    row_repr = models.CharField(_("row"), max_length=200)
    score = models.FloatField(_("score"))
    reasons = models.JSONField(_("reasons"), default=list)
    # The same registration number or email address: never imported again, not a choice.
    certain = models.BooleanField(_("certain"), default=False)
    decision = models.CharField(
        _("decision"),
        max_length=10,
        choices=DuplicateDecision.choices,
        default=DuplicateDecision.UNDECIDED,
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["row_number", "-score", "pk"]
        verbose_name = _("likely duplicate")
        verbose_name_plural = _("likely duplicates")
        constraints = [
            one_per("job", "row_number", "candidate_type", "candidate_id", name="one_pair_per_row")
        ]

    def __str__(self) -> str:
        return f"{self.row_number} ~ {self.candidate_repr}"
