"""The joint plan: the council's meetings and decisions, and the commitments and action items
with their progress notes and due-date reminders."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.utils.timezone import now
from django.utils.translation import gettext_lazy as _

from council.cooperation.models.agreements import Agreement
from council.cooperation.models.councils import Council
from council.lib.dates import validate_plan_date
from council.lib.models import Titled, one_per
from council.lib.text import MAX_TEXT, text_limit, validate_plain_text


class CommitmentKind(models.TextChoices):
    COMMITMENT = "commitment", _("Commitment")
    ACTION = "action", _("Action item")


class CommitmentStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


# A commitment not done nor cancelled whose due date has passed is late.
OPEN_COMMITMENT = (CommitmentStatus.PLANNED, CommitmentStatus.IN_PROGRESS)


class Meeting(Titled):
    council = models.ForeignKey(Council, models.CASCADE, related_name="meetings")
    title = models.CharField(_("title"), max_length=300, validators=[validate_plain_text])
    held_on = models.DateField(_("held on"), validators=[validate_plan_date])
    place = models.CharField(
        _("place"), max_length=200, blank=True, validators=[validate_plain_text]
    )
    agenda = models.TextField(
        _("agenda"), blank=True, max_length=MAX_TEXT, validators=[text_limit(MAX_TEXT)]
    )
    minutes = models.TextField(
        _("minutes"), blank=True, max_length=MAX_TEXT, validators=[text_limit(MAX_TEXT)]
    )
    created_at = models.DateTimeField(default=now, editable=False)

    class Meta:
        ordering = ["council", "-held_on", "pk"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")


class Decision(models.Model):
    meeting = models.ForeignKey(Meeting, models.CASCADE, related_name="decisions")
    text = models.TextField(_("decision"), max_length=MAX_TEXT, validators=[text_limit(MAX_TEXT)])
    created_at = models.DateTimeField(default=now, editable=False)

    class Meta:
        ordering = ["meeting", "pk"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self) -> str:
        return str(self.text)[:80]


class Commitment(Titled):
    """An entry of the council's joint plan: a commitment (usually from an agreement) or an
    action item (usually from a meeting's decision), owned by one or more organisations, with
    a due date and a status; the projects and forums that fulfil it are linked."""

    council = models.ForeignKey(Council, models.CASCADE, related_name="commitments")
    kind = models.CharField(
        _("kind"), max_length=10, choices=CommitmentKind.choices, default=CommitmentKind.COMMITMENT
    )
    title = models.CharField(_("title"), max_length=300, validators=[validate_plain_text])
    owners = models.ManyToManyField(
        "orgs.Organisation", related_name="commitments", verbose_name=_("owner organisations")
    )
    due_on = models.DateField(_("due date"), null=True, blank=True, validators=[validate_plan_date])
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=CommitmentStatus.choices,
        default=CommitmentStatus.PLANNED,
    )
    agreement = models.ForeignKey(
        Agreement,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="commitments",
        verbose_name=_("from the agreement"),
    )
    decision = models.ForeignKey(
        Decision,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="action_items",
        verbose_name=_("from the decision"),
    )
    projects: models.ManyToManyField = models.ManyToManyField(
        "projects.Project", blank=True, related_name="+", verbose_name=_("fulfilled by projects")
    )
    forums: models.ManyToManyField = models.ManyToManyField(
        "forums.Forum", blank=True, related_name="+", verbose_name=_("fulfilled by forums")
    )
    assignments: models.ManyToManyField = models.ManyToManyField(
        "deployments.Assignment",
        blank=True,
        related_name="commitments",
        verbose_name=_("fulfilled by deployments"),
    )
    done_on = models.DateField(_("done on"), null=True, blank=True, validators=[validate_plan_date])
    created_at = models.DateTimeField(default=now, editable=False)

    class Meta:
        ordering = ["council", "due_on", "pk"]
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        indexes = [models.Index(fields=["council", "status", "due_on"])]

    def is_late_on(self, day: date) -> bool:
        return self.status in OPEN_COMMITMENT and self.due_on is not None and self.due_on < day


class CommitmentNote(models.Model):
    """Progress on a commitment, with the status it moved to (if it moved)."""

    commitment = models.ForeignKey(Commitment, models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+"
    )
    text = models.TextField(
        _("progress note"), blank=True, max_length=MAX_TEXT, validators=[text_limit(MAX_TEXT)]
    )
    status = models.CharField(
        _("status"), max_length=12, choices=CommitmentStatus.choices, blank=True
    )
    created_at = models.DateTimeField(default=now, editable=False)

    class Meta:
        ordering = ["commitment", "created_at", "pk"]
        verbose_name = _("progress note")
        verbose_name_plural = _("progress notes")

    def __str__(self) -> str:
        return self.text[:80]


class CommitmentReminder(models.Model):
    """The owners were told the commitment is due: once per due date."""

    commitment = models.ForeignKey(Commitment, models.CASCADE, related_name="reminders")
    due_on = models.DateField()
    sent_at = models.DateTimeField(default=now)

    class Meta:
        constraints = [one_per("commitment", "due_on", name="one_commitment_reminder_per_due_date")]

    def __str__(self) -> str:
        return f"{self.commitment} · {self.due_on}"
