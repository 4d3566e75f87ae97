"""News items of the council, the national networks and the organisations: written in up to
three languages, linked to the forums, agreements, projects and programmes they are about,
kept as drafts until published, now or at a time ahead."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from council.lib.models import Titled
from council.lib.text import MAX_TEXT, text_limit, validate_plain_text

MAX_SUMMARY = 600


class NewsStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class NewsItem(Titled):
    """One item of news. Its publisher is an organisation (a national network, a centre, a
    ministry…) or a council, whose secretariat writes for it: exactly one of the two. It is
    public once published and its `published_at` has come; a published item whose time is
    ahead is scheduled, and shown to nobody but its editors until then."""

    organisation = models.ForeignKey(
        "orgs.Organisation",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="news_items",
        verbose_name=_("publisher"),
    )
    council = models.ForeignKey(
        "cooperation.Council",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="news_items",
        verbose_name=_("council"),
    )
    title = models.CharField(_("title"), max_length=300, validators=[validate_plain_text])
    summary = models.TextField(
        _("summary"),
        blank=True,
        max_length=MAX_SUMMARY,
        validators=[text_limit(MAX_SUMMARY)],
        help_text=_("One or two sentences: shown in lists, feeds and link previews."),
    )
    body = models.TextField(
        _("text"), blank=True, max_length=MAX_TEXT, validators=[text_limit(MAX_TEXT)]
    )
    status = models.CharField(
        _("status"), max_length=10, choices=NewsStatus.choices, default=NewsStatus.DRAFT
    )
    published_at = models.DateTimeField(_("publication time"), null=True, blank=True)
    forums: models.ManyToManyField = models.ManyToManyField(
        "forums.Forum", blank=True, related_name="news_items", verbose_name=_("forums")
    )
    agreements: models.ManyToManyField = models.ManyToManyField(
        "cooperation.Agreement",
        blank=True,
        related_name="news_items",
        verbose_name=_("agreements"),
    )
    projects: models.ManyToManyField = models.ManyToManyField(
        "projects.Project", blank=True, related_name="news_items", verbose_name=_("projects")
    )
    programmes: models.ManyToManyField = models.ManyToManyField(
        "cooperation.Programme",
        blank=True,
        related_name="news_items",
        verbose_name=_("programmes"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("news item")
        verbose_name_plural = _("news")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(organisation__isnull=False, council__isnull=True)
                    | Q(organisation__isnull=True, council__isnull=False)
                ),
                name="news_one_publisher",
            ),
            models.CheckConstraint(
                condition=Q(status=NewsStatus.DRAFT) | Q(published_at__isnull=False),
                name="news_published_has_time",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "published_at"]),
            models.Index(fields=["organisation", "status", "published_at"]),
            models.Index(fields=["council", "status", "published_at"]),
        ]

    @property
    def publisher(self) -> models.Model:
        """The organisation or the council that publishes the item."""
        publisher = self.organisation if self.organisation_id else self.council
        assert publisher is not None
        return publisher

    def is_public(self, at: datetime | None = None) -> bool:
        moment = at or timezone.now()
        return (
            self.status == NewsStatus.PUBLISHED
            and self.published_at is not None
            and self.published_at <= moment
        )

    @property
    def is_scheduled(self) -> bool:
        return self.status == NewsStatus.PUBLISHED and not self.is_public()

    def in_language(self, code: str) -> bool:
        """Whether the item is written in the language `code` (has its title in it)."""
        return bool(getattr(self, f"title_{code}", ""))
