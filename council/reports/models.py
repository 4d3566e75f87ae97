"""Exports that run in the background: who asked for what, how far it has got, and the file
when it is ready (kept in private storage, served only to the person who asked)."""

from __future__ import annotations

from django.conf import settings
from django.core.files.storage import Storage, storages
from django.db import models
from django.utils.timezone import now
from django.utils.translation import gettext_lazy as _


def _private_storage() -> Storage:
    return storages["private"]


def export_path(job: ExportJob, filename: str) -> str:
    return f"exports/{job.requested_by_id}/{job.pk}-{filename}"


class ExportKind(models.TextChoices):
    HOURS = "hours", _("Verified hours, one row per entry (no personal data)")
    COUNTRIES = "countries", _("Figures per country")
    MONTHS = "months", _("Hours per month and country")
    SDG = "sdg", _("SDG goals and targets per country")


class ExportFormat(models.TextChoices):
    CSV = "csv", "CSV"
    XLSX = "xlsx", "XLSX"


class ExportStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting to start")
    RUNNING = "running", _("Being written")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")


class ExportJob(models.Model):
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="+", verbose_name=_("requested by")
    )
    kind = models.CharField(_("table"), max_length=12, choices=ExportKind.choices)
    format = models.CharField(_("format"), max_length=4, choices=ExportFormat.choices)
    # The report filters as the form cleaned them (year, month, countries, region, …).
    filters = models.JSONField(_("filters"), default=dict)
    language = models.CharField(_("language"), max_length=5)
    status = models.CharField(
        _("status"), max_length=8, choices=ExportStatus.choices, default=ExportStatus.QUEUED
    )
    rows_total = models.PositiveIntegerField(_("rows in all"), null=True, blank=True)
    rows_done = models.PositiveIntegerField(_("rows written"), default=0)
    file = models.FileField(_("file"), upload_to=export_path, storage=_private_storage, blank=True)
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("requested at"), default=now)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("export")
        verbose_name_plural = _("exports")
        indexes = [models.Index(fields=["requested_by", "created_at"])]

    def __str__(self) -> str:
        return f"{self.kind}.{self.format} ({self.status})"

    @property
    def percent(self) -> int:
        if self.status == ExportStatus.DONE:
            return 100
        if not self.rows_total:
            return 0
        return min(99, self.rows_done * 100 // self.rows_total)
