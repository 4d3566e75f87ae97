from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from council.lib.models import one_per
from council.lib.text import text_limit, validate_plain_text
from council.reference.models import CefrLevel

SILVER_AGE = 55
ADULT_AGE = 18
YOUNG_TEEN_AGE = 14


class AgeBand(models.TextChoices):
    UNDER_14 = "under_14", _("under 14")
    TEEN = "14_17", _("14–17")
    ADULT = "adult", _("adult")
    SILVER = "silver", _("“silver” volunteer (55+)")


def age_on(birth: date, day: date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def age_band(age: int) -> str:
    if age < YOUNG_TEEN_AGE:
        return AgeBand.UNDER_14
    if age < ADULT_AGE:
        return AgeBand.TEEN
    if age >= SILVER_AGE:
        return AgeBand.SILVER
    return AgeBand.ADULT


class Availability(models.TextChoices):
    WEEKDAYS = "weekdays", _("Weekdays")
    EVENINGS = "evenings", _("Evenings")
    WEEKENDS = "weekends", _("Weekends")
    REMOTE = "remote", _("Remote")


class VolunteerProfile(models.Model):
    """A person's volunteer profile: one per user, kept across organisations and countries."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="volunteer", primary_key=True
    )
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    city = models.ForeignKey(
        "reference.City",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("city"),
    )
    skills = models.ManyToManyField(
        "reference.Skill", blank=True, related_name="+", verbose_name=_("skills")
    )
    causes: models.ManyToManyField = models.ManyToManyField(
        "reference.Cause", blank=True, related_name="+", verbose_name=_("causes")
    )
    sdg_goals: models.ManyToManyField = models.ManyToManyField(
        "reference.SdgGoal", blank=True, related_name="+", verbose_name=_("SDG goals")
    )
    availability = models.JSONField(_("availability"), default=list, blank=True)
    medical_qualification = models.BooleanField(_("medical qualification"), default=False)
    bio = models.TextField(
        _("about me"), blank=True, max_length=2000, validators=[text_limit(2000)]
    )
    discoverable = models.BooleanField(
        _("organisers may find me"),
        default=False,
        help_text=_("Organisers see your profile among suggested volunteers."),
    )
    guardian_name = models.CharField(
        _("guardian's name"), max_length=160, blank=True, validators=[validate_plain_text]
    )
    guardian_contact = models.CharField(
        _("guardian's contact"), max_length=160, blank=True, validators=[validate_plain_text]
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("volunteer profile")
        verbose_name_plural = _("volunteer profiles")
        indexes = [models.Index(fields=["discoverable", "city"])]

    def __str__(self) -> str:
        return str(self.user)

    def age(self, on: date) -> int | None:
        return age_on(self.date_of_birth, on) if self.date_of_birth else None

    def age_band(self, on: date) -> str | None:
        age = self.age(on)
        return age_band(age) if age is not None else None


class LanguageSkill(models.Model):
    profile = models.ForeignKey(VolunteerProfile, models.CASCADE, related_name="languages")
    language = models.ForeignKey(
        "reference.Language", models.PROTECT, related_name="+", verbose_name=_("language")
    )
    level = models.CharField(_("level"), max_length=6, choices=CefrLevel.choices)

    class Meta:
        verbose_name = _("language")
        verbose_name_plural = _("languages")
        constraints = [one_per("profile", "language", name="one_level_per_language")]

    def __str__(self) -> str:
        return f"{self.language} {self.level}"


CEFR_ORDER = {"A1": 1, "A2": 2, "B1": 3, "B2": 4, "C1": 5, "C2": 6, "native": 7}
