"""Reads of news: the public items (published, their time come), a publisher's, the latest,
those about a forum, agreement, project or programme, and a feed's items in one language."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Model, Q, QuerySet
from django.utils import timezone

from council.cooperation.models import Agreement, AgreementStatus, Council, Programme
from council.forums.models import Forum, ForumStatus
from council.news.models import NewsItem, NewsStatus
from council.orgs.models import Organisation
from council.projects.models import Project, ProjectStatus

FEED_SIZE = 30


def _items() -> QuerySet[NewsItem]:
    return NewsItem.objects.select_related("organisation", "council")


def public_news() -> QuerySet[NewsItem]:
    """Published items whose time has come, newest first."""
    return _items().filter(status=NewsStatus.PUBLISHED, published_at__lte=timezone.now())


def written_in(rows: QuerySet[NewsItem], language: str) -> QuerySet[NewsItem]:
    """The items written in `language`: with a title in it."""
    title = f"title_{language}"
    return rows.exclude(Q(**{title: ""}) | Q(**{f"{title}__isnull": True}))


def public_news_of(
    *,
    organisation_id: int | None = None,
    council_id: int | None = None,
    language: str | None = None,
) -> QuerySet[NewsItem]:
    """The public items (the API's list), of one publisher and in one language when given,
    with the ids of what they are about."""
    rows = public_news().prefetch_related("forums", "agreements", "projects", "programmes")
    if organisation_id is not None:
        rows = rows.filter(organisation_id=organisation_id)
    if council_id is not None:
        rows = rows.filter(council_id=council_id)
    return written_in(rows, language) if language else rows


def latest_news(*, limit: int = 3) -> list[NewsItem]:
    return list(public_news()[:limit])


def publisher_filter(
    *, organisation: Organisation | None = None, council: Council | None = None
) -> Q:
    if council is not None:
        return Q(council=council)
    return Q(organisation=organisation)


def publisher_news(
    *,
    organisation: Organisation | None = None,
    council: Council | None = None,
    with_unpublished: bool = False,
) -> QuerySet[NewsItem]:
    """The publisher's items: the public ones, and for its editors the drafts and scheduled
    ones too (drafts first, then by time, newest first)."""
    rows = (_items() if with_unpublished else public_news()).filter(
        publisher_filter(organisation=organisation, council=council)
    )
    if with_unpublished:
        # "draft" sorts before "published": the drafts come first.
        return rows.order_by("status", "-published_at", "-pk")
    return rows


def feed_news(
    *, language: str, organisation: Organisation | None = None, council: Council | None = None
) -> list[NewsItem]:
    """The publisher's public items written in `language` (those with a title in it)."""
    rows = public_news().filter(publisher_filter(organisation=organisation, council=council))
    return list(written_in(rows, language)[:FEED_SIZE])


# The lower apps' models whose pages list their news, by the item's relation to them.
RELATIONS: dict[type[Model], str] = {
    Forum: "forums",
    Agreement: "agreements",
    Project: "projects",
    Programme: "programmes",
}


def news_about(*, about: Model, limit: int = 5) -> list[NewsItem]:
    """The latest public items about a forum, agreement, project or programme."""
    relation = RELATIONS[type(about)]
    return list(public_news().filter(**{relation: about})[:limit])


@dataclass(frozen=True)
class Links:
    """What an item is about, as a reader may follow it (drafts left out)."""

    forums: list[Forum]
    agreements: list[Agreement]
    projects: list[Project]
    programmes: list[Programme]

    def __bool__(self) -> bool:
        return bool(self.forums or self.agreements or self.projects or self.programmes)


def item_links(*, item: NewsItem) -> Links:
    return Links(
        forums=list(item.forums.exclude(status=ForumStatus.DRAFT).order_by("starts_on", "pk")),
        agreements=list(item.agreements.exclude(status=AgreementStatus.DRAFT).order_by("pk")),
        projects=list(item.projects.exclude(status=ProjectStatus.DRAFT).order_by("pk")),
        programmes=list(item.programmes.order_by("pk")),
    )


def link_choices(
    *, organisation: Organisation | None = None, council: Council | None = None
) -> dict[str, QuerySet[Any]]:
    """What a publisher's item may be about: the forums and agreements made public, the
    programmes; the organisation's own projects (the council's: its programmes' projects)."""
    if council is not None:
        projects = Project.objects.filter(programmes__council=council)
        agreements = Agreement.objects.filter(council=council)
        programmes = Programme.objects.filter(council=council)
    else:
        projects = Project.objects.filter(owner=organisation)
        agreements = Agreement.objects.all()
        programmes = Programme.objects.all()
    return {
        "forums": Forum.objects.exclude(status=ForumStatus.DRAFT).order_by("-starts_on", "pk"),
        "agreements": agreements.exclude(status=AgreementStatus.DRAFT).order_by("pk"),
        "projects": projects.exclude(status=ProjectStatus.DRAFT).distinct().order_by("pk"),
        "programmes": programmes.order_by("pk"),
    }
