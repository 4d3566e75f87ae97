"""The agreements a council keeps (with their signatories, extensions, signed copies and expiry
reminders) and the programmes that implement them."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.files.storage import Storage, storages
from django.db import models
from django.db.models import Q
from django.utils.timezone import now
from django.utils.translation import gettext_lazy as _

from council.cooperation.models.councils import Council
from council.lib.dates import validate_plan_date
from council.lib.models import Mirrored, Named, Titled, in_order, one_mirror_per_origin, one_per
from council.lib.text import MAX_NOTE, MAX_TEXT, text_limit, validate_plain_text


class AgreementStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ACTIVE = "active", _("In force")
    EXPIRED = "expired", _("Expired")


class Agreement(Titled, Mirrored):
    """An agreement the council keeps: its parties, signatories, term and funding. Its status
    follows its term (`close_expired_agreements`); an extension moves the end and is kept as
    history."""

    council = models.ForeignKey(
        Council, models.PROTECT, related_name="agreements", verbose_name=_("council")
    )
    title = models.CharField(_("title"), max_length=300, validators=[validate_plain_text])
    directions = models.TextField(
        _("directions of cooperation"),
        blank=True,
        max_length=MAX_TEXT,
        validators=[text_limit(MAX_TEXT)],
    )
    parties = models.ManyToManyField(
        "orgs.Organisation", related_name="agreements", verbose_name=_("parties")
    )
    signed_on = models.DateField(
        _("signed on"), null=True, blank=True, validators=[validate_plan_date]
    )
    signed_at = models.CharField(
        _("signed at (place)"), max_length=200, blank=True, validators=[validate_plain_text]
    )
    starts_on = models.DateField(
        _("in force from"), null=True, blank=True, validators=[validate_plan_date]
    )
    ends_on = models.DateField(
        _("in force until"), null=True, blank=True, validators=[validate_plan_date]
    )
    funding_amount = models.DecimalField(
        _("funding"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    funding_currency = models.CharField(
        _("currency"), max_length=3, blank=True, help_text=_("ISO 4217 code, e.g. KZT.")
    )
    funding_source = models.CharField(
        _("source of funding"), max_length=300, blank=True, validators=[validate_plain_text]
    )
    status = models.CharField(
        _("status"), max_length=8, choices=AgreementStatus.choices, default=AgreementStatus.DRAFT
    )
    created_at = models.DateTimeField(default=now, editable=False)

    class Meta:
        ordering = ["council", "-signed_on", "pk"]
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        indexes = [models.Index(fields=["status", "ends_on"])]
        constraints = [
            one_mirror_per_origin("agreement"),
            in_order(
                "starts_on",
                "ends_on",
                name="agreement_term_in_order",
                unless_empty=["starts_on", "ends_on"],
            ),
            models.CheckConstraint(
                condition=Q(funding_amount__isnull=True) | ~Q(funding_currency=""),
                name="agreement_funding_has_a_currency",
            ),
        ]


class Signatory(Named):
    agreement = models.ForeignKey(Agreement, models.CASCADE, related_name="signatories")
    name = models.CharField(_("name"), max_length=200, validators=[validate_plain_text])
    position = models.CharField(
        _("position"), max_length=300, blank=True, validators=[validate_plain_text]
    )
    organisation = models.ForeignKey(
        "orgs.Organisation", models.PROTECT, related_name="+", verbose_name=_("organisation")
    )

    class Meta:
        ordering = ["agreement", "pk"]
        verbose_name = _("signatory")
        verbose_name_plural = _("signatories")


class AgreementExtension(models.Model):
    """One extension of an agreement's term, kept as history."""

    agreement = models.ForeignKey(Agreement, models.CASCADE, related_name="extensions")
    previous_ends_on = models.DateField(_("was in force until"), null=True)
    ends_on = models.DateField(_("extended until"), validators=[validate_plan_date])
    signed_on = models.DateField(
        _("signed on"), null=True, blank=True, validators=[validate_plan_date]
    )
    note = models.TextField(
        _("note"), blank=True, max_length=MAX_NOTE, validators=[text_limit(MAX_NOTE)]
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=now, editable=False)

    class Meta:
        ordering = ["agreement", "created_at", "pk"]
        verbose_name = _("extension")
        verbose_name_plural = _("extensions")

    def __str__(self) -> str:
        return f"{self.agreement} → {self.ends_on}"


def _private_storage() -> Storage:
    return storages["private"]


def document_path(instance: AgreementDocument, filename: str) -> str:
    return f"agreements/{instance.agreement_id}/{secrets.token_hex(8)}.pdf"


class AgreementDocument(Titled):
    """A signed copy (PDF), kept out of the public media folder and served to those who may
    read it."""

    agreement = models.ForeignKey(Agreement, models.CASCADE, related_name="documents")
    title = models.CharField(_("title"), max_length=200, validators=[validate_plain_text])
    file = models.FileField(_("file"), upload_to=document_path, storage=_private_storage)
    size = models.PositiveIntegerField(_("size in bytes"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=now, editable=False)

    class Meta:
        ordering = ["agreement", "uploaded_at", "pk"]
        verbose_name = _("signed document")
        verbose_name_plural = _("signed documents")


class AgreementReminder(models.Model):
    """A reminder sent to the secretariat before the agreement expires: once per threshold
    (days before) and end date, so an extension arms the reminders again."""

    agreement = models.ForeignKey(Agreement, models.CASCADE, related_name="reminders")
    days_before = models.PositiveSmallIntegerField()
    ends_on = models.DateField()
    sent_at = models.DateTimeField(default=now)

    class Meta:
        constraints = [
            one_per("agreement", "days_before", "ends_on", name="one_reminder_per_threshold")
        ]

    def __str__(self) -> str:
        return f"{self.agreement} · {self.days_before}"


class Programme(Named, Mirrored):
    """A cooperation programme (e.g. “Volunteers of the World”): the countries and
    organisations taking part, the agreement it implements and its projects."""

    name = models.CharField(_("name"), max_length=200, validators=[validate_plain_text])
    description = models.TextField(
        _("description"), blank=True, max_length=MAX_TEXT, validators=[text_limit(MAX_TEXT)]
    )
    council = models.ForeignKey(
        Council,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="programmes",
        verbose_name=_("council"),
        help_text=_("Empty for a programme of member organisations that no council runs."),
    )
    agreement = models.ForeignKey(
        Agreement,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="programmes",
        verbose_name=_("agreement it implements"),
    )
    started_on = models.DateField(
        _("since"), null=True, blank=True, validators=[validate_plan_date]
    )
    countries = models.ManyToManyField(
        "reference.Country", blank=True, related_name="+", verbose_name=_("countries")
    )
    organisations: models.ManyToManyField = models.ManyToManyField(
        "orgs.Organisation",
        blank=True,
        related_name="programmes",
        verbose_name=_("organisations"),
    )
    projects: models.ManyToManyField = models.ManyToManyField(
        "projects.Project", blank=True, related_name="programmes", verbose_name=_("projects")
    )

    class Meta:
        constraints = [one_mirror_per_origin("programme")]
        ordering = ["council", "pk"]
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
