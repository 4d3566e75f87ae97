"""The exchange format's records of its own work: who exported what, the files brought in
(with their check report), which platform row each imported record became, and the hours
that arrived without a person this platform knows (held until someone claims them)."""

from __future__ import annotations

from django.conf import settings
from django.core.files.storage import Storage, storages
from django.db import models
from django.db.models import Q
from django.utils.timezone import now
from django.utils.translation import gettext_lazy as _

from council.lib.models import one_per


def _private_storage() -> Storage:
    return storages["private"]


class ExchangeKind(models.TextChoices):
    ALL = "all", _("Organisations, opportunities and hours")
    ORGANISATIONS = "organisation", _("Organisations")
    OPPORTUNITIES = "opportunity", _("Opportunities")
    HOURS = "hours", _("Verified hours")


class ExchangeFormat(models.TextChoices):
    JSONL = "jsonl", _("JSON Lines (the exchange format, signed)")
    CSV = "csv", _("CSV (the same fields for spreadsheets, signed in its last row)")


class ExchangeExport(models.Model):
    """One export, as asked for: kept so that "who took which data out" has an answer."""

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("requested by"),
    )
    organisation = models.ForeignKey(
        "orgs.Organisation",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation"),
    )
    country = models.CharField(_("national network's country"), max_length=2, blank=True)
    date_from = models.DateField(_("from"), null=True, blank=True)
    date_to = models.DateField(_("to"), null=True, blank=True)
    kind = models.CharField(_("records"), max_length=12, choices=ExchangeKind.choices)
    format = models.CharField(_("format"), max_length=5, choices=ExchangeFormat.choices)
    personal_data = models.BooleanField(_("with personal data where allowed"), default=False)
    recipient_country = models.CharField(_("receiving country"), max_length=2, blank=True)
    created_at = models.DateTimeField(_("exported at"), default=now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("exchange export")
        verbose_name_plural = _("exchange exports")

    def __str__(self) -> str:
        return f"{self.kind}.{self.format} {self.created_at:%Y-%m-%d}"


class ImportStatus(models.TextChoices):
    CHECKED = "checked", _("Checked: waiting for confirmation")
    REJECTED = "rejected", _("Rejected: the file has errors")
    IMPORTED = "imported", _("Imported")


def import_path(instance: ExchangeImport, filename: str) -> str:
    return f"exchange-imports/{instance.requested_by_id or 0}/{now():%Y%m%d%H%M%S}.jsonl"


class ExchangeImport(models.Model):
    """A file brought in: checked first (a dry run whose report the person reads), then
    imported on confirmation. The file is kept only while it waits for that confirmation."""

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("requested by"),
    )
    file = models.FileField(
        _("file"), upload_to=import_path, storage=_private_storage, blank=True, max_length=200
    )
    filename = models.CharField(_("file name"), max_length=200, blank=True)
    sha256 = models.CharField(_("SHA-256 of the file"), max_length=64, blank=True)
    # The public key given with the file (base64 or a JWK), for when it is confirmed.
    issuer_key = models.TextField(_("issuer's public key"), blank=True)
    issuer = models.CharField(_("issuer"), max_length=120, blank=True)
    key_id = models.CharField(_("key id"), max_length=16, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=ImportStatus.choices)
    report = models.JSONField(_("report"), default=dict)
    created_at = models.DateTimeField(_("uploaded at"), default=now)
    imported_at = models.DateTimeField(_("imported at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("exchange import")
        verbose_name_plural = _("exchange imports")
        indexes = [models.Index(fields=["requested_by", "created_at"])]

    def __str__(self) -> str:
        return self.filename or f"import {self.pk}"


class RecordKind(models.TextChoices):
    ORGANISATION = "organisation", _("organisation")
    PROJECT = "project", _("project")
    OPPORTUNITY = "opportunity", _("opportunity")


class ExternalRecord(models.Model):
    """Which platform row a record of another issuer became (or was matched to), so that
    importing it again finds the same row. Hours carry their own origin and id
    (`HoursEntry.origin`, `HoursEntry.external_id`)."""

    origin = models.CharField(_("origin"), max_length=120)
    kind = models.CharField(_("kind"), max_length=12, choices=RecordKind.choices)
    external_id = models.CharField(_("id at the origin"), max_length=200)
    organisation = models.ForeignKey(
        "orgs.Organisation", models.CASCADE, null=True, blank=True, related_name="+"
    )
    project = models.ForeignKey(
        "projects.Project", models.CASCADE, null=True, blank=True, related_name="+"
    )
    opportunity = models.ForeignKey(
        "projects.Opportunity", models.CASCADE, null=True, blank=True, related_name="+"
    )
    # Made by an import (True), or an existing row the record was matched to (False): only
    # rows an import made are changed by a later import of the same record.
    created = models.BooleanField(default=False)
    exchange_import = models.ForeignKey(
        ExchangeImport, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=now)

    class Meta:
        verbose_name = _("imported record")
        verbose_name_plural = _("imported records")
        constraints = [one_per("origin", "kind", "external_id", name="one_row_per_external_record")]

    def __str__(self) -> str:
        return f"{self.kind} {self.external_id}"


class HeldHours(models.Model):
    """Verified hours of a person this platform does not know: a pseudonymous record, or a
    named one whose email address has no account here. They are kept as the issuer sent them
    and counted in the exchange totals, but not in anyone's record book until claimed."""

    origin = models.CharField(_("origin"), max_length=120)
    external_id = models.CharField(_("id at the origin"), max_length=200)
    person_id = models.CharField(_("person's id at the origin"), max_length=200)
    email = models.EmailField(_("email address"), blank=True)
    organisation = models.ForeignKey(
        "orgs.Organisation", models.CASCADE, related_name="+", verbose_name=_("organisation")
    )
    project = models.ForeignKey(
        "projects.Project", models.CASCADE, related_name="+", verbose_name=_("project")
    )
    date = models.DateField(_("date"))
    hours = models.DecimalField(_("hours"), max_digits=5, decimal_places=2)
    during_paid_work = models.BooleanField(_("during paid work time"), default=False)
    sdg_goals = models.JSONField(_("SDG goals"), default=list)
    record = models.JSONField(_("record"))
    exchange_import = models.ForeignKey(
        ExchangeImport, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=now)

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("held hours")
        verbose_name_plural = _("held hours")
        constraints = [
            one_per("origin", "external_id", name="one_held_record_per_external_id"),
            models.CheckConstraint(
                condition=Q(hours__gt=0) & Q(hours__lte=24), name="held_hours_within_a_day"
            ),
        ]
        indexes = [models.Index(fields=["organisation", "date"])]

    def __str__(self) -> str:
        return f"{self.person_id} {self.date} {self.hours}"
