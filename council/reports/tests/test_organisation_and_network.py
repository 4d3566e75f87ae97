"""An organisation's dashboard (its projects, fill rate, no-shows, hours waiting) and a
national network's (its country by region and organisation); each sees only its own."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import pytest

from council.hours.models import CheckIn
from council.lib.tests.pages import assert_shown, page_text
from council.lib.tests.tables import csv_rows, xlsx_rows
from council.orgs.models import OrganisationStatus
from council.projects.models import Application, ApplicationStatus, Shift
from council.projects.tests.conftest import make_opportunity
from council.reports.selectors.filters import Filters
from council.reports.selectors.network import network_figures
from council.reports.selectors.organisation import organisation_figures
from council.reports.tests.conftest import log_hours


@pytest.fixture
def shift_world(world: dict[str, Any]) -> dict[str, Any]:
    """A past shift of the Astana centre on 20 March 2026 with 4 places: k1 checked in, k2
    has hours logged for it, k3 did not come (one no-show of three); and one entry of k2
    waiting for verification (2.5 h)."""
    opportunity = make_opportunity(world["first_aid"], shifts=0, capacity=4)
    shift = Shift.objects.create(
        opportunity=opportunity,
        start=datetime(2026, 3, 20, 4, 0, tzinfo=UTC),
        end=datetime(2026, 3, 20, 8, 0, tzinfo=UTC),
        capacity=4,
    )
    people = world["people"]
    places = {
        name: Application.objects.create(
            volunteer=people[name],
            opportunity=opportunity,
            shift=shift,
            status=ApplicationStatus.CONFIRMED,
        )
        for name in ("k1", "k2", "k3")
    }
    CheckIn.objects.create(application=places["k1"], checked_in_at=shift.start)
    log_hours(
        people["k2"],
        world["first_aid"],
        date(2026, 3, 20),
        "2.5",
        actor=people["k2"],
        description="First-aid post",
        opportunity=opportunity,
        shift=shift,
    )
    return world


@pytest.fixture
def org_admin_signed_in(client: Any, org_admin: Any) -> None:
    """The test client is signed in as the organisation's admin."""
    client.force_login(org_admin)


def test_the_organisation_s_figures(shift_world: dict[str, Any], org: Any) -> None:
    figures = organisation_figures(organisation_id=org.pk, filters=Filters(year=2026))
    assert (figures.volunteers, figures.sums.hours, figures.sums.values) == (
        3,
        Decimal("15.00"),
        {"KZT": Decimal("30000.00")},
    )
    assert (figures.shifts, figures.capacity, figures.confirmed, figures.fill_rate) == (1, 4, 3, 75)
    assert (figures.ended_places, figures.no_shows, figures.no_show_rate) == (3, 1, 33)
    assert (figures.awaiting, figures.awaiting_hours) == (1, Decimal("2.50"))
    assert [(p.project.title, p.hours, p.volunteers, p.fill_rate) for p in figures.projects] == [
        ("First aid", Decimal("15.00"), 3, 75)
    ]


def test_the_organisation_s_page_is_its_own(
    client: Any, shift_world: dict[str, Any], org: Any, org_admin: Any
) -> None:
    assert_shown(
        page_text(client, f"/reports/orgs/{org.pk}/?year=2026", org_admin),
        '75% <span class="muted">3 of 4 places</span>',
        '33% <span class="muted">1 of 3 confirmed places</span>',
        "1 entry, 2.50 h",
        "Fill rate of shifts by month. Places taken: most in Mar (75.0 %).",
    )
    # Another organisation's dashboard is not there for its admin.
    assert client.get(f"/reports/orgs/{shift_world['ru_org'].pk}/").status_code == 404
    client.force_login(shift_world["people"]["k1"])
    assert client.get(f"/reports/orgs/{org.pk}/").status_code == 404


def test_the_network_s_country(
    client: Any, world: dict[str, Any], ru_network: Any, ru_coordinator: Any, russia: Any
) -> None:
    from council.conftest import make_org

    make_org("Waiting centre", russia, status=OrganisationStatus.PENDING)
    figures = network_figures(country="RU", filters=Filters(year=2026, countries=("RU",)))
    assert [(r.name, r.hours, r.volunteers) for r in figures["by_region"]] == [
        ("Moscow", Decimal("15.00"), 6)
    ]
    assert [(r.name, r.hours, r.volunteers) for r in figures["by_organisation"]] == [
        ("Moscow Volunteer Centre", Decimal("15.00"), 6)
    ]
    assert figures["pending"] == 1
    client.force_login(ru_coordinator)
    page = client.get(f"/reports/networks/{ru_network.pk}/?year=2026").content.decode()
    assert "Organisations awaiting verification" in page
    assert "Verified hours by region. Hours: 15.00 h in all, most in Moscow (15.0)." in page
    assert client.get(f"/reports/networks/{world['ru_org'].pk}/").status_code == 404
    assert client.get("/reports/networks/999999/").status_code == 404


@pytest.mark.usefixtures("org_admin_signed_in")
def test_the_api(
    client: Any, shift_world: dict[str, Any], org: Any, ru_network: Any, ru_coordinator: Any
) -> None:
    body = client.get(f"/api/v1/reports/organisations/{org.pk}?year=2026").json()
    assert (body["fill_rate"], body["no_show_rate"], body["awaiting_entries"]) == (75, 33, 1)
    assert body["totals"]["volunteers"] == 3 and body["totals"]["hours"] == "15.00"
    assert (
        client.get(f"/api/v1/reports/organisations/{shift_world['ru_org'].pk}").status_code == 404
    )
    assert client.get(f"/api/v1/reports/organisations/{org.pk}?month=13").status_code == 422
    client.force_login(ru_coordinator)
    body = client.get(f"/api/v1/reports/networks/{ru_network.pk}?year=2026").json()
    assert body["by_region"] == [
        {"id": shift_world["moscow"].pk, "name": "Moscow", "hours": "15.00", "volunteers": 6}
    ]
    assert body["totals"]["volunteers"] == 6


@pytest.mark.usefixtures("org_admin_signed_in")
def test_the_organisation_s_and_the_network_s_tables_download(
    client: Any,
    shift_world: dict[str, Any],
    org: Any,
    org_admin: Any,
    ru_network: Any,
    ru_coordinator: Any,
) -> None:
    page = client.get(f"/reports/orgs/{org.pk}/?year=2026").content.decode()
    assert f"/reports/orgs/{org.pk}/projects.xlsx?year=2026" in page
    assert csv_rows(client.get(f"/reports/orgs/{org.pk}/projects.csv?year=2026")) == [
        [
            "Project",
            "Verified hours of volunteer work",
            "Volunteers",
            "Places in shifts",
            "Places taken",
            "Fill rate, %",
        ],
        ["First aid", "15.00", "3", "4", "3", "75"],
    ]
    rows = xlsx_rows(client.get(f"/reports/orgs/{org.pk}/projects.xlsx?year=2026"))
    assert rows[1][:3] == ["First aid", 15, 3]
    # A month without work: the headers only.
    assert len(csv_rows(client.get(f"/reports/orgs/{org.pk}/projects.csv?year=2026&month=7"))) == 1
    # Another organisation's table, a bad period, an unknown format.
    assert client.get(f"/reports/orgs/{shift_world['ru_org'].pk}/projects.csv").status_code == 404
    bad = client.get(f"/reports/orgs/{org.pk}/projects.csv?month=13")
    assert bad.status_code == 400 and "month" in bad.content.decode().lower()
    assert client.get(f"/reports/orgs/{org.pk}/projects.pdf").status_code == 404

    client.force_login(ru_coordinator)
    base = f"/reports/networks/{ru_network.pk}"
    page = client.get(f"{base}/?year=2026").content.decode()
    assert f"{base}/regions.csv?year=2026" in page
    assert f"{base}/organisations.xlsx?year=2026" in page
    assert csv_rows(client.get(f"{base}/regions.csv?year=2026")) == [
        ["Region", "Verified hours of volunteer work", "Volunteers"],
        ["Moscow", "15.00", "6"],
    ]
    assert xlsx_rows(client.get(f"{base}/organisations.xlsx?year=2026"))[1] == [
        "Moscow Volunteer Centre",
        15,
        6,
    ]
    assert client.get(f"{base}/people.csv").status_code == 404
    assert client.get(f"{base}/regions.csv?month=13").status_code == 400
    client.force_login(org_admin)
    assert client.get(f"{base}/regions.csv").status_code == 404


def test_the_network_s_chart_adds_up_to_its_headline(
    client: Any, world: dict[str, Any], ru_network: Any, ru_coordinator: Any, russia: Any
) -> None:
    """Hours of an organisation with no region are in the country's total: the chart by region
    shows them as their own bar, so its total is the headline figure a reader compares it to."""
    from council.conftest import make_org, make_user
    from council.hours.services.entries import hours_verify
    from council.orgs.models import Membership, MembershipRole
    from council.projects.tests.conftest import make_project

    placeless = make_org("Volga friends", russia, parent=ru_network)
    admin = make_user("admin.volga@example.org", russia, given_name="Olga")
    Membership.objects.create(organisation=placeless, user=admin, role=MembershipRole.ADMIN)
    volga = make_project(placeless, title_en="Volga banks")
    person = world["people"]["r4"]
    entry = log_hours(person, volga, date(2026, 5, 3), "2.5", actor=person)
    hours_verify(actor=admin, entry=entry)
    client.force_login(ru_coordinator)
    url = f"/reports/networks/{ru_network.pk}/?year=2026"
    client.cookies["django_language"] = "en"
    page = client.get(url).content.decode()
    assert "<dt>Verified hours of volunteer work</dt><dd>17.50</dd>" in page
    assert "Hours: 17.50 h in all, most in Moscow (15.0)." in page
    assert '<th scope="row">Region not given</th><td class="number">2.5</td>' in page
    client.cookies["django_language"] = "ru"
    page = client.get(url).content.decode()
    assert "<dd>17,50</dd>" in page and "17,50 ч" in page and "Регион не указан" in page
