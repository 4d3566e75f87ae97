"""The team pages: the leader signs up and invites, the member joins by the link, the
organiser decides; another person's team is a 404, and bad input names the field."""

from __future__ import annotations

import re

import pytest
from django.core import mail

from council.conftest import make_user, reader
from council.projects.models import Application, Team
from council.projects.tests.conftest import adult, make_opportunity, make_project

pytestmark = pytest.mark.django_db


@pytest.fixture
def opportunity(org):
    return make_opportunity(make_project(org), capacity=10, team_max_size=5)


@pytest.fixture
def leader(kazakhstan):
    return adult(make_user("leader@example.org", kazakhstan))


def _sign_up(client, opportunity, **data):
    body = {"shift": opportunity.shifts.get().pk, "name": "Сынып 9Б", "kind": "class", "size": 4}
    return client.post(f"/opportunities/{opportunity.pk}/team/", {**body, **data})


def test_a_leader_signs_up_a_team_and_invites_a_member(
    client, opportunity, leader, kazakhstan, django_capture_on_commit_callbacks
) -> None:
    page = client.get(f"/opportunities/{opportunity.pk}/")
    assert "Sign up as a team" not in page.content.decode()  # signed out: sign in first
    client.force_login(leader)
    assert "Sign up as a team" in client.get(f"/opportunities/{opportunity.pk}/").content.decode()
    response = _sign_up(client, opportunity)
    team = Team.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/me/teams/{team.pk}/"
    page = client.get(f"/me/teams/{team.pk}/").content.decode()
    assert "1 of 4 confirmed" not in page and "4 of 4 confirmed" in page
    assert "Сынып 9Б" in client.get("/me/teams/").content.decode()
    member = adult(make_user("pupil.parent@example.org", kazakhstan, preferred_language="kk"))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/me/teams/{team.pk}/invite/", {"email": member.email})
    invitation = mail.outbox[-1]
    assert invitation.to == [member.email]
    assert "Сынып 9Б" in invitation.subject
    link = re.search(r"/teams/join/[\w-]+/", invitation.body).group(0)
    other = reader("kk", member)
    assert "Сынып 9Б" in other.get(link).content.decode()
    response = other.post(link)
    assert response.status_code == 302
    joined = Application.objects.get(volunteer=member)
    assert (joined.team_id, joined.status) == (team.pk, "confirmed")
    assert "Сынып 9Б" in other.get("/me/applications/").content.decode()
    assert other.get(link).status_code == 404  # an invitation is used once


def test_bad_input_names_the_field_and_saves_nothing(client, opportunity, leader) -> None:
    client.force_login(leader)
    response = _sign_up(client, opportunity, size=9, name="")
    assert response.status_code == 400
    page = response.content.decode()
    assert 'id="id_size_error"' in page and "less than or equal to 5" in page
    assert 'id="id_name_error"' in page
    response = _sign_up(client, opportunity, size="four", shift="x")
    assert response.status_code == 400
    assert not Team.objects.exists()


def test_other_peoples_teams_are_not_found(
    client, opportunity, leader, outsider, org_admin
) -> None:
    client.force_login(leader)
    _sign_up(client, opportunity)
    team = Team.objects.get()
    client.force_login(outsider)
    assert client.get(f"/me/teams/{team.pk}/").status_code == 404
    assert client.post(f"/me/teams/{team.pk}/withdraw/").status_code == 404
    assert client.post(f"/teams/{team.pk}/decide/", {"decision": "reject"}).status_code == 404
    assert Team.objects.get().status == "confirmed"


def test_the_organiser_sees_teams_and_decides(client, opportunity, leader, org_admin) -> None:
    client.force_login(leader)
    _sign_up(client, opportunity)
    team = Team.objects.get()
    client.force_login(org_admin)
    page = client.get(f"/opportunities/{opportunity.pk}/applications/").content.decode()
    assert "Сынып 9Б" in page and "A school class" in page
    assert "decide on the team" in page
    response = client.post(f"/teams/{team.pk}/decide/", {"decision": "reject", "reason": ""})
    assert response.status_code == 302
    assert Team.objects.get().status == "confirmed"  # no reason: nothing changes
    client.post(f"/teams/{team.pk}/decide/", {"decision": "reject", "reason": "Мест нет"})
    assert Team.objects.get().status == "rejected"


def test_no_team_page_where_the_organiser_takes_no_teams(client, org, leader) -> None:
    opportunity = make_opportunity(make_project(org), capacity=10)
    client.force_login(leader)
    assert client.get(f"/opportunities/{opportunity.pk}/team/").status_code == 404
    assert (
        "Sign up as a team" not in client.get(f"/opportunities/{opportunity.pk}/").content.decode()
    )
