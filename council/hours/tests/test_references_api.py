"""References, ratings, milestones and letters over the API (/api/v1/)."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from council.api.tests.conftest import API, assert_problem, bearer, fields_of, key_for, post
from council.hours.models import RecommendationLetter, Reference
from council.hours.tests.conftest import confirm, verified_entry
from council.projects.models import Application, Shift


def get(client: Client, path: str, key: str | None = None) -> Any:
    return client.get(API + path, headers=bearer(key) if key else {})


def put(client: Client, path: str, body: Any, key: str) -> Any:
    return client.put(
        API + path, json.dumps(body), content_type="application/json", headers=bearer(key)
    )


@pytest.fixture
def recent_place(volunteer: Any, opportunity: Any) -> Application:
    end = timezone.now() - timedelta(hours=5)
    shift = Shift.objects.create(
        opportunity=opportunity, start=end - timedelta(hours=2), end=end, capacity=4
    )
    return confirm(volunteer, shift)


def test_reference_written_shown_and_in_the_signed_record_book(
    client: Client, volunteer: Any, org_admin: Any, recent_place: Any
) -> None:
    organiser, mine = key_for(org_admin), key_for(volunteer)
    body = {"rating": 5, "no_show": False, "punctual": True, "text": "Кәсіби және мұқият."}
    written = put(client, f"/applications/{recent_place.pk}/reference", body, organiser)
    assert written.status_code == 200, written.content
    reference = written.json()
    assert reference["rating"] == 5 and reference["shown_in_record_book"] is False
    assert [row["id"] for row in get(client, "/references/mine", mine).json()] == [reference["id"]]
    book = get(client, "/record-book", mine).json()["record_book"]
    assert book["references"] == []
    shown = post(client, f"/references/{reference['id']}/show", {"shown": True}, mine)
    assert shown.json()["shown_in_record_book"] is True
    book = get(client, "/record-book", mine).json()["record_book"]
    assert [row["text"] for row in book["references"]] == ["Кәсіби және мұқият."]


def test_the_volunteer_rates_and_the_organisers_read_the_average(
    client: Client, volunteer: Any, org_admin: Any, recent_place: Any, org: Any, outsider: Any
) -> None:
    rated = put(
        client,
        f"/applications/{recent_place.pk}/experience-rating",
        {"rating": 3, "comment": "Long queue at lunch"},
        key_for(volunteer),
    )
    assert rated.status_code == 200, rated.content
    summary = get(client, f"/organisations/{org.pk}/experience-ratings", key_for(org_admin))
    assert summary.json() == {
        "count": 1,
        "average": "3.0",
        "by_rating": {"5": 0, "4": 0, "3": 1, "2": 0, "1": 0},
    }
    assert_problem(
        get(client, f"/organisations/{org.pk}/experience-ratings", key_for(outsider)), 404
    )


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"rating": 0}, "rating"),
        ({"rating": 6}, "rating"),
        ({"rating": "5"}, "rating"),
        ({"rating": 5, "text": "x" * 1001}, "text"),
        ({"rating": 5, "extra": 1}, "extra"),
    ],
)
def test_bad_references_are_problems_naming_the_field(
    client: Client, org_admin: Any, recent_place: Any, body: Any, field: str
) -> None:
    answer = put(client, f"/applications/{recent_place.pk}/reference", body, key_for(org_admin))
    problem = assert_problem(answer, 422)
    assert any(field in str(name) for name in fields_of(problem))
    assert not Reference.objects.exists()


def test_others_get_404(
    client: Client, recent_place: Any, outsider: Any, volunteer: Any, org_admin: Any
) -> None:
    body = {"rating": 4}
    assert_problem(
        put(client, f"/applications/{recent_place.pk}/reference", body, key_for(outsider)), 404
    )
    assert_problem(
        put(client, f"/applications/{recent_place.pk}/reference", body, key_for(volunteer)), 404
    )
    rating = {"rating": 4}
    assert_problem(
        put(
            client,
            f"/applications/{recent_place.pk}/experience-rating",
            rating,
            key_for(org_admin),
        ),
        404,
    )


def test_letters_and_milestones(
    client: Client, volunteer: Any, org_admin: Any, place: Any, project: Any, org: Any
) -> None:
    verified_entry(volunteer, project, org_admin, description="Штаб", hours="11")
    mine = key_for(volunteer)
    milestones = get(client, "/milestones/mine", mine).json()
    assert [(m["key"], m["achieved_on"]) for m in milestones] == [("hours_10", "2026-03-11")]
    assert milestones[0]["label"] == "10 verified hours"
    body = {"volunteer": volunteer.pk, "text": "Надёжный волонтёр.", "language": "ru"}
    issued = post(client, f"/organisations/{org.pk}/letters", body, key_for(org_admin))
    assert issued.status_code == 201, issued.content
    letter = issued.json()
    assert letter["language"] == "ru" and float(letter["hours"]) == 11
    assert [row["code"] for row in get(client, "/letters/mine", mine).json()] == [letter["code"]]
    check = get(client, f"/letters/check/{letter['code']}")
    assert check.json()["status"] == "valid"
    revoked = post(
        client, f"/letters/{letter['id']}/revoke", {"reason": "Typo"}, key_for(org_admin)
    )
    assert revoked.json()["revoked_at"] is not None
    assert get(client, f"/letters/check/{letter['code']}").json()["status"] == "revoked"
    assert_problem(get(client, "/letters/check/NOSUCHCODE"), 404)


def test_a_letter_needs_verified_hours_and_a_known_language(
    client: Client, volunteer: Any, org_admin: Any, org: Any, place: Any
) -> None:
    key = key_for(org_admin)
    answer = post(
        client, f"/organisations/{org.pk}/letters", {"volunteer": volunteer.pk, "text": "x"}, key
    )
    problem = assert_problem(answer, 422)
    assert "no verified hours" in str(problem["errors"])
    answer = post(
        client,
        f"/organisations/{org.pk}/letters",
        {"volunteer": volunteer.pk, "text": "x", "language": "de"},
        key,
    )
    assert "language" in str(fields_of(assert_problem(answer, 422)))
    assert not RecommendationLetter.objects.exists()
