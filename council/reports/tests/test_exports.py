"""Tables as CSV and XLSX: small ones at once, all entries as a background export with its
progress and a download link for the person who asked only."""

from __future__ import annotations

import io
from typing import Any

import openpyxl

from council.audit.models import AuditEvent
from council.lib.tables import csv_text
from council.reports.exports import hours_rows, table
from council.reports.models import ExportJob, ExportStatus
from council.reports.selectors.filters import Filters


def test_the_entries_table_names_nobody(world: dict[str, Any]) -> None:
    headers, rows = table("hours", Filters(year=2026, countries=("RU",)))
    text = csv_text(headers, rows)
    lines = text.strip().splitlines()
    assert lines[0] == (
        "Entry,Date,Country,Region,Organisation,Project,Hours,In paid work time,Value,"
        "Currency,Valued at,SDG targets"
    )
    assert len(lines) == 1 + 8  # RU's eight verified entries (one in paid work time)
    assert (
        ",2026-04-02,RU,Moscow,Moscow Volunteer Centre,Reading club,3.00,False,1200.00,RUB," in text
    )
    assert "4.6 11.7" in text
    assert "r1@example.org" not in text and "r1" not in text.replace("Reading", "")


def test_rows_are_read_in_chunks(world: dict[str, Any], monkeypatch: Any) -> None:
    monkeypatch.setattr("council.reports.exports.CHUNK", 2)
    assert len(list(hours_rows(Filters(year=2026)))) == 11


def test_small_tables_at_once(client: Any, world: dict[str, Any], secretariat: Any) -> None:
    client.force_login(secretariat)
    response = client.get("/reports/tables/countries.csv?year=2026")
    assert response["Content-Disposition"] == 'attachment; filename="countries-2026.csv"'
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "RU,6,15.00,4.00,6000.00 RUB,66.00 USD,1,1,0,0,0,1" in text
    response = client.get("/reports/tables/sdg.xlsx?year=2026")
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == (
        "Goal or target",
        "Country",
        "Verified hours of volunteer work",
        "Volunteers",
    )
    assert ("4.6", "RU", 15, 6) in [row[:4] for row in rows]
    assert client.get("/reports/tables/hours.csv?year=2026").status_code == 404
    client.logout()
    assert client.get("/reports/tables/countries.csv?year=2026").status_code == 302


def test_a_background_export_with_its_progress(
    client: Any,
    world: dict[str, Any],
    secretariat: Any,
    ru_coordinator: Any,
    export_on_page: Any,
) -> None:
    client.force_login(secretariat)
    response = export_on_page(year="2026", country="KZ", kind="hours", format="xlsx")
    job = ExportJob.objects.get()
    assert response["Location"] == f"/reports/exports/{job.pk}/"
    assert (job.status, job.rows_done, job.rows_total) == (ExportStatus.DONE, 3, 3)
    page = client.get(f"/reports/exports/{job.pk}/").content.decode()
    assert "Ready" in page and f"/reports/exports/{job.pk}/file" in page
    assert 'hx-trigger="every 2s"' not in page  # finished: the page stops asking
    download = client.get(f"/reports/exports/{job.pk}/file")
    book = openpyxl.load_workbook(io.BytesIO(b"".join(download.streaming_content)))
    assert [row[2] for row in book.active.iter_rows(min_row=2, values_only=True)] == ["KZ"] * 3
    assert AuditEvent.objects.filter(action="export.requested", actor=secretariat).exists()
    assert AuditEvent.objects.filter(action="export.finished").exists()
    # Someone else's export is not there for them.
    client.force_login(ru_coordinator)
    assert client.get(f"/reports/exports/{job.pk}/").status_code == 404
    assert client.get(f"/reports/exports/{job.pk}/file").status_code == 404


def test_a_running_export_page_follows_it(
    client: Any, world: dict[str, Any], secretariat: Any
) -> None:
    job = ExportJob.objects.create(
        requested_by=secretariat,
        kind="hours",
        format="csv",
        filters={"year": 2026},
        language="en",
        status=ExportStatus.RUNNING,
        rows_total=200,
        rows_done=50,
    )
    client.force_login(secretariat)
    page = client.get(f"/reports/exports/{job.pk}/").content.decode()
    assert "50 of 200 rows" in page and 'value="25"' in page
    assert 'hx-trigger="every 2s"' in page
    fragment = client.get(f"/reports/exports/{job.pk}/", headers={"HX-Request": "true"})
    assert fragment.content.decode().lstrip().startswith('<div id="export-status"')


def test_bad_export_requests_are_named(
    client: Any, world: dict[str, Any], secretariat: Any
) -> None:
    client.force_login(secretariat)
    response = client.post(
        "/reports/exports/", {"year": "2026", "kind": "people", "format": "xlsx"}, follow=True
    )
    assert "Choose one of the tables." in response.content.decode()
    response = client.post(
        "/reports/exports/", {"year": "2026", "kind": "hours", "format": "pdf"}, follow=True
    )
    assert "Choose CSV or XLSX." in response.content.decode()
    assert not ExportJob.objects.exists()


def test_the_export_api(
    client: Any, world: dict[str, Any], secretariat: Any, export_over_api: Any
) -> None:
    client.force_login(secretariat)
    response = export_over_api(kind="hours", format="csv", year=2026, country="RU")
    assert response.status_code == 202
    job = response.json()
    body = client.get(f"/api/v1/reports/exports/{job['id']}").json()
    assert (body["status"], body["rows_done"], body["percent"]) == ("done", 8, 100)
    assert body["download"] == f"/reports/exports/{job['id']}/file"
    bad = client.post(
        "/api/v1/reports/exports",
        {"kind": "hours", "format": "csv", "year": 2026, "region": 999999},
        content_type="application/json",
    )
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "region"


def test_an_export_is_in_the_language_the_page_is_read_in(
    client: Any,
    world: dict[str, Any],
    secretariat: Any,
    settings: Any,
    export_on_page: Any,
) -> None:
    secretariat.preferred_language = "ru"
    secretariat.save()
    client.force_login(secretariat)
    for language, header in {"kk": "Ұйым", "en": "Organisation"}.items():
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        export_on_page(year="2026", country="KZ", kind="hours", format="xlsx")
        job = ExportJob.objects.latest("pk")
        download = client.get(f"/reports/exports/{job.pk}/file")
        book = openpyxl.load_workbook(io.BytesIO(b"".join(download.streaming_content)))
        assert header in next(book.active.iter_rows(max_row=1, values_only=True)), language
