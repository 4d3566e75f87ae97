from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from council.lib.models import one_per


class CandidateKind(models.TextChoices):
    PERSON = "person", _("Person")
    ORGANISATION = "organisation", _("Organisation")


class CandidateStatus(models.TextChoices):
    OPEN = "open", _("To decide")
    AWAITING = "awaiting", _("Waiting for the person to confirm")
    MERGED = "merged", _("Merged")
    DIFFERENT = "different", _("Different")
    DISMISSED = "dismissed", _("Dismissed")


# Pairs a coordinator still has to look at.
UNDECIDED = (CandidateStatus.OPEN, CandidateStatus.AWAITING)


class DuplicateCandidate(models.Model):
    """Two records that may be one person or one organisation, with the matcher's score and
    reasons. The pair is stored once, the smaller primary key on the left; "different" is
    remembered, so the pair never comes back. After a merge the merged side is empty: the
    merge record (`AccountMerge.candidate`) keeps who it was."""

    kind = models.CharField(_("kind"), max_length=12, choices=CandidateKind.choices)
    left_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, null=True, blank=True, related_name="+"
    )
    right_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, null=True, blank=True, related_name="+"
    )
    left_organisation = models.ForeignKey(
        "orgs.Organisation", models.CASCADE, null=True, blank=True, related_name="+"
    )
    right_organisation = models.ForeignKey(
        "orgs.Organisation", models.CASCADE, null=True, blank=True, related_name="+"
    )
    score = models.FloatField(_("score"))
    reasons = models.JSONField(_("reasons"), default=list, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=CandidateStatus.choices, default=CandidateStatus.OPEN
    )
    # The home countries of the two records (the same twice for a pair within one country):
    # a national coordinator's queue holds the pairs of their country.
    country = models.ForeignKey(
        "reference.Country", models.PROTECT, null=True, blank=True, related_name="+"
    )
    other_country = models.ForeignKey(
        "reference.Country", models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    created_at = models.DateTimeField(_("found at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)

    class Meta:
        verbose_name = _("duplicate candidate")
        verbose_name_plural = _("duplicate candidates")
        constraints = [
            one_per(
                "left_user",
                "right_user",
                name="one_candidate_per_pair_of_people",
                condition=Q(kind="person"),
            ),
            one_per(
                "left_organisation",
                "right_organisation",
                name="one_candidate_per_pair_of_organisations",
                condition=Q(kind="organisation"),
            ),
            models.CheckConstraint(
                condition=Q(left_user__isnull=True)
                | Q(right_user__isnull=True)
                | Q(left_user__lt=F("right_user")),
                name="candidate_people_in_order",
            ),
            models.CheckConstraint(
                condition=Q(left_organisation__isnull=True)
                | Q(right_organisation__isnull=True)
                | Q(left_organisation__lt=F("right_organisation")),
                name="candidate_organisations_in_order",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "kind", "country", "-score"]),
            models.Index(fields=["status", "kind", "other_country", "-score"]),
            models.Index(fields=["right_user"]),
            models.Index(fields=["right_organisation"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.pk} ({self.score:.2f})"

    @property
    def is_person(self) -> bool:
        return self.kind == CandidateKind.PERSON

    @property
    def is_undecided(self) -> bool:
        return self.status in UNDECIDED


class DedupKey(models.Model):
    """A blocking key of a person (council.lib.matching.blocking_keys): people who share a key
    are compared. Kept for active people, refreshed when they change."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+")
    key = models.CharField(max_length=260)

    class Meta:
        constraints = [one_per("user", "key", name="one_row_per_key_and_person")]
        indexes = [models.Index(fields=["key", "user"])]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.key}"


class DedupRun(models.Model):
    """One run of the candidate search: the next run looks at what changed since it."""

    started_at = models.DateTimeField(default=timezone.now, db_index=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    since = models.DateTimeField(null=True, blank=True)
    country = models.CharField(max_length=2, blank=True)
    people = models.PositiveIntegerField(default=0)
    pairs = models.PositiveIntegerField(default=0)
    found = models.PositiveIntegerField(default=0)
    # A run over everyone goes in the order of keys: the last person done, to go on from.
    last_user = models.BigIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["-started_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.started_at:%Y-%m-%d %H:%M} ({self.found})"


class MergeStatus(models.TextChoices):
    PROPOSED = "proposed", _("Waiting for the person to confirm")
    DONE = "done", _("Merged")
    DECLINED = "declined", _("Declined by the person")
    CANCELLED = "cancelled", _("Cancelled")


class AccountMerge(models.Model):
    """One account merged into another (or proposed to be, when the person signed in to both
    and must confirm). The merged account is named by its id and address only: its row stays,
    deactivated, and nothing else points at it."""

    survivor = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="+", verbose_name=_("kept account")
    )
    merged_user_id = models.BigIntegerField(_("merged account"), db_index=True)
    merged_email = models.EmailField(_("merged account's address"))
    status = models.CharField(_("status"), max_length=10, choices=MergeStatus.choices)
    candidate = models.ForeignKey(
        DuplicateCandidate, models.SET_NULL, null=True, blank=True, related_name="merges"
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    # A proposal is confirmed from each account, signed in to it.
    survivor_confirmed_at = models.DateTimeField(null=True, blank=True)
    merged_confirmed_at = models.DateTimeField(null=True, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)
    # Rows moved per relation ("projects.application.volunteer": 3) and conflicts resolved.
    counts = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("account merge")
        verbose_name_plural = _("account merges")
        constraints = [
            one_per(
                "merged_user_id",
                name="one_open_proposal_per_merged_account",
                condition=Q(status="proposed"),
            )
        ]

    def __str__(self) -> str:
        return f"{self.merged_email} → {self.survivor_id}"

    @property
    def is_proposed(self) -> bool:
        return self.status == MergeStatus.PROPOSED
