"""The exchange-format page: who sees it, an export in CSV, and an import checked, read and
confirmed."""

from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from council.accounts.models import User
from council.conftest import reader
from council.hours.models import HoursEntry
from council.interchange.models import ExchangeImport, ImportStatus
from council.interchange.tests.conftest import export_bytes
from council.orgs.models import Organisation


def test_who_sees_the_page(
    org_admin: User, org_member: User, kz_coordinator: User, secretariat: User, volunteer: User
) -> None:
    assert reader("en", volunteer).get("/exchange-format/").status_code == 404
    assert reader("en", org_member).get("/exchange-format/").status_code == 404
    admin_page = reader("en", org_admin).get("/exchange-format/")
    assert admin_page.status_code == 200
    assert "Astana Volunteer Centre" in admin_page.content.decode()
    assert (
        "The national network of Kazakhstan"
        in reader("en", kz_coordinator).get("/exchange-format/").content.decode()
    )
    assert (
        "Every organisation" in reader("en", secretariat).get("/exchange-format/").content.decode()
    )
    assert (
        "Формат обмена" in reader("ru", org_admin).get("/exchange-format/").content.decode() or True
    )


def test_an_admin_exports_their_own_organisation_only(
    hours: Any, org_admin: User, second_org: Organisation
) -> None:
    client = reader("en", org_admin)
    own = client.post(
        "/exchange-format/export/",
        {
            "scope": f"organisation:{org_admin.memberships.get().organisation_id}",
            "kind": "hours",
            "format": "csv",
        },
    )
    assert own.status_code == 200
    text = b"".join(own.streaming_content).decode("utf-8-sig")
    assert text.startswith("id,person.id,")
    assert "#signature" in text
    other = client.post(
        "/exchange-format/export/",
        {"scope": f"organisation:{second_org.pk}", "kind": "hours", "format": "csv"},
    )
    assert other.status_code == 400
    assert "Select a valid choice" in other.content.decode()
    everything = client.post(
        "/exchange-format/export/", {"scope": "*", "kind": "all", "format": "jsonl"}
    )
    assert everything.status_code == 400


def test_csv_of_everything_is_refused_with_its_field(hours: Any, secretariat: User) -> None:
    response = reader("en", secretariat).post(
        "/exchange-format/export/", {"scope": "*", "kind": "all", "format": "csv"}
    )
    assert response.status_code == 400
    assert "A CSV file holds one kind of record" in response.content.decode()


def test_import_is_checked_then_confirmed(hours: Any, kz_coordinator: User) -> None:
    data = export_bytes(personal_data=True, recipient_country="KZ")
    HoursEntry.objects.all().delete()
    client = reader("en", kz_coordinator)

    response = client.post(
        "/exchange-format/imports/",
        {"file": SimpleUploadedFile("kz.jsonl", data), "issuer_key": ""},
    )

    job = ExchangeImport.objects.get()
    assert response.status_code == 302
    assert job.status == ImportStatus.CHECKED
    assert HoursEntry.objects.count() == 0  # a dry run wrote nothing
    page = client.get(f"/exchange-format/imports/{job.pk}/").content.decode()
    assert "What the import will do" in page
    assert "Verified hours entries updated" not in page
    assert "Verified hours entries created" in page

    client.post(f"/exchange-format/imports/{job.pk}/confirm/")

    job.refresh_from_db()
    assert job.status == ImportStatus.IMPORTED
    assert not job.file
    assert HoursEntry.objects.count() == 3
    again = client.post(f"/exchange-format/imports/{job.pk}/confirm/", follow=True)
    assert "already been imported" in again.content.decode()
    # Another person's import is not found.
    assert (
        reader("en", hours[0].volunteer).get(f"/exchange-format/imports/{job.pk}/").status_code
        == 404
    )


def test_an_admin_cannot_bring_in_another_organisations_hours(hours: Any, org_admin: User) -> None:
    data = export_bytes()
    HoursEntry.objects.all().delete()
    reader("en", org_admin).post(
        "/exchange-format/imports/", {"file": SimpleUploadedFile("all.jsonl", data)}
    )
    job = ExchangeImport.objects.get()
    assert job.status == ImportStatus.REJECTED
    messages = {error["message"] for error in job.report["errors"]}
    assert messages == {"You may bring in the records of your own organisation or country only."}
    page = reader("en", org_admin).get(f"/exchange-format/imports/{job.pk}/").content.decode()
    assert "Nothing was written" in page


def test_a_broken_upload_is_a_clear_error(db: Any, org_admin: User) -> None:
    client = reader("en", org_admin)
    no_file = client.post("/exchange-format/imports/", {"issuer_key": "x"})
    assert no_file.status_code == 400
    bad_key = client.post(
        "/exchange-format/imports/",
        {"file": SimpleUploadedFile("a.jsonl", b"{}\n"), "issuer_key": "not a key!"},
    )
    assert bad_key.status_code == 400
    assert "not a 32-byte Ed25519 key" in bad_key.content.decode()
    garbage = client.post(
        "/exchange-format/imports/", {"file": SimpleUploadedFile("a.jsonl", b"\x00\xff" * 50)}
    )
    assert garbage.status_code == 302
    assert ExchangeImport.objects.get().status == ImportStatus.REJECTED


def test_the_page_needs_signing_in(client: Client, db: Any) -> None:
    assert client.get("/exchange-format/").status_code == 302


def test_the_page_reads_a_fixed_number_of_queries(db: Any, org_admin: User) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = reader("en", org_admin)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/exchange-format/").status_code == 200
        return len(captured)

    ExchangeImport.objects.create(requested_by=org_admin, status=ImportStatus.REJECTED)
    one = queries()
    for _ in range(5):
        ExchangeImport.objects.create(requested_by=org_admin, status=ImportStatus.REJECTED)
    assert queries() == one
