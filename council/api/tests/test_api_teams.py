"""The API of teams, shifts handed on, messages and notification choices."""

from __future__ import annotations

import json

import pytest
from django.core import mail

from council.api.tests.conftest import API, assert_problem, bearer, fields_of, key_for, post
from council.conftest import make_user
from council.projects.models import Application, Handover, Team, TeamInvite
from council.projects.services.applications import application_submit
from council.projects.tests.conftest import adult, make_opportunity, make_project

pytestmark = pytest.mark.django_db


@pytest.fixture
def opportunity(org):
    return make_opportunity(make_project(org), capacity=6, team_max_size=4)


def test_a_leader_signs_up_a_team_and_names_a_member(
    client, opportunity, kazakhstan, org_admin, django_capture_on_commit_callbacks
) -> None:
    leader = adult(make_user("lead@example.org", kazakhstan))
    member = adult(make_user("member@example.org", kazakhstan))
    key = key_for(leader)
    shift = opportunity.shifts.get()
    body = {"shift": shift.pk, "name": "Отдел кадров", "kind": "company", "size": 3}
    response = post(client, f"/opportunities/{opportunity.pk}/teams", body, key)
    assert response.status_code == 201, response.content
    team = response.json()
    assert (team["status"], team["size"], team["seats_held"], team["named"]) == (
        "confirmed",
        3,
        2,
        1,
    )
    too_big = post(client, f"/opportunities/{opportunity.pk}/teams", {**body, "size": 9}, key)
    assert fields_of(assert_problem(too_big, 422)) == {"size"}
    response = post(client, f"/teams/{team['id']}/invitations", {"email": member.email}, key)
    assert response.status_code == 201
    token = TeamInvite.objects.get().token
    response = post(client, f"/teams/join/{token}", {}, key_for(member))
    assert response.status_code == 200 and response.json()["status"] == "confirmed"
    assert Application.objects.get(volunteer=member).team_id == team["id"]
    mine = client.get(f"{API}/teams/mine", headers=bearer(key)).json()
    assert [row["confirmed"] for row in mine["items"]] == [2]
    listed = client.get(
        f"{API}/opportunities/{opportunity.pk}/teams", headers=bearer(key_for(org_admin))
    ).json()
    assert [row["name"] for row in listed["items"]] == ["Отдел кадров"]
    decision = {"decision": "reject", "reason": "Нет мест"}
    response = post(client, f"/teams/{team['id']}/decision", decision, key_for(org_admin))
    assert response.status_code == 200 and response.json()["status"] == "rejected"
    assert Team.objects.get().status == "rejected"


def test_a_shift_is_handed_on_through_the_api(client, opportunity, kazakhstan) -> None:
    giver = adult(make_user("giver@example.org", kazakhstan))
    taker = adult(make_user("taker@example.org", kazakhstan))
    application = application_submit(
        volunteer=giver, opportunity=opportunity, shift=opportunity.shifts.get()
    )
    response = post(
        client, f"/applications/{application.pk}/handovers", {"email": taker.email}, key_for(giver)
    )
    assert response.status_code == 201 and response.json()["status"] == "offered"
    token = Handover.objects.get().token
    outsider = adult(make_user("someone@example.org", kazakhstan))
    refused = post(client, f"/handovers/take/{token}", {}, key_for(outsider))
    assert_problem(refused, 422)
    response = post(client, f"/handovers/take/{token}", {}, key_for(taker))
    assert response.status_code == 200 and response.json()["status"] == "done"
    assert Application.objects.get(volunteer=taker).status == "confirmed"


def test_an_organiser_writes_to_everyone_and_a_volunteer_sets_choices(
    client, opportunity, kazakhstan, org_admin, django_capture_on_commit_callbacks
) -> None:
    person = adult(make_user("crew@example.org", kazakhstan, preferred_language="kk"))
    application_submit(volunteer=person, opportunity=opportunity, shift=opportunity.shifts.get())
    key = key_for(org_admin)
    empty = post(client, f"/opportunities/{opportunity.pk}/messages", {}, key)
    assert fields_of(assert_problem(empty, 422)) == {"subject_ru", "body_ru"}
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = post(
            client,
            f"/opportunities/{opportunity.pk}/messages",
            {"subject_kk": "Жиналу", "body_kk": "Сағат 9-да."},
            key,
        )
    assert response.status_code == 201, response.content
    sent = response.json()
    assert sent["recipients"] == 1
    assert sent["deliveries"] == [{"status": "queued", "language": "kk", "count": 1}]
    assert [message.subject for message in mail.outbox] == ["Жиналу"]
    assert client.get(f"{API}/messages/{sent['id']}", headers=bearer(key)).status_code == 200
    mine = key_for(person)
    choices = client.get(f"{API}/me/notifications", headers=bearer(mine)).json()
    assert all(choice["on"] for choice in choices) and len(choices) == 8
    response = client.put(
        f"{API}/me/notifications",
        json.dumps({"off": [{"kind": "messages", "channel": "email", "on": False}]}),
        content_type="application/json",
        headers=bearer(mine),
    )
    assert [c for c in response.json() if not c["on"]] == [
        {"kind": "messages", "channel": "email", "on": False}
    ]
