"""The council's dashboard in a browser: the countries side by side on a desktop, charts that
fit the screen, no sideways scrolling at 360 px, no serious accessibility issues; the same for
the open statistics."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from council.conftest import make_org, make_user
from council.hours.models import EntrySource
from council.hours.services.entries import _new_entry, hours_verify
from council.orgs.models import Membership, MembershipRole
from council.projects.models import Project
from council.reference.models import Country
from tests.browser.test_check_in_desk import sign_in

pytestmark = pytest.mark.browser


@pytest.fixture
def figures(transactional_db: Any) -> Any:
    """Eight people in each of two countries with verified hours in March 2026."""
    secretariat = None
    for code, code3, numeric, name in (
        ("RU", "RUS", "643", "Russia"),
        ("KZ", "KAZ", "398", "Kazakhstan"),
    ):
        country = Country.objects.create(
            code=code, code3=code3, numeric=numeric, name_en=name, is_council_member=True
        )
        organisation = make_org(f"Volunteer centre of {name}", country)
        admin = make_user(f"admin.{code.lower()}@example.org", country)
        Membership.objects.create(organisation=organisation, user=admin, role=MembershipRole.ADMIN)
        project = Project.objects.create(
            owner=organisation, title_en=f"Project in {name}", status="published", countries=[code]
        )
        for number in range(8):
            person = make_user(f"{code.lower()}{number}@example.org", country)
            entry = _new_entry(
                volunteer=person,
                project=project,
                opportunity=None,
                shift=None,
                day=date(2026, 3, 1 + number),
                hours=Decimal(2 + number),
                source=EntrySource.VOLUNTEER,
                actor=person,
                description="Work",
            )
            hours_verify(actor=admin, entry=entry)
        secretariat = secretariat or make_user(
            "secretariat@example.org", country, is_secretariat=True
        )
    return secretariat


def test_the_dashboard_on_a_desktop_and_on_a_phone(
    new_page: Any, live_server: Any, figures: Any, check_page: Any, small_screen: Any
) -> None:
    page = new_page()
    sign_in(page, figures, live_server.url)
    page.goto("/reports/?year=2026")
    check_page(page, "council dashboard")
    russia = page.locator("#country-RU").bounding_box()
    kazakhstan = page.locator("#country-KZ").bounding_box()
    assert russia and kazakhstan and abs(russia["y"] - kazakhstan["y"]) < 2
    charts = page.locator("img.chart-image")
    assert charts.count() == 4
    small_screen(page, "reports-dashboard")
    page.set_viewport_size({"width": 360, "height": 740})
    box = charts.first.bounding_box()
    assert box and 200 < box["width"] <= 360  # the chart shrinks to the screen
    page.goto("/statistics/?year=2026")
    check_page(page, "open statistics")
    small_screen(page, "statistics")


@pytest.mark.parametrize("language", ["ru", "kk"])
def test_the_dashboard_and_the_statistics_on_a_phone_in_russian_and_kazakh(
    new_page: Any,
    live_server: Any,
    figures: Any,
    check_page: Any,
    small_screen: Any,
    language: str,
) -> None:
    """At 360 px the amounts in the country cards wrap instead of pushing the page sideways,
    the charts' tables have a heading in every header cell, and the open statistics' tables
    scroll inside a region the keyboard can reach."""
    figures.preferred_language = language
    figures.save(update_fields=["preferred_language"])
    page = new_page(viewport={"width": 360, "height": 740})
    sign_in(page, figures, live_server.url)
    page.goto("/reports/?year=2026")
    check_page(page, f"council dashboard ({language})")
    small_screen(page, f"reports-dashboard-{language}")
    # Each chart's table, opened: every header cell names its column.
    summaries = page.locator("figure.chart details summary")
    assert summaries.count() == 4
    for number in range(summaries.count()):
        summaries.nth(number).click()
    check_page(page, f"council dashboard, tables open ({language})")
    headers = page.locator("figure.chart th").all_inner_texts()
    assert headers and all(text.strip() for text in headers), headers
    page.goto("/statistics/?year=2026")
    check_page(page, f"open statistics ({language})")
    small_screen(page, f"statistics-{language}")
    regions = page.locator(".table-wrap[role=region]")
    assert regions.count() == 8
    regions.first.focus()
    assert page.evaluate("document.activeElement.getAttribute('role')") == "region"
