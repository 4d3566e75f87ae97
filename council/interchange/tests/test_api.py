"""The exchange format over the API: schemas, a streamed export, an import with a dry run."""

from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from council.accounts.models import User
from council.hours.models import HoursEntry
from council.interchange.tests.conftest import export_bytes, jsonl


def test_schemas_are_public(client: Client, db: Any) -> None:
    listing = client.get("/api/v1/exchange-format/schemas").json()
    assert [s["name"] for s in listing["schemas"]] == [
        "common",
        "header",
        "organisation",
        "opportunity",
        "hours",
        "signature",
    ]
    hours = client.get("/api/v1/exchange-format/schemas/hours").json()
    assert hours["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    missing = client.get("/api/v1/exchange-format/schemas/volunteer")
    assert missing.status_code == 404
    assert missing["Content-Type"] == "application/problem+json"


def test_export_is_streamed_for_those_in_reach(
    hours: Any, kz_coordinator: User, org_admin: User, secretariat: User
) -> None:
    client = Client()
    client.force_login(kz_coordinator)
    response = client.get("/api/v1/exchange-format/export?country=KZ&kind=hours&from=2026-04-01")
    assert response.status_code == 200
    records = jsonl(b"".join(response.streaming_content))
    assert sorted(r["hours"] for r in records if r["type"] == "hours") == ["1.25", "3.00", "4.00"]
    assert client.get("/api/v1/exchange-format/export?country=RU").status_code == 403
    assert client.get("/api/v1/exchange-format/export").status_code == 403
    client.force_login(org_admin)
    assert client.get("/api/v1/exchange-format/export?country=KZ").status_code == 403
    bad = client.get("/api/v1/exchange-format/export?from=2026-13-01&format=pdf")
    assert bad.status_code == 422
    assert {e["field"] for e in bad.json()["errors"]} >= {"from", "format"}
    client.force_login(secretariat)
    csv_all = client.get("/api/v1/exchange-format/export?format=csv")
    assert csv_all.status_code == 422
    assert csv_all.json()["errors"][0]["field"] == "kind"


def test_import_dry_run_then_commit(hours: Any, secretariat: User) -> None:
    data = export_bytes(personal_data=True, recipient_country="KZ")
    HoursEntry.objects.all().delete()
    client = Client()
    client.force_login(secretariat)

    dry = client.post(
        "/api/v1/exchange-format/imports", {"file": SimpleUploadedFile("f.jsonl", data)}
    )
    assert dry.status_code == 200, dry.content
    assert dry.json()["counts"]["hours_created"] == 3
    assert HoursEntry.objects.count() == 0

    done = client.post(
        "/api/v1/exchange-format/imports",
        {"file": SimpleUploadedFile("f.jsonl", data), "dry_run": "false"},
    )
    assert done.status_code == 201
    assert done.json()["written"] is True
    assert HoursEntry.objects.count() == 3


def test_a_bad_file_is_a_422_naming_line_and_field(db: Any, secretariat: User) -> None:
    client = Client()
    client.force_login(secretariat)
    response = client.post(
        "/api/v1/exchange-format/imports",
        {"file": SimpleUploadedFile("f.jsonl", b'{"type": "header"}\nnot json\n')},
    )
    assert response.status_code == 422
    fields = [e["field"] for e in response.json()["errors"]]
    assert "1:format" in fields
    assert "2:" in fields


def test_import_needs_reach(db: Any, volunteer: User) -> None:
    client = Client()
    client.force_login(volunteer)
    response = client.post(
        "/api/v1/exchange-format/imports", {"file": SimpleUploadedFile("f.jsonl", b"{}")}
    )
    assert response.status_code == 404
    assert Client().get("/api/v1/exchange-format/export").status_code == 401
