"""Forums over the API: quotas with availability, registration with the waiting list,
delegations, and the host's check-in, under the rules of the pages."""

# The forum fixtures are imported from the forum tests; pytest passes them in by name.
# ruff: noqa: F811

from __future__ import annotations

from typing import Any

from django.test import Client

from council.api.tests.conftest import API, assert_problem, bearer, fields_of
from council.api.tests.conftest import api_post as post
from council.api.tests.test_api_applications import key_for
from council.conftest import make_user
from council.forums.tests.conftest import forum, make_country_quota, open_quota  # noqa: F401


def test_register_until_full_then_the_waiting_list(
    client: Client, forum: Any, open_quota: Any, kazakhstan: Any
) -> None:
    forums = client.get(f"{API}/forums").json()["items"]
    assert [item["id"] for item in forums] == [forum.pk]
    statuses = []
    for number in range(3):
        person = make_user(f"api{number}@example.org", kazakhstan)
        answer = post(client, f"/forums/{forum.pk}/registrations", {}, key_for(person))
        assert answer.status_code == 201, answer.content
        statuses.append(answer.json()["status"])
    assert statuses == ["confirmed", "confirmed", "waitlisted"]
    quotas = client.get(f"{API}/forums/{forum.pk}/quotas").json()
    assert quotas == [
        {
            "id": open_quota.pk,
            "name": "Individuals",
            "kind": "open",
            "country": None,
            "organisation": None,
            "size": 2,
            "taken": 2,
            "free": 0,
            "state": "sold_out",
        }
    ]


def test_a_forum_abroad_asks_for_the_consent_by_name(
    client: Client, forum: Any, open_quota: Any, outsider: Any
) -> None:
    problem = assert_problem(
        post(client, f"/forums/{forum.pk}/registrations", {}, key_for(outsider)), 422
    )
    assert fields_of(problem) == {"cross_border_consent"}


def test_delegation_and_check_in(
    client: Client,
    forum: Any,
    ru_network: Any,
    ru_coordinator: Any,
    org_admin: Any,
    russia: Any,
    kz_coordinator: Any,
) -> None:
    quota = make_country_quota(forum, ru_network)
    head = key_for(ru_coordinator)
    delegation = post(
        client,
        f"/forums/{forum.pk}/delegations",
        {"quota": quota.pk, "head": ru_coordinator.pk},
        head,
    )
    assert delegation.status_code == 201
    delegation_id = delegation.json()["id"]
    person = make_user("pavel@example.org", russia, given_name="Pavel")
    member = post(client, f"/delegations/{delegation_id}/members", {"person": person.pk}, head)
    assert member.json()["status"] == "invited"
    answered = post(
        client,
        f"/members/{member.json()['id']}/respond",
        {"accept": True, "cross_border_consent": True},
        key_for(person),
    )
    assert answered.json()["status"] == "nominated"
    host = key_for(org_admin)
    decided = post(client, f"/members/{member.json()['id']}/decision", {"approve": True}, host)
    assert decided.json()["status"] == "confirmed"
    # Another country's coordinator sees nothing of this delegation.
    other = key_for(kz_coordinator)
    assert_problem(
        client.get(f"{API}/delegations/{delegation_id}/members", headers=bearer(other)), 404
    )
    from council.forums.models import Registration
    from council.forums.services import badge_code_for

    code = badge_code_for(registration=Registration.objects.get(person=person))
    first = post(client, f"/forums/{forum.pk}/check-in", {"code": code}, host).json()
    again = post(client, f"/forums/{forum.pk}/check-in", {"code": code}, host).json()
    assert (first["counted"], again["counted"]) == (True, False)
    assert again["counts"]["present"] == 1
    assert_problem(post(client, f"/forums/{forum.pk}/check-in", {"code": code}, other), 404)
    # The member leaves; the seat goes back to the delegation. Nobody else can make them.
    member_path = f"/members/{member.json()['id']}/withdraw"
    assert_problem(post(client, member_path, {}, head), 404)
    left = post(client, member_path, {}, key_for(person))
    assert left.json()["status"] == "withdrawn"
    seats = client.get(f"{API}/forums/{forum.pk}/quotas").json()
    assert [row["taken"] for row in seats if row["id"] == quota.pk] == [0]


def test_the_programme_and_session_sign_up(
    client: Client, forum: Any, open_quota: Any, kazakhstan: Any
) -> None:
    from datetime import UTC, datetime, timedelta

    from council.forums.models import ForumSession

    start = datetime(2027, 5, 20, 5, 0, tzinfo=UTC)
    workshop = ForumSession.objects.create(
        forum=forum,
        title_en="First aid workshop",
        track="Health",
        start=start,
        end=start + timedelta(hours=2),
        capacity=1,
    )
    first, second = (make_user(f"prog{n}@example.org", kazakhstan) for n in range(2))
    for person in (first, second):
        post(client, f"/forums/{forum.pk}/registrations", {}, key_for(person))
    programme = client.get(f"{API}/forums/{forum.pk}/sessions").json()
    assert [(row["title"], row["taken"], row["free"], row["mine"]) for row in programme] == [
        ("First aid workshop", 0, 1, False)
    ]
    taken = post(client, f"/sessions/{workshop.pk}/signup", {}, key_for(first))
    assert taken.status_code == 201
    assert (taken.json()["mine"], taken.json()["free"]) == (True, 0)
    full = post(client, f"/sessions/{workshop.pk}/signup", {}, key_for(second))
    assert full.status_code == 422 and "This session is full." in full.content.decode()
    left = post(client, f"/sessions/{workshop.pk}/leave", {}, key_for(first))
    assert (left.json()["mine"], left.json()["free"]) == (False, 1)
