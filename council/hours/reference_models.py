"""References both ways and letters of recommendation (issue 22, items 6 and 7): the
organiser's reference on a volunteer's shift, the volunteer's rating of the experience, and a
letter of recommendation in the organisation's name, verifiable by its code like a
certificate. Kept beside `models.py` (which imports them) so that each module stays short."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.timezone import now
from django.utils.translation import gettext_lazy as _

from council.lib.codes import short_code
from council.lib.text import MAX_NOTE, text_limit

# A reference (and a rating of the experience) may be changed for this long after it was
# first written; then it stands as it is.
EDITABLE_FOR = timedelta(days=30)
MAX_REFERENCE = 1000
MAX_LETTER = 4000


def _one_to_five(name: str, field: str = "rating") -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(**{f"{field}__gte": 1, f"{field}__lte": 5}), name=name
    )


class Reference(models.Model):
    """What an organiser of the opportunity's owner says about a volunteer's confirmed place
    once its shift has ended; shown in the record book only when the volunteer chooses."""

    application = models.OneToOneField(
        "projects.Application",
        models.CASCADE,
        related_name="reference",
        verbose_name=_("application"),
    )
    # The application's volunteer and the opportunity's owner, kept for the volunteer's page
    # and the organisation's lists without joins.
    volunteer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.CASCADE,
        related_name="references_received",
        verbose_name=_("volunteer"),
    )
    organisation = models.ForeignKey(
        "orgs.Organisation",
        models.CASCADE,
        related_name="references_written",
        verbose_name=_("organisation"),
    )
    rating = models.PositiveSmallIntegerField(_("rating (1 to 5)"))
    no_show = models.BooleanField(_("did not come"), default=False)
    punctual = models.BooleanField(_("came on time"), default=True)
    text = models.TextField(
        _("reference"),
        blank=True,
        max_length=MAX_REFERENCE,
        validators=[text_limit(MAX_REFERENCE)],
    )
    shown_in_record_book = models.BooleanField(_("shown in the record book"), default=False)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    written_at = models.DateTimeField(_("written at"), default=now)
    updated_at = models.DateTimeField(_("updated at"), default=now)

    class Meta:
        ordering = ["-written_at", "-pk"]
        verbose_name = _("reference")
        verbose_name_plural = _("references")
        indexes = [
            models.Index(fields=["volunteer", "written_at"]),
            models.Index(fields=["organisation", "written_at"]),
        ]
        constraints = [_one_to_five("reference_rating_one_to_five")]

    def __str__(self) -> str:
        return f"{self.organisation_id} → {self.volunteer_id}: {self.rating}"

    @property
    def editable_until(self) -> datetime:
        return self.written_at + EDITABLE_FOR

    @property
    def is_editable(self) -> bool:
        return now() < self.editable_until


class ExperienceRating(models.Model):
    """The volunteer's rating of a shift (or a place without shifts) once it has ended; the
    organisation sees the average and the comments, not who wrote them."""

    application = models.OneToOneField(
        "projects.Application",
        models.CASCADE,
        related_name="experience_rating",
        verbose_name=_("application"),
    )
    volunteer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.CASCADE,
        related_name="experience_ratings",
        verbose_name=_("volunteer"),
    )
    organisation = models.ForeignKey(
        "orgs.Organisation",
        models.CASCADE,
        related_name="experience_ratings",
        verbose_name=_("organisation"),
    )
    rating = models.PositiveSmallIntegerField(_("rating (1 to 5)"))
    comment = models.TextField(
        _("comment"), blank=True, max_length=MAX_REFERENCE, validators=[text_limit(MAX_REFERENCE)]
    )
    rated_at = models.DateTimeField(_("rated at"), default=now)
    updated_at = models.DateTimeField(_("updated at"), default=now)

    class Meta:
        ordering = ["-rated_at", "-pk"]
        verbose_name = _("rating of the experience")
        verbose_name_plural = _("ratings of the experience")
        indexes = [models.Index(fields=["organisation", "rated_at"])]
        constraints = [_one_to_five("experience_rating_one_to_five")]

    def __str__(self) -> str:
        return f"{self.volunteer_id} → {self.organisation_id}: {self.rating}"


class RecommendationLetter(models.Model):
    """A letter of recommendation an organiser writes in the organisation's name for a
    volunteer with verified hours there; anyone checks it by its code, as a certificate."""

    code = models.CharField(_("code"), max_length=12, unique=True, default=short_code)
    volunteer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.CASCADE,
        related_name="recommendation_letters",
        verbose_name=_("volunteer"),
    )
    # As printed: the person may change their name later, the letter does not.
    volunteer_name = models.CharField(_("name"), max_length=170)
    organisation = models.ForeignKey(
        "orgs.Organisation",
        models.PROTECT,
        related_name="recommendation_letters",
        verbose_name=_("organisation"),
    )
    text = models.TextField(
        _("text of the letter"), max_length=MAX_LETTER, validators=[text_limit(MAX_LETTER)]
    )
    language = models.CharField(_("language of the letter"), max_length=5)
    hours = models.DecimalField(_("verified hours"), max_digits=8, decimal_places=2)
    signatory_name = models.CharField(_("signed by"), max_length=170)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    issued_at = models.DateTimeField(_("issued at"), default=now)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    revocation_reason = models.TextField(
        _("reason for revocation"),
        blank=True,
        max_length=MAX_NOTE,
        validators=[text_limit(MAX_NOTE)],
    )

    class Meta:
        ordering = ["-issued_at", "-pk"]
        verbose_name = _("letter of recommendation")
        verbose_name_plural = _("letters of recommendation")
        indexes = [
            models.Index(fields=["volunteer", "issued_at"]),
            models.Index(fields=["organisation", "issued_at"]),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(hours__gt=0), name="letter_hours_positive")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.volunteer_name}"

    @property
    def is_valid(self) -> bool:
        return self.revoked_at is None
