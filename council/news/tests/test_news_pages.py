"""The public news pages: the list, an item's page with its link preview and share links,
a publisher's news; drafts and scheduled items hidden from everyone but their publisher."""

from __future__ import annotations

import html
from datetime import timedelta
from typing import Any
from unittest import mock

from django.test import Client
from django.utils import timezone

from council.conftest import reader
from council.forums.tests.test_registration import signed_in
from council.news.tests.conftest import published, scheduled, write


def test_the_list_shows_published_items_only(
    org: Any, org_admin: Any, client: Client, django_assert_num_queries: Any
) -> None:
    published(org_admin, organisation=org, title_en="Trees planted", summary_en="Two hundred.")
    write(org_admin, organisation=org, title_en="Secret draft")
    scheduled(org_admin, organisation=org, title_en="Tomorrow's news")
    for number in range(5):
        published(org_admin, organisation=org, title_en=f"Item {number}")
    with django_assert_num_queries(2):  # the page's items and their count (sessions aside)
        page = client.get("/news/")
    text = page.content.decode()
    assert page.status_code == 200
    assert "Trees planted" in text and "Two hundred." in text and "Astana Volunteer Centre" in text
    assert "Secret draft" not in text and "Tomorrow&#x27;s news" not in text


def test_a_draft_is_a_404_to_outsiders_and_shown_to_its_publisher(
    org: Any, org_admin: Any, org_member: Any, outsider: Any, client: Client
) -> None:
    item = write(org_admin, organisation=org, title_en="Secret draft")
    assert client.get(f"/news/{item.pk}/").status_code == 404
    assert signed_in(outsider).get(f"/news/{item.pk}/").status_code == 404
    page = signed_in(org_member).get(f"/news/{item.pk}/")
    assert page.status_code == 200 and "Draft" in page.content.decode()
    assert "Publish now" not in page.content.decode()  # a plain member only reads
    page = signed_in(org_admin).get(f"/news/{item.pk}/")
    assert "Publish now" in page.content.decode()


def test_a_scheduled_item_is_hidden_until_its_time(
    org: Any, org_admin: Any, client: Client
) -> None:
    item = scheduled(org_admin, organisation=org, title_en="Tomorrow's news", days=1)
    assert client.get(f"/news/{item.pk}/").status_code == 404
    assert "Tomorrow" not in client.get("/news/").content.decode()
    page = signed_in(org_admin).get(f"/news/{item.pk}/")
    assert "Scheduled for" in page.content.decode()
    later = timezone.now() + timedelta(days=1, minutes=1)
    with mock.patch("django.utils.timezone.now", return_value=later):
        assert client.get(f"/news/{item.pk}/").status_code == 200
        assert "Tomorrow" in html.unescape(client.get("/news/").content.decode())


def test_the_item_page_carries_its_preview_and_share_links(
    org: Any, org_admin: Any, client: Client
) -> None:
    item = published(
        org_admin,
        organisation=org,
        title_en="Trees & rivers",
        summary_en="Two hundred trees planted.",
        body_en="A long day.\n\nMore text.",
    )
    page = client.get(f"/news/{item.pk}/")
    text = page.content.decode()
    head = text.split("</head>")[0]
    url = f"http://testserver/news/{item.pk}/"
    assert '<meta property="og:type" content="article">' in head
    assert '<meta property="og:title" content="Trees &amp; rivers">' in head
    assert '<meta property="og:description" content="Two hundred trees planted.">' in head
    assert f'<meta property="og:url" content="{url}">' in head
    assert 'property="article:published_time"' in head
    assert f'href="/news/orgs/{org.pk}/en/atom/"' in head
    assert "https://t.me/share/url?url=http%3A%2F%2Ftestserver%2Fnews%2F" in text
    assert "&amp;text=Trees+%26+rivers" in text
    assert "https://vk.com/share.php?url=http%3A%2F%2Ftestserver%2Fnews%2F" in text
    assert "<script" not in text.split("</head>")[1]  # no script of theirs
    assert "<p>A long day.</p>" in text


def test_the_preview_is_in_the_reader_s_language(org: Any, org_admin: Any) -> None:
    item = published(org_admin, organisation=org, title_en="Forest", title_ru="Лес")
    page = reader("ru").get(f"/news/{item.pk}/").content.decode()
    assert '<meta property="og:title" content="Лес">' in page
    assert '<meta property="og:locale" content="ru_RU">' in page


def test_a_publisher_s_page_lists_its_news_and_its_feeds(
    org: Any, org_admin: Any, other_org: Any, other_admin: Any, client: Client
) -> None:
    published(org_admin, organisation=org, title_en="Ours")
    write(org_admin, organisation=org, title_en="Our draft")
    published(other_admin, organisation=other_org, title_en="Theirs")
    text = client.get(f"/news/orgs/{org.pk}/").content.decode()
    assert "Ours" in text and "Theirs" not in text and "Our draft" not in text
    assert f"/news/orgs/{org.pk}/kk/rss/" in text and "Write a news item" not in text
    text = signed_in(org_admin).get(f"/news/orgs/{org.pk}/").content.decode()
    assert "Our draft" in text and "Write a news item" in text


def test_a_council_s_news_page(council: Any, secretariat: Any, client: Client) -> None:
    published(secretariat, council=council, title_en="The council met")
    text = client.get(f"/news/councils/{council.pk}/").content.decode()
    assert "The council met" in text and "Volunteer Council" in text
    assert (
        "Write a news item"
        in signed_in(secretariat).get(f"/news/councils/{council.pk}/").content.decode()
    )
