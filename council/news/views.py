"""News pages: the public list, an item's page (with its link preview and share links), a
publisher's news, and the editor's pages (new, edit, publish now, schedule, withdraw)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from council.accounts.http import AuthenticatedRequest
from council.cooperation.models import Council
from council.lib.timezones import reader_zone
from council.lib.views import actions, page, post_action, saved_or_page
from council.news import access, selectors, services
from council.news.forms import NewsForm, ScheduleForm
from council.news.models import NewsItem
from council.orgs.models import Organisation

PAGE_SIZE = 20
# og:locale of each interface language.
OG_LOCALES = {"ru": "ru_RU", "kk": "kk_KZ", "en": "en_GB"}

_to_item = page("news:item")


def news_list(request: HttpRequest) -> HttpResponse:
    news = Paginator(selectors.public_news(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "news/list.html", {"page": news, "items": list(news.object_list)})


def _share_links(url: str, title: str) -> dict[str, str]:
    """Plain links to the share pages of Telegram and VK: no script of theirs on ours."""
    return {
        "telegram": "https://t.me/share/url?" + urlencode({"url": url, "text": title}),
        "vk": "https://vk.com/share.php?" + urlencode({"url": url, "title": title}),
    }


def _preview(request: HttpRequest, item: NewsItem, url: str) -> dict[str, Any]:
    """What a link preview (Open Graph) shows: the title, the summary, the publisher's logo."""
    logo = item.organisation.logo if item.organisation_id and item.organisation else None
    return {
        "url": url,
        "locale": OG_LOCALES.get(get_language() or "", "ru_RU"),
        "image": request.build_absolute_uri(logo.url) if logo else "",
    }


def news_detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = access.get_item_for_viewer(user=request.user, pk=pk)
    url = request.build_absolute_uri(reverse("news:item", args=[item.pk]))
    context = {
        "item": item,
        "links": selectors.item_links(item=item),
        "writes": access.writes(user=request.user, item=item),
        "share": _share_links(url, str(item.title)),
        "preview": _preview(request, item, url),
        "feed_language": get_language(),
        "zone": reader_zone(request.user),
        "schedule_form": ScheduleForm(zone=reader_zone(request.user)),
    }
    return render(request, "news/detail.html", context)


def _publisher_page(
    request: HttpRequest, *, organisation: Organisation | None, council: Council | None
) -> HttpResponse:
    writes = access.writes_news_of(user=request.user, organisation=organisation, council=council)
    rows = selectors.publisher_news(
        organisation=organisation, council=council, with_unpublished=writes
    )
    news = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "publisher": organisation or council,
        "organisation": organisation,
        "council": council,
        "page": news,
        "items": list(news.object_list),
        "writes": writes,
        "languages": ("ru", "kk", "en"),
    }
    return render(request, "news/publisher.html", context)


def organisation_news(request: HttpRequest, organisation_pk: int) -> HttpResponse:
    organisation = access.get_organisation_as_publisher(user=request.user, pk=organisation_pk)
    return _publisher_page(request, organisation=organisation, council=None)


def council_news(request: HttpRequest, council_pk: int) -> HttpResponse:
    council = access.get_council_as_publisher(pk=council_pk)
    return _publisher_page(request, organisation=None, council=council)


def _posted(request: HttpRequest) -> Any:
    """The posted data, bound even when empty (an empty post is refused, not shown blank)."""
    return request.POST if request.method == "POST" else None


def _form_page(
    request: AuthenticatedRequest, form: NewsForm, save: Any, **context: Any
) -> HttpResponse:
    return saved_or_page(
        request,
        form,
        save,
        _("The news item is saved."),
        redirect_to=_to_item,
        template="news/form.html",
        **context,
    )


def _create(
    request: AuthenticatedRequest, *, organisation: Organisation | None, council: Council | None
) -> HttpResponse:
    form = NewsForm(_posted(request), organisation=organisation, council=council)

    def save() -> NewsItem:
        return services.news_create(
            actor=request.user, organisation=organisation, council=council, **form.service_data()
        )

    return _form_page(request, form, save, publisher=organisation or council, creating=True)


@login_required
def news_create_for_organisation(
    request: AuthenticatedRequest, organisation_pk: int
) -> HttpResponse:
    organisation = access.get_organisation_for_publisher(user=request.user, pk=organisation_pk)
    return _create(request, organisation=organisation, council=None)


@login_required
def news_create_for_council(request: AuthenticatedRequest, council_pk: int) -> HttpResponse:
    council = access.get_council_for_publisher(user=request.user, pk=council_pk)
    return _create(request, organisation=None, council=council)


@login_required
def news_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    item = access.get_item_for_editor(user=request.user, pk=pk)
    form = NewsForm(
        _posted(request),
        instance=item,
        organisation=item.organisation,
        council=item.council,
    )

    def save() -> NewsItem:
        return services.news_update(actor=request.user, item=item, **form.service_data())

    return _form_page(request, form, save, publisher=item.publisher, item=item, creating=False)


@login_required
@require_POST
def news_schedule(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    item = access.get_item_for_editor(user=request.user, pk=pk)
    form = ScheduleForm(request.POST, zone=reader_zone(request.user))
    return post_action(
        request,
        lambda data: services.news_schedule(actor=request.user, item=item, **data),
        success=_("The news item is scheduled."),
        redirect_to=_to_item(item),
        form=form,
    )


# The editor's steps on an item, back to its page.
_on_item = actions(access.get_item_for_editor, "item", redirect_to=_to_item)
news_publish = _on_item(services.news_publish, _("The news item is published."))
news_unpublish = _on_item(services.news_unpublish, _("The news item is back to draft."))
