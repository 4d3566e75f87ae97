"""An RSS and an Atom feed of each publisher's news in each language (Django's syndication
framework): the items written in that language (with a title in it), newest first, the feed
itself in that language whatever the reader's."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import translation
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from council.cooperation.models import Council
from council.news import access, selectors
from council.news.models import NewsItem
from council.orgs.models import Organisation


@dataclass(frozen=True)
class Publication:
    """A publisher's news in one language."""

    language: str
    organisation: Organisation | None = None
    council: Council | None = None

    @property
    def publisher(self) -> Organisation | Council:
        publisher = self.organisation or self.council
        assert publisher is not None
        return publisher


class _NewsFeed(Feed):  # type: ignore[type-arg]
    def __call__(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        language = kwargs.get("language", "")
        if language not in settings.LANGUAGE_CODES:
            raise Http404
        with translation.override(language):
            return super().__call__(request, *args, **kwargs)

    def title(self, obj: Publication) -> str:
        return _("News of %(publisher)s") % {"publisher": obj.publisher}

    def description(self, obj: Publication) -> str:
        return _("News of %(publisher)s on the Volunteer Council platform.") % {
            "publisher": obj.publisher
        }

    def link(self, obj: Publication) -> str:
        if obj.council is not None:
            return reverse("news:council", args=[obj.council.pk])
        assert obj.organisation is not None
        return reverse("news:organisation", args=[obj.organisation.pk])

    def items(self, obj: Publication) -> list[NewsItem]:
        return selectors.feed_news(
            language=obj.language, organisation=obj.organisation, council=obj.council
        )

    def item_title(self, item: NewsItem) -> str:
        return str(getattr(item, f"title_{translation.get_language()}") or "")

    def item_description(self, item: NewsItem) -> str:
        return str(getattr(item, f"summary_{translation.get_language()}") or "")

    def item_link(self, item: NewsItem) -> str:
        return reverse("news:item", args=[item.pk])

    def item_pubdate(self, item: NewsItem) -> datetime | None:
        return item.published_at

    def item_updateddate(self, item: NewsItem) -> datetime:
        return item.updated_at

    def item_author_name(self, item: NewsItem) -> str:
        return str(item.publisher)


class OrganisationRss(_NewsFeed):
    def get_object(  # type: ignore[override]
        self, request: HttpRequest, organisation_pk: int, language: str
    ) -> Publication:
        organisation = access.get_organisation_as_publisher(user=request.user, pk=organisation_pk)
        return Publication(language=language, organisation=organisation)


class OrganisationAtom(OrganisationRss):
    feed_type = Atom1Feed
    subtitle = _NewsFeed.description


class CouncilRss(_NewsFeed):
    def get_object(  # type: ignore[override]
        self, request: HttpRequest, council_pk: int, language: str
    ) -> Publication:
        return Publication(
            language=language, council=access.get_council_as_publisher(pk=council_pk)
        )


class CouncilAtom(CouncilRss):
    feed_type = Atom1Feed
    subtitle = _NewsFeed.description
