"""Hours over the API: log, verify, reject, dispute; record book; certificates; wage table."""

# The hours fixtures are imported from the hours tests; pytest passes them in by name.
# ruff: noqa: F811

from __future__ import annotations

from typing import Any

from django.test import Client

from council.api.tests.conftest import API, assert_problem, bearer, fields_of
from council.api.tests.conftest import api_post as post
from council.api.tests.test_api_applications import key_for
from council.hours.models import EntryStatus, HoursEntry
from council.hours.tests.conftest import (  # noqa: F401 (fixtures)
    health_target,
    isco,
    opportunity,
    past_shift,
    place,
    project,
)
from council.lib.signing import verify


def get(client: Client, url: str, key: str | None = None) -> Any:
    return client.get(API + url, headers=bearer(key) if key else {})


def log_hours(client: Client, key: str, project: Any, hours: str, description: str) -> Any:
    """Log hours on the project for 12 March 2026 with the key's holder."""
    body = {"project": project.pk, "date": "2026-03-12", "hours": hours, "description": description}
    return post(client, "/hours", body, key)


def test_log_reject_dispute_verify(
    client: Client, volunteer: Any, org_admin: Any, place: Any, project: Any
) -> None:
    mine, theirs = key_for(volunteer), key_for(org_admin)
    logged = log_hours(client, mine, project, "3.5", "Bandaging")
    assert logged.status_code == 201, logged.content
    entry = logged.json()
    assert entry["status"] == "submitted" and entry["hours"] == "3.50"
    rejected = post(client, f"/hours/{entry['id']}/reject", {"reason": "Wrong day"}, theirs)
    assert rejected.json()["status"] == "rejected"
    disputed = post(client, f"/hours/{entry['id']}/dispute", {"text": "It was that day"}, mine)
    assert disputed.json()["status"] == "disputed"
    verified = post(client, f"/hours/{entry['id']}/verify", {"feedback": "Sorry"}, theirs)
    assert verified.json()["status"] == "verified"
    assert verified.json()["currency"] == ""  # no wage table loaded: not valued
    queue = get(client, f"/organisations/{project.owner_id}/hours?status=verified", theirs)
    assert [item["id"] for item in queue.json()["items"]] == [entry["id"]]


def test_bad_input_is_a_problem_naming_the_field(
    client: Client, volunteer: Any, place: Any, project: Any
) -> None:
    mine = key_for(volunteer)
    for body, field in [
        ({"project": project.pk, "date": "2026-03-12", "hours": "0", "description": "x"}, "hours"),
        ({"project": project.pk, "date": "someday", "hours": "1", "description": "x"}, "date"),
        (
            {"project": project.pk, "date": "2026-03-12", "hours": "1", "description": ""},
            "description",
        ),
        (
            {
                "project": project.pk,
                "date": "2026-03-12",
                "hours": "1",
                "description": "x",
                "mode": "telepathy",
            },
            "mode",
        ),
    ]:
        problem = assert_problem(post(client, "/hours", body, mine), 422)
        assert field in fields_of(problem), (body, problem)
    assert not HoursEntry.objects.exists()


def test_one_cannot_verify_own_hours_and_others_get_404(
    client: Client,
    org_admin: Any,
    outsider: Any,
    volunteer: Any,
    past_shift: Any,
    place: Any,
    project: Any,
) -> None:
    from council.hours.tests.conftest import confirm

    confirm(org_admin, past_shift)
    admin = key_for(org_admin)
    own = log_hours(client, admin, project, "2", "Desk").json()
    assert_problem(post(client, f"/hours/{own['id']}/verify", {}, admin), 422)
    entry = log_hours(client, key_for(volunteer), project, "2", "Desk").json()
    stranger = key_for(outsider)
    assert_problem(post(client, f"/hours/{entry['id']}/verify", {}, stranger), 404)
    assert_problem(get(client, f"/organisations/{project.owner_id}/hours", stranger), 404)
    assert_problem(
        log_hours(client, stranger, project, "2", "x"),
        404,
    )
    assert HoursEntry.objects.get(pk=entry["id"]).status == EntryStatus.SUBMITTED


def test_the_signed_record_book_and_public_keys(
    client: Client, volunteer: Any, org_admin: Any, place: Any, project: Any
) -> None:
    mine = key_for(volunteer)
    entry = log_hours(client, mine, project, "4", "Run").json()
    post(client, f"/hours/{entry['id']}/verify", {}, key_for(org_admin))
    signed = get(client, "/record-book", mine).json()
    keys = get(client, "/signing-keys").json()["keys"]
    import base64

    public = base64.b64encode(base64.urlsafe_b64decode(keys[0]["x"] + "==")).decode()
    assert verify(signed["record_book"], signed["signature"], public)
    assert signed["record_book"]["totals"]["volunteer_work_hours"] == "4.00"


def test_certificates_issue_check_revoke(
    client: Client, volunteer: Any, org_admin: Any, place: Any, project: Any
) -> None:
    mine, theirs = key_for(volunteer), key_for(org_admin)
    entry = log_hours(client, mine, project, "4", "Run").json()
    post(client, f"/hours/{entry['id']}/verify", {}, theirs)
    issued = post(
        client,
        f"/organisations/{project.owner_id}/certificates",
        {"volunteer": volunteer.pk, "kind": "project", "project": project.pk},
        theirs,
    )
    assert issued.status_code == 201, issued.content
    code = issued.json()["code"]
    assert get(client, f"/certificates/check/{code}").json()["status"] == "valid"
    post(client, f"/certificates/{issued.json()['id']}/revoke", {"reason": "Mistake"}, theirs)
    check = get(client, f"/certificates/check/{code}").json()
    assert (check["status"], check["revocation_reason"]) == ("revoked", "Mistake")
    assert_problem(get(client, "/certificates/check/NOPE1234"), 404)
    assert [item["code"] for item in get(client, "/certificates/mine", mine).json()] == [code]
    problem = assert_problem(
        post(
            client,
            f"/organisations/{project.owner_id}/certificates",
            {"volunteer": volunteer.pk, "kind": "hours"},
            theirs,
        ),
        422,
    )
    assert fields_of(problem) == {"period_start"}


def test_the_wage_table_is_public(client: Client, isco: Any, russia: Any, kazakhstan: Any) -> None:
    from io import StringIO

    from django.core.management import call_command

    call_command("load_wage_rates", stdout=StringIO())
    rates = get(client, "/wage-rates?country=kz&year=2026&limit=50").json()["items"]
    assert len(rates) == 6
    technicians = next(rate for rate in rates if rate["isco_group"] == "3")
    assert technicians == {
        "country": "KZ",
        "isco_group": "3",
        "year": 2026,
        "currency": "KZT",
        "hourly_rate": "2650.00",
        "source": "Demo table (not official)",
    }


def test_the_occupation_and_targets_can_be_given_by_code(
    client: Client, volunteer: Any, place: Any, project: Any, isco: Any
) -> None:
    mine = key_for(volunteer)
    body = {
        "project": project.pk,
        "date": "2026-03-12",
        "hours": "2",
        "description": "Care",
        "occupation_isco08": "53",
        "sdg_targets": ["3.4"],
    }
    entry = post(client, "/hours", body, mine)
    assert entry.status_code == 201
    assert entry.json()["occupation_isco08"] == "53"
    problem = assert_problem(
        post(client, "/hours", {**body, "occupation_isco08": "77", "sdg_targets": ["99.9"]}, mine),
        422,
    )
    assert fields_of(problem) == {"occupation_isco08"}
    problem = assert_problem(post(client, "/hours", {**body, "sdg_targets": ["99.9"]}, mine), 422)
    assert problem["errors"] == [{"field": "sdg_targets", "message": "Unknown SDG targets: 99.9."}]
