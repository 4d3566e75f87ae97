"""The journey on the pages: upload, mapping, dry run, confirm, progress, report."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from council.conftest import make_member, reader
from council.imports.models import ImportJob, ImportStatus
from council.imports.tests.conftest import csv_bytes, upload_of
from council.orgs.models import MembershipRole, Organisation

pytestmark = pytest.mark.django_db

ROWS = [["Название", "Эл. почта"], ["Добро", "dobro@example.org"], ["Плохо", "nope"]]


def _upload(
    client: Client, organisation: Organisation, content: bytes, name: str = "orgs.csv"
) -> Any:
    return client.post(
        "/imports/new/",
        {
            "kind": "organisations",
            "organisation": organisation.pk,
            "source": "register",
            "file": upload_of(content, name),
        },
    )


def test_the_whole_journey(
    kz_coordinator: Any, kz_network: Organisation, django_capture_on_commit_callbacks: Any
) -> None:
    client = reader("en", kz_coordinator)
    response = _upload(client, kz_network, csv_bytes(ROWS))
    assert response.status_code == 302
    job = ImportJob.objects.get()
    page = client.get(response["Location"]).content.decode()
    assert "Which column holds what" in page
    assert "dobro@example.org" in page  # a sample value
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/imports/{job.pk}/mapping/", {"column_0": "name_ru", "column_1": "email"}
        )
    assert response.status_code == 302
    page = client.get(f"/imports/{job.pk}/").content.decode()
    assert "Confirm the import" in page
    assert "“nope” is not an email address." in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/imports/{job.pk}/confirm/", {"mode": "valid_rows_only"})
    job.refresh_from_db()
    assert job.status == ImportStatus.FINISHED
    assert job.rows_created == 1
    listing = client.get("/imports/").content.decode()
    assert "orgs.csv" in listing and "Finished" in listing
    rejected = client.get(f"/imports/{job.pk}/rejected.csv")
    text = b"".join(rejected.streaming_content).decode("utf-8-sig")
    assert "Плохо,nope,Эл. почта: “nope” is not an email address." in text


def test_the_report_is_in_the_readers_language(
    checked: Callable[..., ImportJob], kz_coordinator: Any, kz_network: Organisation
) -> None:
    job = checked(kz_coordinator, kz_network, ROWS)
    issue = job.issues.get()
    # Kept as a code and its parameters, not as text in the language of whoever ran it.
    assert (issue.code, issue.params) == ("email", {"value": "nope"})
    page = reader("ru", kz_coordinator).get(f"/imports/{job.pk}/").content.decode()
    assert '<html lang="ru">' in page
    assert "nope" in page


def test_the_progress_fragment_polls_while_busy(
    uploaded: Callable[..., ImportJob], kz_coordinator: Any, kz_network: Organisation
) -> None:
    job = uploaded(kz_coordinator, kz_network, ROWS)
    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportStatus.RUNNING, rows_total=10, rows_done=4
    )
    client = reader("en", kz_coordinator)
    fragment = client.get(f"/imports/{job.pk}/", headers={"HX-Request": "true"}).content.decode()
    assert 'hx-trigger="every 2s"' in fragment
    assert '<progress max="100" value="40"' in fragment
    assert "Cancel" in fragment
    page = client.get(f"/imports/{job.pk}/").content.decode()
    assert '<progress max="100" value="40"' in page  # a plain reload shows it too


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"", "empty.csv", "The submitted file is empty."),
        (b"%PDF-1.4 nothing", "orgs.csv", "This is a PDF file, not a table."),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "orgs.xls", "Excel 97"),
    ],
)
def test_a_bad_file_is_a_clear_error_and_nothing_is_kept(
    kz_coordinator: Any,
    kz_network: Organisation,
    content: bytes,
    name: str,
    message: str,
    tmp_path: Any,
) -> None:
    response = _upload(reader("en", kz_coordinator), kz_network, content, name)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ImportJob.objects.exists()
    assert not any((tmp_path / "private").rglob("*.*"))


def test_another_organisations_import_is_a_404_and_a_member_gets_403_on_writes(
    checked: Callable[..., ImportJob],
    kz_coordinator: Any,
    kz_network: Organisation,
    ru_coordinator: Any,
    kazakhstan: Any,
) -> None:
    job = checked(kz_coordinator, kz_network, ROWS)
    outsider = reader("en", ru_coordinator)
    assert outsider.get(f"/imports/{job.pk}/").status_code == 404
    assert (
        outsider.post(f"/imports/{job.pk}/confirm/", {"mode": "valid_rows_only"}).status_code == 404
    )
    member = make_member("m@example.org", kazakhstan, kz_network, MembershipRole.MEMBER, "Member")
    client = reader("en", member)
    assert client.get(f"/imports/{job.pk}/").status_code == 200
    assert (
        client.post(f"/imports/{job.pk}/confirm/", {"mode": "valid_rows_only"}).status_code == 403
    )
    assert client.post(f"/imports/{job.pk}/undo/").status_code == 403
    job.refresh_from_db()
    assert job.status == ImportStatus.CHECKED


def test_the_list_page_reads_a_fixed_number_of_queries(
    checked: Callable[..., ImportJob],
    kz_coordinator: Any,
    kz_network: Organisation,
    django_assert_max_num_queries: Any,
) -> None:
    for _ in range(3):
        checked(kz_coordinator, kz_network, ROWS)
    client = reader("en", kz_coordinator)
    client.get("/imports/")
    with django_assert_max_num_queries(12) as counted:
        response = client.get("/imports/")
    assert response.content.decode().count("orgs.csv") == 0  # the fixture names it rows.csv
    assert response.content.decode().count("rows.csv") == 3
    first = len(counted.captured_queries)
    checked(kz_coordinator, kz_network, ROWS)
    with django_assert_max_num_queries(first):
        client.get("/imports/")
