"""Each publisher's RSS and Atom feeds in each language: the items written in it, published
and whose time has come, newest first; the feed itself in that language."""

# The XML parsed is our own feed, made by the test.
# ruff: noqa: S314

from __future__ import annotations

from typing import Any
from xml.etree import ElementTree

from django.test import Client

from council.news.models import NewsItem
from council.news.tests.conftest import published, scheduled, write

ATOM = "{http://www.w3.org/2005/Atom}"


def items_pk(org: Any, title_en: str) -> int:
    return NewsItem.objects.get(organisation=org, title_en=title_en).pk


def test_the_rss_feed_of_an_organisation_in_one_language(
    org: Any, org_admin: Any, other_org: Any, other_admin: Any, client: Client
) -> None:
    published(org_admin, organisation=org, title_en="English only", summary_en="In English.")
    published(org_admin, organisation=org, title_en="Both", title_kk="Екеуі", summary_kk="Қазақша.")
    write(org_admin, organisation=org, title_kk="Жоба")
    scheduled(org_admin, organisation=org, title_kk="Ертең")
    published(other_admin, organisation=other_org, title_kk="Басқа")
    response = client.get(f"/news/orgs/{org.pk}/kk/rss/")
    assert response.status_code == 200 and response["Content-Type"].startswith(
        "application/rss+xml"
    )
    channel = ElementTree.fromstring(response.content).find("channel")
    assert channel is not None
    assert channel.findtext("language") == "kk"
    assert "Astana Volunteer Centre" in channel.findtext("title", "")
    items = channel.findall("item")
    assert [entry.findtext("title") for entry in items] == ["Екеуі"]
    assert items[0].findtext("description") == "Қазақша."
    assert items[0].findtext("link", "").endswith(f"/news/{items_pk(org, 'Both')}/")


def test_the_atom_feed_of_the_council(council: Any, secretariat: Any, client: Client) -> None:
    published(secretariat, council=council, title_ru="Первое", title_en="First")
    published(secretariat, council=council, title_ru="Второе", title_en="")
    response = client.get(f"/news/councils/{council.pk}/ru/atom/")
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ElementTree.fromstring(response.content)
    titles = [entry.findtext(f"{ATOM}title") for entry in feed.findall(f"{ATOM}entry")]
    assert titles == ["Второе", "Первое"]
    english = ElementTree.fromstring(client.get(f"/news/councils/{council.pk}/en/atom/").content)
    assert [e.findtext(f"{ATOM}title") for e in english.findall(f"{ATOM}entry")] == ["First"]


def test_an_unknown_language_or_publisher_is_a_404(org: Any, client: Client) -> None:
    assert client.get(f"/news/orgs/{org.pk}/de/rss/").status_code == 404
    assert client.get("/news/orgs/999999/ru/rss/").status_code == 404
    assert client.get("/news/councils/999999/ru/atom/").status_code == 404
