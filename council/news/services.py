"""Writing news: a publisher's editor drafts an item in one to three languages, links it to
what it is about, and publishes it now or schedules it for a time ahead (it stays hidden until
then: every read filters on the time, so no job has to wake it); an item goes back to draft
when withdrawn. Every change is audited, filed under the publishing organisation."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Unpack

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from council.accounts.models import User
from council.audit.records import audit_for
from council.cooperation.models import Agreement, Council, Programme
from council.cooperation.services.texts import require_text
from council.forums.models import Forum
from council.lib.dates import validate_plan_date
from council.lib.forms import translated_fields
from council.lib.locks import lock_row
from council.lib.mirrors import ensure_local
from council.lib.translated import Texts
from council.news.models import NewsItem, NewsStatus
from council.orgs.models import Organisation
from council.projects.models import Project

TEXT_FIELDS = tuple(translated_fields("title", "summary", "body"))
LINKS = ("forums", "agreements", "projects", "programmes")

_audit = audit_for("council", organisation="organisation_id")


class NewsTexts(Texts, total=False):
    summary_ru: str | None
    summary_kk: str | None
    summary_en: str | None
    body_ru: str | None
    body_kk: str | None
    body_en: str | None


def _set_links(
    item: NewsItem,
    forums: Iterable[Forum] | None,
    agreements: Iterable[Agreement] | None,
    projects: Iterable[Project] | None,
    programmes: Iterable[Programme] | None,
) -> None:
    for name, rows in zip(LINKS, (forums, agreements, projects, programmes), strict=True):
        if rows is not None:
            getattr(item, name).set(list(rows))


def _check_texts(item: NewsItem) -> None:
    require_text(item, "title", _("Give the news item a title in at least one language."))
    for code in ("ru", "kk", "en"):
        written = getattr(item, f"summary_{code}") or getattr(item, f"body_{code}")
        if written and not getattr(item, f"title_{code}"):
            raise ValidationError(
                {f"title_{code}": _("Give the title in each language the text is written in.")}
            )
    item.full_clean(exclude=["organisation", "council", "created_by", *LINKS])


@transaction.atomic
def news_create(
    *,
    actor: User,
    organisation: Organisation | None = None,
    council: Council | None = None,
    forums: Iterable[Forum] | None = None,
    agreements: Iterable[Agreement] | None = None,
    projects: Iterable[Project] | None = None,
    programmes: Iterable[Programme] | None = None,
    **texts: Unpack[NewsTexts],
) -> NewsItem:
    """A draft item of the organisation or of the council."""
    if (organisation is None) == (council is None):
        raise ValidationError(_("An item has one publisher: an organisation or a council."))
    ensure_local(*(row for row in (organisation, council) if row is not None))
    values = {name: str(value or "").strip() for name, value in texts.items()}
    item = NewsItem(organisation=organisation, council=council, created_by=actor, **values)
    _check_texts(item)
    item.save()
    _set_links(item, forums, agreements, projects, programmes)
    _audit(actor, "news.created", item)
    return item


@transaction.atomic
def news_update(
    *,
    actor: User,
    item: NewsItem,
    forums: Iterable[Forum] | None = None,
    agreements: Iterable[Agreement] | None = None,
    projects: Iterable[Project] | None = None,
    programmes: Iterable[Programme] | None = None,
    **texts: Unpack[NewsTexts],
) -> NewsItem:
    """New texts and links; a published item stays published."""
    item = lock_row(NewsItem, item.pk) or item
    for name, value in texts.items():
        setattr(item, name, str(value or "").strip())
    item.updated_at = timezone.now()
    _check_texts(item)
    item.save(update_fields=[*texts, "updated_at"])
    _set_links(item, forums, agreements, projects, programmes)
    _audit(actor, "news.updated", item)
    return item


def _published(actor: User, item: NewsItem, at: datetime, action: str) -> NewsItem:
    item.status = NewsStatus.PUBLISHED
    item.published_at = at
    item.save(update_fields=["status", "published_at"])
    _audit(actor, action, item, published_at=at.isoformat())
    return item


@transaction.atomic
def news_publish(*, actor: User, item: NewsItem, as_of: datetime | None = None) -> NewsItem:
    """Publish now: a draft, or a scheduled item brought forward; `as_of` dates it at a past
    moment instead (an item brought over from where it first appeared)."""
    item = lock_row(NewsItem, item.pk) or item
    if item.is_public():
        raise ValidationError(_("The news item is published already."))
    now = timezone.now()
    if as_of is not None and as_of > now:
        raise ValidationError({"published_at": _("Schedule an item for a time ahead.")})
    return _published(actor, item, as_of or now, "news.published")


@transaction.atomic
def news_schedule(*, actor: User, item: NewsItem, published_at: datetime) -> NewsItem:
    """Publish at a time ahead: until then the item is seen by its editors alone."""
    item = lock_row(NewsItem, item.pk) or item
    if item.is_public():
        raise ValidationError(_("The news item is published already."))
    try:
        validate_plan_date(published_at)
    except ValidationError as error:
        raise ValidationError({"published_at": error.messages}) from None
    if published_at <= timezone.now():
        raise ValidationError({"published_at": _("Choose a time ahead, or publish the item now.")})
    return _published(actor, item, published_at, "news.scheduled")


@transaction.atomic
def news_unpublish(*, actor: User, item: NewsItem) -> NewsItem:
    """Back to draft: the item leaves the lists and feeds (its links stay)."""
    item = lock_row(NewsItem, item.pk) or item
    if item.status == NewsStatus.DRAFT:
        raise ValidationError(_("The news item is a draft already."))
    item.status = NewsStatus.DRAFT
    item.published_at = None
    item.save(update_fields=["status", "published_at"])
    _audit(actor, "news.unpublished", item)
    return item
