"""Applications over the API: apply, list, withdraw; the organiser's list and decisions."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from council.accounts.models import User
from council.api.models import TokenScope
from council.api.tests.conftest import assert_problem, bearer, fields_of, key_for
from council.api.tests.conftest import post_json as post
from council.audit.models import AuditEvent
from council.conftest import PASSWORD, make_user
from council.orgs.models import Organisation
from council.projects.models import (
    Application,
    ApplicationMode,
    ApplicationStatus,
    Opportunity,
    Project,
    Shift,
)
from council.projects.tests.conftest import adult, make_opportunity, make_project
from council.reference.models import Country

API = "/api/v1"


@pytest.fixture
def project(org: Organisation) -> Project:
    return make_project(org)


@pytest.fixture
def reviewed(project: Project) -> Opportunity:
    """Two shifts of one seat each; the organiser decides."""
    return make_opportunity(
        project,
        shifts=2,
        capacity=1,
        application_mode=ApplicationMode.REVIEW,
        questions_en="What do you bring?\nAny allergies?",
    )


@pytest.fixture
def first_shift(reviewed: Opportunity) -> Shift:
    return reviewed.shifts.order_by("start").first()  # type: ignore[return-value]


@pytest.fixture
def me(volunteer: User) -> User:
    return adult(volunteer)


@pytest.fixture
def application(me: User, reviewed: Opportunity, first_shift: Shift) -> Application:
    """My application for the first shift, waiting for the organiser's decision."""
    return Application.objects.create(
        volunteer=me, opportunity=reviewed, shift=first_shift, status=ApplicationStatus.PENDING
    )


@pytest.fixture
def my_key(me: User) -> str:
    return key_for(me)


@pytest.fixture
def admin_key(org_admin: User) -> str:
    return key_for(org_admin)


def apply(client: Client, opportunity: Opportunity, key: str, **body: Any) -> Any:
    return post(client, f"{API}/opportunities/{opportunity.pk}/applications", body, key)


def test_the_whole_cycle_apply_decide_withdraw(
    client: Client,
    me: User,
    my_key: str,
    admin_key: str,
    reviewed: Opportunity,
    first_shift: Shift,
    mailbox: list[Any],
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = apply(
            client,
            reviewed,
            my_key,
            shift=first_shift.pk,
            motivation="  I live by the shore.  ",
            answers=["Gloves", "None"],
        )
    assert response.status_code == 201, response.content
    applied = response.json()
    assert applied["status"] == "pending"
    assert applied["motivation"] == "I live by the shore."
    assert applied["answers"] == [
        {"question": "What do you bring?", "answer": "Gloves"},
        {"question": "Any allergies?", "answer": "None"},
    ]
    assert applied["shift"]["id"] == first_shift.pk
    assert applied["shift"]["start"].endswith("Z")
    assert applied["shift"]["timezone"] == reviewed.timezone
    assert applied["opportunity"]["project"]["id"] == reviewed.project_id

    # The organiser sees it and accepts.
    listing = client.get(
        f"{API}/opportunities/{reviewed.pk}/applications?status=pending", headers=bearer(admin_key)
    )
    assert listing.status_code == 200, listing.content
    [row] = listing.json()["items"]
    assert row["volunteer"] == {"id": me.pk, "name": "Aliya", "email": me.email}
    with django_capture_on_commit_callbacks(execute=True):
        decided = post(
            client,
            f"{API}/applications/{applied['id']}/decision",
            {"decision": "accept"},
            admin_key,
        )
    assert decided.status_code == 200, decided.content
    assert decided.json()["status"] == "confirmed"
    assert decided.json()["decided_at"]

    mine = client.get(f"{API}/applications/mine", headers=bearer(my_key)).json()["items"]
    assert [(item["id"], item["status"]) for item in mine] == [(applied["id"], "confirmed")]

    withdrawn = post(client, f"{API}/applications/{applied['id']}/withdraw", {}, my_key)
    assert withdrawn.status_code == 200, withdrawn.content
    assert withdrawn.json()["status"] == "withdrawn"
    again = assert_problem(
        post(client, f"{API}/applications/{applied['id']}/withdraw", {}, my_key), 422
    )
    assert again["errors"][0]["field"] is None
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"application.pending", "application.confirmed", "application.withdrawn"} <= actions
    assert [message.to for message in mailbox] == [[me.email], [me.email]]  # received, confirmed


def test_instant_mode_confirms_then_waitlists(
    client: Client, project: Project, my_key: str, kazakhstan: Country
) -> None:
    opportunity = make_opportunity(project, capacity=1)
    shift = opportunity.shifts.get()
    other = adult(make_user("other@example.org", kazakhstan))
    first = apply(client, opportunity, key_for(other), shift=shift.pk)
    assert first.json()["status"] == "confirmed"
    second = apply(client, opportunity, my_key, shift=shift.pk)
    assert second.status_code == 201
    assert second.json()["status"] == "waitlisted"


def test_waitlist_and_reject_with_a_reason(
    client: Client,
    me: User,
    admin_key: str,
    application: Application,
    mailbox: list[Any],
    django_capture_on_commit_callbacks: Any,
) -> None:
    url = f"{API}/applications/{application.pk}/decision"
    waiting = post(client, url, {"decision": "waitlist"}, admin_key)
    assert waiting.json()["status"] == "waitlisted"
    problem = assert_problem(post(client, url, {"decision": "reject"}, admin_key), 422)
    assert fields_of(problem) == {"reason"}
    problem = assert_problem(post(client, url, {"decision": "ignore"}, admin_key), 422)
    assert fields_of(problem) == {"decision"}
    with django_capture_on_commit_callbacks(execute=True):
        rejected = post(
            client, url, {"decision": "reject", "reason": "The team is full."}, admin_key
        )
    assert rejected.status_code == 200, rejected.content
    assert rejected.json()["status"] == "rejected"
    assert rejected.json()["reason"] == "The team is full."
    assert mailbox[-1].to == [me.email]
    assert "The team is full." in mailbox[-1].body
    problem = assert_problem(post(client, url, {"decision": "accept"}, admin_key), 422)
    assert problem["errors"][0]["message"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "shift"),
        ({"shift": 999999}, "shift"),
        ({"shift": "first"}, "shift"),
        ({"shift": None, "motivation": "x" * 4001}, "motivation"),
        ({"answers": ["a", "b", "c"]}, "answers"),
        ({"answers": ["a", "b" * 2001]}, "answers.1"),
        ({"shoft": 1}, "shoft"),
    ],
)
def test_it_names_the_field_of_invalid_input(
    client: Client, my_key: str, reviewed: Opportunity, body: Any, field: str
) -> None:
    problem = assert_problem(apply(client, reviewed, my_key, **body), 422)
    assert field in fields_of(problem)
    assert not Application.objects.exists()


def test_it_refuses_a_shift_of_another_opportunity_or_a_started_one(
    client: Client, my_key: str, reviewed: Opportunity, project: Project
) -> None:
    elsewhere = make_opportunity(project).shifts.get()
    problem = assert_problem(apply(client, reviewed, my_key, shift=elsewhere.pk), 422)
    assert fields_of(problem) == {"shift"}
    started = Shift.objects.create(
        opportunity=reviewed,
        start=timezone.now() - timedelta(hours=1),
        end=timezone.now() + timedelta(hours=1),
        capacity=5,
    )
    problem = assert_problem(apply(client, reviewed, my_key, shift=started.pk), 422)
    assert fields_of(problem) == {"shift"}


def test_service_rules_come_back_as_problems(
    client: Client, volunteer: User, reviewed: Opportunity, first_shift: Shift
) -> None:
    key = key_for(volunteer)  # no date of birth yet
    restricted = Opportunity.objects.filter(pk=reviewed.pk)
    restricted.update(min_age=16)
    problem = assert_problem(apply(client, reviewed, key, shift=first_shift.pk), 422)
    assert "date of birth" in problem["errors"][0]["message"]
    adult(volunteer)
    assert apply(client, reviewed, key, shift=first_shift.pk).status_code == 201
    problem = assert_problem(apply(client, reviewed, key, shift=first_shift.pk), 422)
    assert problem["errors"] == [{"field": None, "message": "You have already applied."}]


def test_problems_follow_the_request_language(
    client: Client, my_key: str, reviewed: Opportunity
) -> None:
    response = client.post(
        f"{API}/opportunities/{reviewed.pk}/applications",
        "{}",
        content_type="application/json",
        headers={**bearer(my_key), "Accept-Language": "ru"},
    )
    problem = assert_problem(response, 422)
    assert problem["title"] != "Invalid input"
    assert fields_of(problem) == {"shift"}


def test_a_read_token_cannot_apply_or_decide(
    client: Client, me: User, org_admin: User, reviewed: Opportunity, first_shift: Shift
) -> None:
    assert_problem(apply(client, reviewed, key_for(me, TokenScope.READ), shift=first_shift.pk), 403)
    application = Application.objects.create(
        volunteer=me, opportunity=reviewed, shift=first_shift, status=ApplicationStatus.PENDING
    )
    reader = key_for(org_admin, TokenScope.READ)
    url = f"{API}/applications/{application.pk}/decision"
    assert_problem(post(client, url, {"decision": "accept"}, reader), 403)
    assert not Application.objects.exclude(status=ApplicationStatus.PENDING).exists()
    # Reading is fine.
    listing = client.get(f"{API}/opportunities/{reviewed.pk}/applications", headers=bearer(reader))
    assert listing.status_code == 200


def test_anonymous_callers_are_asked_to_authenticate(client: Client, reviewed: Opportunity) -> None:
    response = client.post(
        f"{API}/opportunities/{reviewed.pk}/applications", "{}", content_type="application/json"
    )
    assert_problem(response, 401)
    assert_problem(client.get(f"{API}/applications/mine"), 401)


def test_another_persons_application_is_not_found(
    client: Client, outsider: User, application: Application
) -> None:
    stranger = key_for(outsider)
    assert_problem(post(client, f"{API}/applications/{application.pk}/withdraw", {}, stranger), 404)
    assert_problem(post(client, f"{API}/applications/999999/withdraw", {}, stranger), 404)
    assert client.get(f"{API}/applications/mine", headers=bearer(stranger)).json()["items"] == []
    application.refresh_from_db()
    assert application.status == ApplicationStatus.PENDING


def test_organiser_endpoints_refuse_members_and_outsiders(
    client: Client,
    me: User,
    org_member: User,
    outsider: User,
    reviewed: Opportunity,
    application: Application,
) -> None:
    listing = f"{API}/opportunities/{reviewed.pk}/applications"
    decision = f"{API}/applications/{application.pk}/decision"
    member = key_for(org_member)
    assert_problem(client.get(listing, headers=bearer(member)), 403)
    assert_problem(post(client, decision, {"decision": "accept"}, member), 403)
    stranger = key_for(outsider)
    assert_problem(client.get(listing, headers=bearer(stranger)), 404)
    assert_problem(post(client, decision, {"decision": "accept"}, stranger), 404)
    # The volunteer may not decide on their own application either.
    assert_problem(post(client, decision, {"decision": "accept"}, key_for(me)), 404)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.PENDING


def test_the_session_works_too(
    client: Client, me: User, reviewed: Opportunity, first_shift: Shift
) -> None:
    client.login(email=me.email, password=PASSWORD)
    response = client.post(
        f"{API}/opportunities/{reviewed.pk}/applications",
        json.dumps({"shift": first_shift.pk}),
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "pending"
    assert body["opportunity"]["id"] == reviewed.pk
    assert body["shift"]["id"] == first_shift.pk


def test_a_draft_projects_opportunity_is_not_found(
    client: Client, my_key: str, org: Organisation
) -> None:
    draft = make_opportunity(make_project(org, status="draft"))
    assert_problem(apply(client, draft, my_key, shift=draft.shifts.get().pk), 404)


def test_the_organiser_filters_by_status_and_shift(
    client: Client, admin_key: str, reviewed: Opportunity, kazakhstan: Country
) -> None:
    early, late = reviewed.shifts.order_by("start")
    rows = []
    for number, (shift, status) in enumerate(
        [(early, "pending"), (early, "confirmed"), (late, "pending"), (late, "rejected")]
    ):
        person = make_user(f"p{number}@example.org", kazakhstan)
        rows.append(
            Application.objects.create(
                volunteer=person, opportunity=reviewed, shift=shift, status=status
            )
        )
    url = f"{API}/opportunities/{reviewed.pk}/applications"

    def ids(query: str) -> list[int]:
        response = client.get(f"{url}?{query}", headers=bearer(admin_key))
        assert response.status_code == 200, response.content
        return [item["id"] for item in response.json()["items"]]

    assert ids("") == [row.pk for row in rows]
    assert ids("status=pending") == [rows[0].pk, rows[2].pk]
    assert ids(f"shift={late.pk}") == [rows[2].pk, rows[3].pk]
    assert ids(f"status=pending&shift={late.pk}") == [rows[2].pk]
    assert_problem(client.get(f"{url}?status=lost", headers=bearer(admin_key)), 422)


def test_list_queries_are_bounded(
    client: Client,
    me: User,
    my_key: str,
    admin_key: str,
    project: Project,
    kazakhstan: Country,
    django_assert_max_num_queries: Any,
) -> None:
    opportunities = [make_opportunity(project, shifts=2) for _ in range(3)]
    for opportunity in opportunities:
        for shift in opportunity.shifts.all():
            Application.objects.create(
                volunteer=me, opportunity=opportunity, shift=shift, status="confirmed"
            )
    for number in range(12):
        Application.objects.create(
            volunteer=make_user(f"q{number}@example.org", kazakhstan),
            opportunity=opportunities[0],
            shift=opportunities[0].shifts.first(),
            status="pending",
        )
    # Token lookup, its note of use, the page.
    with django_assert_max_num_queries(4):
        mine = client.get(f"{API}/applications/mine", headers=bearer(my_key))
    assert len(mine.json()["items"]) == 6
    # Token, its note, the organiser check (twice: opportunity, then project), the page.
    with django_assert_max_num_queries(7):
        listing = client.get(
            f"{API}/opportunities/{opportunities[0].pk}/applications", headers=bearer(admin_key)
        )
    assert len(listing.json()["items"]) == 14
