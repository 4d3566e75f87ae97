"""Formula injection: every table the reports write (the council's, an organisation's, a
network's, a company's, the open statistics and the export of all entries, as CSV and as
XLSX) carries a project title, an organisation's or a region's name as inert text, never as a
formula, when it is downloaded through the page or the API by the person allowed to."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from council.conftest import make_org, make_user
from council.hours.services.entries import hours_verify
from council.lib.tests.tables import EVIL, NEUTRALISED, cells, csv_rows, xlsx_rows
from council.orgs.models import Membership, MembershipRole, OrganisationKind
from council.projects.tests.conftest import make_project
from council.reports.tests.conftest import log_hours

FORMATS = ("csv", "xlsx")


def _rows(response: Any, export_format: str) -> list[list[Any]]:
    return csv_rows(response) if export_format == "csv" else xlsx_rows(response)


def _first_cell(client: Any, person: Any, url: str, export_format: str) -> Any:
    """The first cell under the header of the table `person` downloads from `url`."""
    client.force_login(person)
    return _rows(client.get(url), export_format)[1][0]


def _name(obj: Any, field: str) -> None:
    for code in ("en", "ru", "kk"):
        setattr(obj, f"{field}_{code}", EVIL)
    obj.save()


@pytest.fixture
def evil_world(world: dict[str, Any], org: Any) -> dict[str, Any]:
    """The reports' world with the probe's text as every title and name people can type."""
    for project in (world["reading"], world["first_aid"]):
        _name(project, "title")
    for organisation in (world["ru_org"], org):
        _name(organisation, "name")
    _name(world["moscow"], "name")
    return world


@pytest.mark.parametrize("export_format", FORMATS)
@pytest.mark.parametrize("kind", ["countries", "months", "sdg"])
def test_the_council_s_tables(
    client: Any, evil_world: dict[str, Any], secretariat: Any, kind: str, export_format: str
) -> None:
    client.force_login(secretariat)
    rows = _rows(client.get(f"/reports/tables/{kind}.{export_format}?year=2026"), export_format)
    assert len(rows) > 1 and "RU" in cells(rows)


@pytest.mark.parametrize("export_format", FORMATS)
def test_the_organisation_s_projects(
    client: Any, evil_world: dict[str, Any], org: Any, org_admin: Any, export_format: str
) -> None:
    url = f"/reports/orgs/{org.pk}/projects.{export_format}?year=2026"
    assert _first_cell(client, org_admin, url, export_format) == NEUTRALISED


@pytest.mark.parametrize("export_format", FORMATS)
@pytest.mark.parametrize("table", ["regions", "organisations"])
@pytest.mark.usefixtures("evil_world")
def test_the_network_s_tables(
    client: Any, ru_network: Any, ru_coordinator: Any, table: str, export_format: str
) -> None:
    url = f"/reports/networks/{ru_network.pk}/{table}.{export_format}?year=2026"
    assert _first_cell(client, ru_coordinator, url, export_format) == NEUTRALISED


@pytest.mark.parametrize("export_format", FORMATS)
def test_the_company_s_projects(client: Any, kazakhstan: Any, export_format: str) -> None:
    company = make_org("KazSteel", kazakhstan, kind=OrganisationKind.COMPANY)
    lead = make_user("lead@kazsteel.kz", kazakhstan)
    Membership.objects.create(organisation=company, user=lead, role=MembershipRole.ADMIN)
    employee = make_user("e@kazsteel.kz", kazakhstan)
    Membership.objects.create(organisation=company, user=employee, role=MembershipRole.MEMBER)
    project = make_project(company, title_en=EVIL, title_ru=EVIL)
    entry = log_hours(employee, project, date(2026, 4, 5), "3", actor=employee)
    hours_verify(actor=lead, entry=entry)
    url = f"/reports/companies/{company.pk}/projects.{export_format}?year=2026"
    assert _first_cell(client, lead, url, export_format) == NEUTRALISED


@pytest.mark.parametrize("export_format", FORMATS)
def test_the_open_statistics(client: Any, evil_world: dict[str, Any], export_format: str) -> None:
    rows = _rows(client.get(f"/statistics/table.{export_format}?year=2026"), export_format)
    assert NEUTRALISED in cells(rows)


def _entries_file(client: Any, job_id: int, export_format: str) -> list[list[Any]]:
    rows = _rows(client.get(f"/reports/exports/{job_id}/file"), export_format)
    assert rows[0][:6] == ["Entry", "Date", "Country", "Region", "Organisation", "Project"]
    assert len(rows) == 1 + 11
    assert {tuple(row[3:6]) for row in rows[1:] if row[2] == "RU"} == {
        (NEUTRALISED, NEUTRALISED, NEUTRALISED)
    }
    return rows


def _exported_on_page(client: Any, request: Any, export_format: str) -> int:
    response = request.getfixturevalue("export_on_page")(
        year="2026", kind="hours", format=export_format
    )
    return int(response["Location"].rstrip("/").rsplit("/", 1)[-1])


def _exported_over_api(client: Any, request: Any, export_format: str) -> int:
    response = request.getfixturevalue("export_over_api")(
        kind="hours", format=export_format, year=2026
    )
    assert response.status_code == 202
    download = client.get(f"/api/v1/reports/exports/{response.json()['id']}").json()["download"]
    assert download == f"/reports/exports/{response.json()['id']}/file"
    return int(response.json()["id"])


@pytest.mark.parametrize("export_format", FORMATS)
@pytest.mark.parametrize("export", [_exported_on_page, _exported_over_api], ids=["page", "api"])
@pytest.mark.usefixtures("evil_world")
def test_the_export_of_all_entries(
    client: Any, secretariat: Any, export_format: str, export: Any, request: Any
) -> None:
    client.force_login(secretariat)
    _entries_file(client, export(client, request, export_format), export_format)
