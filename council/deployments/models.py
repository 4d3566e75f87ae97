"""International deployments: the talent pool, assignments with their languages, and the
candidacies on their longlists. (The tables keep their `cooperation_` names from before the app
was split.)"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.utils.timezone import now
from django.utils.translation import gettext_lazy as _

from council.lib.dates import validate_plan_date
from council.lib.models import Mirrored, Titled, in_order, one_mirror_per_origin, one_per
from council.lib.text import MAX_TEXT, text_limit, validate_plain_text


class TalentPoolEntry(models.Model):
    """A volunteer who opted into the pool for international assignments, with the time they
    can go. Hosts abroad see their profile when they apply or are nominated, so joining the
    pool takes the cross-border consent."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="talent_pool_entry"
    )
    available_from = models.DateField(_("available from"), validators=[validate_plan_date])
    available_until = models.DateField(
        _("available until"), null=True, blank=True, validators=[validate_plan_date]
    )
    note = models.TextField(
        _("what you bring"), blank=True, max_length=2000, validators=[text_limit(2000)]
    )
    joined_at = models.DateTimeField(default=now, editable=False)

    class Meta:
        db_table = "cooperation_talentpoolentry"
        verbose_name = _("talent pool entry")
        verbose_name_plural = _("talent pool")
        constraints = [
            in_order(
                "available_from",
                "available_until",
                name="pool_availability_in_order",
                unless_empty=["available_until"],
            )
        ]

    def __str__(self) -> str:
        return str(self.user)


class AssignmentStatus(models.TextChoices):
    DRAFT = "draft", _("Being prepared")
    OPEN = "open", _("Open for candidates")
    CLOSED = "closed", _("Candidates chosen")


class Assignment(Titled, Mirrored):
    """An international assignment (UN Volunteers style): a host organisation or UN agency, a
    duty station abroad, a duration, requirements, and the funding line of an agreement."""

    council = models.ForeignKey("cooperation.Council", models.PROTECT, related_name="assignments")
    host = models.ForeignKey(
        "orgs.Organisation",
        models.PROTECT,
        related_name="hosted_assignments",
        verbose_name=_("host organisation or agency"),
    )
    title = models.CharField(_("title"), max_length=300, validators=[validate_plain_text])
    description = models.TextField(
        _("description"), blank=True, max_length=MAX_TEXT, validators=[text_limit(MAX_TEXT)]
    )
    country = models.ForeignKey(
        "reference.Country", models.PROTECT, related_name="+", verbose_name=_("country")
    )
    duty_station = models.CharField(
        _("duty station"), max_length=200, validators=[validate_plain_text]
    )
    starts_on = models.DateField(_("start"), validators=[validate_plan_date])
    months = models.PositiveSmallIntegerField(_("duration in months"))
    skills = models.ManyToManyField(
        "reference.Skill", blank=True, related_name="+", verbose_name=_("skills required")
    )
    funding_agreement = models.ForeignKey(
        "cooperation.Agreement",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="assignments",
        verbose_name=_("funded under"),
    )
    programme = models.ForeignKey(
        "cooperation.Programme",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="assignments",
        verbose_name=_("programme"),
    )
    funding_line = models.CharField(
        _("funding line"), max_length=300, blank=True, validators=[validate_plain_text]
    )
    status = models.CharField(
        _("status"),
        max_length=6,
        choices=AssignmentStatus.choices,
        default=AssignmentStatus.DRAFT,
    )
    created_at = models.DateTimeField(default=now, editable=False)

    class Meta:
        constraints = [one_mirror_per_origin("assignment")]
        db_table = "cooperation_assignment"
        ordering = ["council", "-starts_on", "pk"]
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        indexes = [models.Index(fields=["status", "starts_on"])]

    @property
    def ends_on(self) -> date:
        year, month = divmod(self.starts_on.month - 1 + self.months, 12)
        day = min(self.starts_on.day, 28)
        return date(self.starts_on.year + year, month + 1, day)


class AssignmentLanguage(models.Model):
    assignment = models.ForeignKey(Assignment, models.CASCADE, related_name="languages")
    language = models.ForeignKey(
        "reference.Language", models.PROTECT, related_name="+", verbose_name=_("language")
    )
    min_level = models.CharField(_("at least"), max_length=6)

    class Meta:
        db_table = "cooperation_assignmentlanguage"
        constraints = [one_per("assignment", "language", name="one_level_per_assignment_language")]

    def __str__(self) -> str:
        return f"{self.language_id} ≥ {self.min_level}"


class CandidacyStatus(models.TextChoices):
    CANDIDATE = "candidate", _("On the longlist")
    SHORTLISTED = "shortlisted", _("Shortlisted")
    SELECTED = "selected", _("Selected")
    DEPLOYED = "deployed", _("Deployed")
    COMPLETED = "completed", _("Assignment completed")
    NOT_SELECTED = "rejected", _("Not selected")
    WITHDRAWN = "withdrawn", _("Withdrew")


# A candidacy still in the running, on the longlist: not decided on yet.
IN_THE_RUNNING = (CandidacyStatus.CANDIDATE, CandidacyStatus.SHORTLISTED)


class Candidacy(models.Model):
    """A person on an assignment's longlist: applied from the pool or nominated by their
    national network; then shortlisted and selected by the host, deployed, and closed with an
    end-of-assignment report."""

    assignment = models.ForeignKey(Assignment, models.CASCADE, related_name="candidacies")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="candidacies")
    nominated_by = models.ForeignKey(
        "orgs.Organisation",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("nominated by"),
    )
    motivation = models.TextField(
        _("why you"), blank=True, max_length=4000, validators=[text_limit(4000)]
    )
    status = models.CharField(
        _("status"),
        max_length=11,
        choices=CandidacyStatus.choices,
        default=CandidacyStatus.CANDIDATE,
    )
    report = models.TextField(
        _("end-of-assignment report"),
        blank=True,
        max_length=MAX_TEXT,
        validators=[text_limit(MAX_TEXT)],
    )
    created_at = models.DateTimeField(default=now, editable=False)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "cooperation_candidacy"
        ordering = ["assignment", "created_at", "pk"]
        verbose_name = _("candidacy")
        verbose_name_plural = _("candidacies")
        constraints = [one_per("assignment", "person", name="one_candidacy_per_assignment")]
        indexes = [models.Index(fields=["assignment", "status"])]

    def __str__(self) -> str:
        return f"{self.person} → {self.assignment}"
