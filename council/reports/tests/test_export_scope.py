"""The export of every entry: the secretariat exports every country's; a national
coordinator only their own country's, on the page and over the API."""

from __future__ import annotations

from typing import Any

import pytest

from council.lib.tests.tables import csv_rows
from council.reports.models import ExportJob


def _countries(client: Any, job: ExportJob) -> list[str]:
    rows = csv_rows(client.get(f"/reports/exports/{job.pk}/file"))
    return [row[2] for row in rows[1:]]


pytestmark = pytest.mark.usefixtures("world")


def _hours_exported_over_api(client: Any, person: Any, export_over_api: Any) -> Any:
    """The API's answer to `person` asking for the 2026 hours as CSV: accepted."""
    client.force_login(person)
    response = export_over_api(kind="hours", format="csv", year=2026)
    assert response.status_code == 202
    return response


def test_a_national_coordinator_exports_their_own_country_on_the_page(
    client: Any, kz_coordinator: Any, export_on_page: Any
) -> None:
    client.force_login(kz_coordinator)
    export_on_page(year="2026", kind="hours", format="csv")
    job = ExportJob.objects.get()
    assert job.filters["countries"] == ["KZ"]
    assert _countries(client, job) == ["KZ"] * 3
    refused = client.post(
        "/reports/exports/",
        {"year": "2026", "country": "RU", "kind": "hours", "format": "csv"},
        follow=True,
    )
    assert "You can export the entries of your own country only." in refused.content.decode()
    assert ExportJob.objects.count() == 1


def test_a_national_coordinator_exports_their_own_country_over_the_api(
    client: Any,
    world: dict[str, Any],
    ru_coordinator: Any,
    export_over_api: Any,
) -> None:
    response = _hours_exported_over_api(client, ru_coordinator, export_over_api)
    status = client.get(f"/api/v1/reports/exports/{response.json()['id']}").json()
    assert (status["status"], status["rows_done"]) == ("done", 8)
    assert _countries(client, ExportJob.objects.get()) == ["RU"] * 8
    refused = client.post(
        "/api/v1/reports/exports",
        {"kind": "hours", "format": "csv", "year": 2026, "country": "KZ"},
        content_type="application/json",
    )
    assert refused.status_code == 422
    assert refused.json()["errors"][0] == {
        "field": "country",
        "message": "You can export the entries of your own country only.",
    }
    # The region of another country is another country too.
    other_region = client.post(
        "/api/v1/reports/exports",
        {"kind": "hours", "format": "csv", "year": 2026, "region": world["astana"].pk},
        content_type="application/json",
    )
    assert other_region.status_code == 422
    assert ExportJob.objects.count() == 1


def test_the_secretariat_exports_every_country(
    client: Any, secretariat: Any, export_over_api: Any
) -> None:
    _hours_exported_over_api(client, secretariat, export_over_api)
    assert sorted(set(_countries(client, ExportJob.objects.get()))) == ["KZ", "RU"]


def test_the_small_tables_still_compare_the_countries(
    client: Any, kz_coordinator: Any, export_on_page: Any
) -> None:
    """Figures per country are aggregates of the council's dashboard, which the national
    coordinators see for every country: only the table of entries is limited."""
    client.force_login(kz_coordinator)
    export_on_page(year="2026", kind="countries", format="csv")
    rows = csv_rows(client.get(f"/reports/exports/{ExportJob.objects.get().pk}/file"))
    assert [row[0] for row in rows[1:]] == ["KZ", "RU"]
