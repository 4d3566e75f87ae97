"""Exchanges with joint selection: a call, its countries and quotas, published criteria, the
panel, the applications and their scores. (The tables keep their `cooperation_` names from
before the app was split.)"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.timezone import now
from django.utils.translation import gettext_lazy as _

from council.lib.dates import validate_plan_date
from council.lib.models import Mirrored, Named, Titled, in_order, one_mirror_per_origin, one_per
from council.lib.text import MAX_TEXT, text_limit, validate_plain_text


class ExchangeStatus(models.TextChoices):
    DRAFT = "draft", _("Being prepared")
    OPEN = "open", _("Open for applications")
    SCORING = "scoring", _("Nominations and scoring")
    SELECTED = "selected", _("Selection made")


class Exchange(Titled, Mirrored):
    """A call for an exchange: volunteers of the participating countries apply, each national
    network nominates its candidates, a panel with members from every country scores them on
    published criteria, and the best are selected within each country's quota."""

    council = models.ForeignKey("cooperation.Council", models.PROTECT, related_name="exchanges")
    programme = models.ForeignKey(
        "cooperation.Programme",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="exchanges",
        verbose_name=_("programme"),
    )
    title = models.CharField(_("title"), max_length=300, validators=[validate_plain_text])
    description = models.TextField(
        _("description"), blank=True, max_length=MAX_TEXT, validators=[text_limit(MAX_TEXT)]
    )
    project = models.ForeignKey(
        "projects.Project",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("project the volunteers join"),
    )
    starts_on = models.DateField(_("first day"), validators=[validate_plan_date])
    ends_on = models.DateField(_("last day"), validators=[validate_plan_date])
    applications_close = models.DateField(_("applications close"), validators=[validate_plan_date])
    status = models.CharField(
        _("status"), max_length=9, choices=ExchangeStatus.choices, default=ExchangeStatus.DRAFT
    )
    created_at = models.DateTimeField(default=now, editable=False)

    class Meta:
        db_table = "cooperation_exchange"
        ordering = ["council", "-starts_on", "pk"]
        verbose_name = _("exchange")
        verbose_name_plural = _("exchanges")
        constraints = [
            one_mirror_per_origin("exchange"),
            in_order("starts_on", "ends_on", name="exchange_days_in_order"),
        ]


class ExchangeCountry(models.Model):
    """A participating country: its quota of seats and the network that nominates."""

    exchange = models.ForeignKey(Exchange, models.CASCADE, related_name="countries")
    country = models.ForeignKey(
        "reference.Country", models.PROTECT, related_name="+", verbose_name=_("country")
    )
    quota = models.PositiveSmallIntegerField(_("seats"))
    network = models.ForeignKey(
        "orgs.Organisation",
        models.PROTECT,
        related_name="+",
        verbose_name=_("nominating organisation"),
    )

    class Meta:
        db_table = "cooperation_exchangecountry"
        ordering = ["exchange", "country_id"]
        constraints = [one_per("exchange", "country", name="one_quota_per_exchange_country")]

    def __str__(self) -> str:
        return f"{self.exchange} · {self.country_id}"


class ExchangeCriterion(Named):
    exchange = models.ForeignKey(Exchange, models.CASCADE, related_name="criteria")
    name = models.CharField(_("criterion"), max_length=200, validators=[validate_plain_text])
    max_score = models.PositiveSmallIntegerField(_("highest score"), default=10)

    class Meta:
        db_table = "cooperation_exchangecriterion"
        ordering = ["exchange", "pk"]
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")


class PanelMember(models.Model):
    exchange = models.ForeignKey(Exchange, models.CASCADE, related_name="panel")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="+", verbose_name=_("person")
    )
    country = models.ForeignKey(
        "reference.Country", models.PROTECT, related_name="+", verbose_name=_("country")
    )

    class Meta:
        db_table = "cooperation_panelmember"
        ordering = ["exchange", "country_id", "pk"]
        constraints = [one_per("exchange", "user", name="one_seat_on_the_panel")]

    def __str__(self) -> str:
        return f"{self.user} ({self.country_id})"


class ApplicationStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    NOMINATED = "nominated", _("Nominated by the national network")
    NOT_NOMINATED = "declined", _("Not nominated")
    SELECTED = "selected", _("Selected")
    RESERVE = "reserve", _("On the reserve list")
    NOT_SELECTED = "rejected", _("Not selected")


class ExchangeApplication(models.Model):
    exchange = models.ForeignKey(Exchange, models.CASCADE, related_name="applications")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="exchange_applications"
    )
    country = models.ForeignKey("reference.Country", models.PROTECT, related_name="+")
    motivation = models.TextField(_("why you"), max_length=4000, validators=[text_limit(4000)])
    status = models.CharField(
        _("status"),
        max_length=9,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.SUBMITTED,
    )
    created_at = models.DateTimeField(default=now, editable=False)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "cooperation_exchangeapplication"
        ordering = ["exchange", "created_at", "pk"]
        verbose_name = _("exchange application")
        verbose_name_plural = _("exchange applications")
        constraints = [one_per("exchange", "person", name="one_application_per_exchange")]
        indexes = [models.Index(fields=["exchange", "country", "status"])]

    def __str__(self) -> str:
        return f"{self.person} → {self.exchange}"


class Score(models.Model):
    application = models.ForeignKey(ExchangeApplication, models.CASCADE, related_name="scores")
    panel_member = models.ForeignKey(PanelMember, models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(ExchangeCriterion, models.CASCADE, related_name="scores")
    value = models.PositiveSmallIntegerField(_("score"))
    scored_at = models.DateTimeField(default=now)

    class Meta:
        db_table = "cooperation_score"
        constraints = [
            one_per("application", "panel_member", "criterion", name="one_score_per_criterion")
        ]

    def __str__(self) -> str:
        return f"{self.application_id} · {self.criterion_id} = {self.value}"
