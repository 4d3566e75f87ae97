"""The imports over the API: the same journey and rules as the pages."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from council.api.tests.conftest import assert_problem, bearer, key_for
from council.conftest import make_member
from council.imports.models import ImportJob, ImportStatus
from council.imports.tests.conftest import csv_bytes, upload_of
from council.orgs.models import MembershipRole, Organisation
from council.volunteers.models import Contact

pytestmark = pytest.mark.django_db
API = "/api/v1/imports"
ROWS = [["Фамилия", "Имя", "Email"], ["Иванов", "Иван", "ivan@example.org"], ["", "", "bad"]]


def _send(client: Client, method: str, path: str, key: str, body: Any = None) -> Any:
    call = getattr(client, method)
    return call(
        API + path, json.dumps(body or {}), content_type="application/json", headers=bearer(key)
    )


def _upload(client: Client, key: str, organisation: Organisation, rows: Any = ROWS) -> Any:
    return client.post(
        API,
        {
            "kind": "volunteers",
            "organisation": organisation.pk,
            "source": "DOBRO.RF",
            "file": upload_of(csv_bytes(rows)),
        },
        headers=bearer(key),
    )


def test_the_journey_over_the_api(
    client: Client, org_admin: Any, org: Organisation, django_capture_on_commit_callbacks: Any
) -> None:
    key = key_for(org_admin)
    response = _upload(client, key, org)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["mapping"] == {"0": "family_name", "1": "given_name", "2": "email"}
    assert body["samples"][0] == ["Иванов"]
    job_id = body["id"]
    with django_capture_on_commit_callbacks(execute=True):
        response = _send(client, "put", f"/{job_id}/mapping", key, {"mapping": body["mapping"]})
    assert response.status_code == 200, response.content
    detail = client.get(f"{API}/{job_id}", headers=bearer(key)).json()
    assert (detail["status"], detail["rows_valid"], detail["rows_rejected"]) == ("checked", 1, 1)
    issues = client.get(f"{API}/{job_id}/issues", headers=bearer(key)).json()["items"]
    assert {(issue["row"], issue["field"]) for issue in issues} >= {(3, "email")}
    refused = _send(client, "post", f"/{job_id}/confirm", key, {"mode": "all_or_nothing"})
    assert "mode" in {error["field"] for error in assert_problem(refused, 422)["errors"]}
    with django_capture_on_commit_callbacks(execute=True):
        response = _send(client, "post", f"/{job_id}/confirm", key, {"mode": "valid_rows_only"})
    assert response.status_code == 200, response.content
    detail = client.get(f"{API}/{job_id}", headers=bearer(key)).json()
    assert (detail["status"], detail["rows_created"], detail["percent"]) == ("finished", 1, 100)
    listed = client.get(API, headers=bearer(key)).json()["items"]
    assert [item["id"] for item in listed] == [job_id]
    response = _send(client, "post", f"/{job_id}/undo", key)
    assert response.json()["status"] == ImportStatus.UNDONE
    assert not Contact.objects.exists()


def test_a_bad_file_is_a_422_naming_the_file(
    client: Client, org_admin: Any, org: Organisation
) -> None:
    response = client.post(
        API,
        {
            "kind": "volunteers",
            "organisation": org.pk,
            "source": "x",
            "file": upload_of(b"%PDF-1.7", "a.csv"),
        },
        headers=bearer(key_for(org_admin)),
    )
    problem = assert_problem(response, 422)
    assert problem["errors"][0]["field"] == "file"
    assert "PDF" in problem["errors"][0]["message"]
    assert not ImportJob.objects.exists()


def test_access(
    client: Client, org_admin: Any, org: Organisation, outsider: Any, kazakhstan: Any
) -> None:
    job_id = _upload(client, key_for(org_admin), org).json()["id"]
    stranger = key_for(outsider)
    assert_problem(client.get(f"{API}/{job_id}", headers=bearer(stranger)), 404)
    assert_problem(_upload(client, stranger, org), 404)
    member = make_member("reader@example.org", kazakhstan, org, MembershipRole.MEMBER, "Reader")
    reader_key = key_for(member)
    assert client.get(f"{API}/{job_id}", headers=bearer(reader_key)).status_code == 200
    assert_problem(_send(client, "post", f"/{job_id}/cancel", reader_key), 403)
    assert_problem(_upload(client, reader_key, org), 403)


def test_the_kinds_and_their_fields(client: Client, org_admin: Any) -> None:
    kinds = client.get(f"{API}/kinds", headers=bearer(key_for(org_admin))).json()
    volunteers = next(kind for kind in kinds if kind["key"] == "volunteers")
    assert "date_of_birth" in [field["key"] for field in volunteers["fields"]]
