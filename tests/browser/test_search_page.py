"""The search page on a phone: the filters fold away so the first result is on the first
screen, the summary says how many filters are chosen; on a desktop they are open."""

from __future__ import annotations

from typing import Any

import pytest

from council.conftest import make_org
from council.projects.tests.conftest import make_opportunity, make_project
from council.reference.models import Country
from tests.browser.conftest import DESKTOP, SMALL_SCREEN

pytestmark = pytest.mark.browser


@pytest.fixture
def listed(transactional_db: Any) -> None:
    kazakhstan = Country.objects.create(
        code="KZ",
        code3="KAZ",
        numeric="398",
        name_en="Kazakhstan",
        name_kk="Қазақстан",
        is_council_member=True,
    )
    project = make_project(
        make_org("Volunteer centre of Kazakhstan", kazakhstan),
        title_kk="Таза жағалаулар",
    )
    for number in range(3):
        make_opportunity(
            project,
            is_online=True,
            title_kk=f"Онлайн тәлімгер {number + 1}",
            title_en=f"Online mentor {number + 1}",
        )


def test_on_a_phone_the_results_come_first(
    new_page: Any, listed: None, check_page: Any, small_screen: Any
) -> None:
    page = new_page(viewport=SMALL_SCREEN, locale="kk-KZ")
    page.goto("/search/")
    check_page(page, "search at 360 px")
    filters = page.locator("#search-filters")
    assert filters.evaluate("element => element.open") is False
    assert not page.locator("#id_country").is_visible()
    first = page.locator("#search-results .card").first
    box = first.bounding_box()
    assert box is not None and box["y"] < SMALL_SCREEN["height"], box
    small_screen(page, "search")
    # The summary opens them, and says how many are chosen.
    page.locator("#search-filters > summary").click()
    assert page.locator("#id_country").is_visible()
    page.goto("/search/?online=on&minors=on")
    summary = page.locator("#search-filters > summary").inner_text()
    assert "Сүзгілер" in summary and "(таңдалғаны: 2)" in summary
    assert page.locator("#search-results .card").first.bounding_box()["y"] < 740
    check_page(page, "search with filters at 360 px")


def test_on_a_desktop_the_filters_are_open(new_page: Any, listed: None, check_page: Any) -> None:
    page = new_page(viewport=DESKTOP, locale="kk-KZ")
    page.goto("/search/")
    assert page.locator("#search-filters").evaluate("element => element.open") is True
    assert page.locator("#id_country").is_visible()
    check_page(page, "search on a desktop")
