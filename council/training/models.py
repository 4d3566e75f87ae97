"""Training modules of the organisations: a text in up to three languages, a link to a video,
attached files, and a quiz of single-choice questions with a pass mark. A volunteer who passes
earns the credential the module grants (council.volunteers.models.Credential)."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.files.storage import Storage, storages
from django.core.validators import MaxValueValidator, MinValueValidator, URLValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from council.lib.models import Titled, lines_of
from council.lib.text import MAX_TEXT, text_limit, validate_plain_text

MAX_OPTIONS = 6
MAX_QUESTIONS = 30


class TrainingModule(Titled):
    """A module an organisation teaches. Its page is public once published; until then its
    organisation's members see it and its organisers edit it."""

    organisation = models.ForeignKey(
        "orgs.Organisation",
        models.CASCADE,
        related_name="training_modules",
        verbose_name=_("organisation"),
    )
    title = models.CharField(_("title"), max_length=200, validators=[validate_plain_text])
    body = models.TextField(
        _("text"), blank=True, max_length=MAX_TEXT, validators=[text_limit(MAX_TEXT)]
    )
    # A link only: the page shows it as a link, never embeds another site's player.
    video_url = models.URLField(
        _("video link"),
        blank=True,
        max_length=500,
        validators=[URLValidator(schemes=["https", "http"])],
        help_text=_("A link to the video (https://…); it opens on the video's own site."),
    )
    credential = models.ForeignKey(
        "volunteers.Credential",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="modules",
        verbose_name=_("credential it grants"),
    )
    pass_mark = models.PositiveSmallIntegerField(
        _("pass mark (%)"),
        default=80,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("The share of right answers needed to pass."),
    )
    is_published = models.BooleanField(_("published"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["title", "pk"]
        verbose_name = _("training module")
        verbose_name_plural = _("training modules")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(pass_mark__gte=1, pass_mark__lte=100),
                name="training_pass_mark_is_a_share",
            )
        ]
        indexes = [models.Index(fields=["organisation", "is_published"])]


class QuizQuestion(models.Model):
    """One single-choice question: its options one per line in each language (the same number
    in each), and the number of the right one (from 1)."""

    module = models.ForeignKey(TrainingModule, models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    text = models.CharField(_("question"), max_length=500, validators=[validate_plain_text])
    options = models.TextField(
        _("answers"),
        max_length=2000,
        validators=[text_limit(2000)],
        help_text=_("One answer per line, in the same order in each language."),
    )
    correct = models.PositiveSmallIntegerField(
        _("number of the right answer"),
        validators=[MinValueValidator(1), MaxValueValidator(MAX_OPTIONS)],
    )

    class Meta:
        ordering = ["module", "position", "pk"]
        verbose_name = _("quiz question")
        verbose_name_plural = _("quiz questions")

    def __str__(self) -> str:
        return str(self.text)

    def option_lines(self) -> list[str]:
        """The options in the reader's language (falling back like the text)."""
        return lines_of(str(self.options or ""))


class QuizAttempt(models.Model):
    """One volunteer's answers to a module's quiz, with the score and whether it passed."""

    module = models.ForeignKey(TrainingModule, models.CASCADE, related_name="attempts")
    volunteer = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="quiz_attempts"
    )
    # Question id (as text) → the chosen option's number.
    answers = models.JSONField(default=dict)
    score = models.PositiveSmallIntegerField(_("score (%)"))
    passed = models.BooleanField(_("passed"))
    created_at = models.DateTimeField(_("taken at"), default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("quiz attempt")
        verbose_name_plural = _("quiz attempts")
        indexes = [models.Index(fields=["volunteer", "module", "created_at"])]

    def __str__(self) -> str:
        return f"{self.module_id} · {self.volunteer_id} · {self.score}%"


def _private_storage() -> Storage:
    return storages["private"]


def attachment_path(instance: ModuleAttachment, filename: str) -> str:
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"training/{instance.module_id}/{secrets.token_hex(8)}.{extension}"


class ModuleAttachment(Titled):
    """A file of a module (a handout, a slide deck), kept out of the public media folder and
    served to those who may read the module."""

    module = models.ForeignKey(TrainingModule, models.CASCADE, related_name="attachments")
    title = models.CharField(_("title"), max_length=200, validators=[validate_plain_text])
    file = models.FileField(
        _("file"), upload_to=attachment_path, storage=_private_storage, max_length=200
    )
    content_type = models.CharField(max_length=100, editable=False)
    size = models.PositiveIntegerField(_("size in bytes"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["module", "uploaded_at", "pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
