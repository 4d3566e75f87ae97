"""The news about a forum, an agreement, a project and a programme on their pages (through
the panels those apps show without importing the news), and the latest news on the home
page."""

from __future__ import annotations

from typing import Any

from django.test import Client

from council.cooperation.models import Programme
from council.cooperation.tests.conftest import draft_agreement, signed_agreement
from council.forums.tests.conftest import make_forum
from council.news import services
from council.news.tests.conftest import published, write
from council.projects.tests.conftest import make_project


def test_the_pages_of_what_an_item_is_about_list_it(
    org: Any,
    org_admin: Any,
    council: Any,
    secretariat: Any,
    ru_network: Any,
    kz_network: Any,
    astana: Any,
    client: Client,
) -> None:
    forum = make_forum(org, astana)
    project = make_project(org)
    agreement = signed_agreement(council, secretariat, [ru_network, kz_network])
    programme = Programme.objects.create(council=council, name_en="Volunteers of the World")
    published(
        secretariat,
        council=council,
        title_en="The council met",
        forums=[forum],
        agreements=[agreement],
        projects=[project],
        programmes=[programme],
    )
    write(secretariat, council=council, title_en="A draft about it all", forums=[forum])
    pages = {
        "forum": f"/forums/{forum.pk}/",
        "agreement": f"/agreements/{agreement.pk}/",
        "project": f"/projects/{project.pk}/",
        "programme": f"/programmes/{programme.pk}/",
    }
    for name, url in pages.items():
        text = client.get(url).content.decode()
        assert "News about this" in text, name
        assert "The council met" in text, name
        assert "A draft about it all" not in text, name


def test_a_page_without_news_shows_no_news_section(org: Any, client: Client) -> None:
    project = make_project(org)
    assert "News about this" not in client.get(f"/projects/{project.pk}/").content.decode()


def test_the_item_links_back_to_what_it_is_about_but_not_to_drafts(
    org: Any,
    org_admin: Any,
    council: Any,
    secretariat: Any,
    ru_network: Any,
    kz_network: Any,
    client: Client,
) -> None:
    agreement = signed_agreement(council, secretariat, [ru_network, kz_network])
    draft = draft_agreement(council, secretariat, [ru_network, kz_network], title_en="Secret")
    item = published(secretariat, council=council, title_en="Signed", agreements=[agreement])
    item.agreements.add(draft)  # as if linked before: the page leaves drafts out all the same
    text = client.get(f"/news/{item.pk}/").content.decode()
    assert f'href="/agreements/{agreement.pk}/"' in text
    assert "Secret" not in text


def test_the_home_page_shows_the_latest_news(org: Any, org_admin: Any, client: Client) -> None:
    for number in range(4):
        published(org_admin, organisation=org, title_en=f"News number {number}")
    services.news_unpublish(
        actor=org_admin, item=published(org_admin, organisation=org, title_en="Withdrawn")
    )
    text = client.get("/").content.decode()
    assert "Latest news" in text
    assert "News number 3" in text and "News number 1" in text
    assert "News number 0" not in text and "Withdrawn" not in text
