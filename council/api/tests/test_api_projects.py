"""Projects, opportunities and shifts over the API: public reads, organisers' writes."""

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
from council.audit.models import AuditEvent
from council.orgs.models import Organisation
from council.projects.models import (
    Application,
    ApplicationStatus,
    Opportunity,
    Project,
    ProjectStatus,
    Shift,
)
from council.projects.services.index import project_refresh
from council.projects.tests.conftest import make_opportunity, make_project
from council.reference.models import City

API = "/api/v1"
PROJECTS = f"{API}/projects"


def send(client: Client, method: str, url: str, body: Any, key: str, **headers: str) -> Any:
    return getattr(client, method)(
        url, json.dumps(body), content_type="application/json", headers={**bearer(key), **headers}
    )


@pytest.fixture
def admin_key(org_admin: User) -> str:
    return key_for(org_admin)


@pytest.fixture
def joint(org: Organisation, ru_partner: Organisation, reference: dict[str, Any]) -> Project:
    project = make_project(
        org,
        title_en="Clean shores",
        title_ru="Чистые берега",
        title_kk="Таза жағалау",
        description_en="Beaches of the Caspian.",
    )
    from council.cooperation.models import Programme

    Programme.objects.create(name_en="Volunteers of the World").projects.add(project)
    project.partners.add(ru_partner)
    project.causes.add(reference["environment"])
    project.sdg_targets.add(reference["marine"], reference["literacy"])
    project_refresh(project=project)
    return project


# --- reads ----------------------------------------------------------------------------------


def test_it_lists_published_projects_only(client: Client, org: Organisation) -> None:
    published = make_project(org)
    make_project(org, title_en="Quiet draft", status=ProjectStatus.DRAFT)
    make_project(org, title_en="Done", status=ProjectStatus.COMPLETED)
    response = client.get(PROJECTS)
    assert response.status_code == 200, response.content
    assert [item["id"] for item in response.json()["items"]] == [published.pk]


def test_it_filters_by_country_of_owner_or_partner_and_by_owner(
    client: Client,
    org: Organisation,
    joint: Project,
    ru_partner: Organisation,
) -> None:
    alone = make_project(org, title_en="Only here")
    moscow_only = make_project(ru_partner, title_en="Moscow only")

    def ids(query: str) -> set[int]:
        response = client.get(f"{PROJECTS}?{query}")
        assert response.status_code == 200, response.content
        return {item["id"] for item in response.json()["items"]}

    assert ids("country=ru") == {joint.pk, moscow_only.pk}
    assert ids("country=KZ") == {joint.pk, alone.pk}
    assert ids(f"owner={ru_partner.pk}") == {moscow_only.pk}
    assert ids(f"owner={org.pk}&country=ru") == {joint.pk}
    assert_problem(client.get(f"{PROJECTS}?owner=someone"), 422)


def test_a_project_in_the_request_language_and_all_three(
    client: Client,
    joint: Project,
    org: Organisation,
    ru_partner: Organisation,
) -> None:
    item = client.get(f"{PROJECTS}/{joint.pk}", headers={"Accept-Language": "kk"}).json()
    assert item["title"] == "Таза жағалау"
    assert item["titles"] == {"ru": "Чистые берега", "kk": "Таза жағалау", "en": "Clean shores"}
    assert item["descriptions"]["en"] == "Beaches of the Caspian."
    assert [programme["name"] for programme in item["programmes"]] == ["Volunteers of the World"]
    assert item["owner"] == {"id": org.pk, "name": "Astana Volunteer Centre", "country": "KZ"}
    assert item["partners"] == [
        {"id": ru_partner.pk, "name": "Moscow Volunteer Centre", "country": "RU"}
    ]
    assert item["countries"] == [
        {"code": "KZ", "name": "Қазақстан"},
        {"code": "RU", "name": "Ресей"},
    ]
    assert item["is_joint"] is True
    assert item["causes"] == [{"slug": "environment", "name": "Environment"}]
    assert [target["code"] for target in item["sdg_targets"]] == ["4.6", "14.1"]
    assert item["sdg_targets"][1] == {
        "code": "14.1",
        "goal": 14,
        "title": "Reduce marine pollution",
    }
    assert item["status"] == "published"


def test_a_draft_is_seen_by_its_owners_members_only(
    client: Client, org: Organisation, org_member: User, outsider: User
) -> None:
    draft = make_project(org, status=ProjectStatus.DRAFT)
    url = f"{PROJECTS}/{draft.pk}"
    assert_problem(client.get(url), 404)
    assert_problem(client.get(url, headers=bearer(key_for(outsider, TokenScope.READ))), 404)
    response = client.get(url, headers=bearer(key_for(org_member, TokenScope.READ)))
    assert response.status_code == 200
    assert response.json()["status"] == "draft"
    assert_problem(client.get(f"{PROJECTS}/999999"), 404)


def test_it_walks_the_project_pages(client: Client, org: Organisation) -> None:
    created = {make_project(org, title_en=f"Project {n}").pk for n in range(7)}
    Project.objects.update(created_at=timezone.now())  # the pk breaks the tie
    seen: list[int] = []
    url: str | None = f"{PROJECTS}?limit=3"
    while url:
        page = client.get(url).json()
        seen += [item["id"] for item in page["items"]]
        url = f"{PROJECTS}?limit=3&cursor={page['next_cursor']}" if page["next_cursor"] else None
    assert len(seen) == len(set(seen)) == 7
    assert set(seen) == created


def test_the_project_list_queries_are_bounded(
    client: Client,
    org: Organisation,
    ru_partner: Organisation,
    reference: dict[str, Any],
    django_assert_max_num_queries: Any,
) -> None:
    for number in range(15):
        project = make_project(org, title_en=f"Project {number}")
        project.partners.add(ru_partner)
        project.causes.add(reference["environment"], reference["education"])
        project.sdg_targets.add(reference["marine"])
        project_refresh(project=project)
    # The page, its partners, causes, targets, programmes and the country names.
    with django_assert_max_num_queries(6):
        response = client.get(PROJECTS)
    assert len(response.json()["items"]) == 15


def test_a_projects_opportunities(
    client: Client, joint: Project, django_assert_max_num_queries: Any
) -> None:
    first = make_opportunity(joint, shifts=2, capacity=3)
    online = make_opportunity(joint, shifts=0, capacity=5, is_online=True, title_en="Online help")
    for _ in range(5):
        make_opportunity(joint)
    Application.objects.create(
        volunteer=User.objects.create_user(email="a@example.org", password="x"),
        opportunity=first,
        shift=first.shifts.first(),
        status=ApplicationStatus.CONFIRMED,
    )
    with django_assert_max_num_queries(3):
        response = client.get(f"{PROJECTS}/{joint.pk}/opportunities")
    assert response.status_code == 200, response.content
    items = {item["id"]: item for item in response.json()["items"]}
    assert len(items) == 7
    assert items[first.pk]["free_seats"] == 5
    assert items[first.pk]["next_start"].endswith("Z")
    assert items[first.pk]["project"] == {
        "id": joint.pk,
        "title": "Clean shores",
        "status": "published",
    }
    assert items[online.pk]["free_seats"] == 5
    assert items[online.pk]["is_online"] is True
    assert items[online.pk]["next_start"] is None


def test_an_opportunity_with_its_shifts_and_seats(
    client: Client,
    joint: Project,
    reference: dict[str, Any],
    astana: City,
) -> None:
    opportunity = make_opportunity(
        joint, shifts=2, capacity=2, city=astana, questions_en="Why?\nWhen?"
    )
    opportunity.skills.add(reference["first_aid"])
    opportunity.languages.create(language=reference["russian"], min_level="B1")
    early = opportunity.shifts.order_by("start").first()
    assert early is not None
    Shift.objects.create(  # a past shift is not offered
        opportunity=opportunity,
        start=timezone.now() - timedelta(days=2),
        end=timezone.now() - timedelta(days=2) + timedelta(hours=2),
        capacity=4,
    )
    Application.objects.create(
        volunteer=User.objects.create_user(email="a@example.org", password="x"),
        opportunity=opportunity,
        shift=early,
        status=ApplicationStatus.CONFIRMED,
    )
    response = client.get(f"{API}/opportunities/{opportunity.pk}")
    assert response.status_code == 200, response.content
    item = response.json()
    assert item["city"] == {"id": astana.pk, "name": "Astana"}
    assert item["country"] == "KZ"
    assert item["timezone"] == "Asia/Almaty"
    assert item["questions"] == ["Why?", "When?"]
    assert item["skills"] == [{"slug": "first-aid", "name": "First aid"}]
    assert item["languages"] == [{"language": "ru", "min_level": "B1"}]
    assert len(item["shifts"]) == 2
    shift = item["shifts"][0]
    assert shift["id"] == early.pk
    assert shift["start"] == early.start.isoformat().replace("+00:00", "Z")
    assert shift["end"].endswith("Z")
    assert shift["timezone"] == "Asia/Almaty"
    assert (shift["capacity"], shift["confirmed"], shift["free_seats"]) == (2, 1, 1)
    assert item["free_seats"] == 3
    assert item["next_start"] == shift["start"]


def test_an_opportunity_of_a_draft_is_hidden(
    client: Client, org: Organisation, outsider: User
) -> None:
    draft = make_opportunity(make_project(org, status=ProjectStatus.DRAFT))
    assert_problem(client.get(f"{API}/opportunities/{draft.pk}"), 404)
    assert_problem(client.get(f"{PROJECTS}/{draft.project_id}/opportunities"), 404)


# --- writes ---------------------------------------------------------------------------------


def test_an_organiser_builds_and_publishes_a_project(
    client: Client,
    org_admin: User,
    admin_key: str,
    org: Organisation,
    ru_partner: Organisation,
    reference: dict[str, Any],
    astana: City,
    moscow: City,
) -> None:
    body = {
        "owner": org.pk,
        "title_en": "Reading circles",
        "title_ru": "Кружки чтения",
        "causes": ["education"],
        "sdg_targets": ["4.6"],
        "partners": [ru_partner.pk],
        "start_date": "2030-01-10",
        "end_date": "2030-03-01",
    }
    created = send(client, "post", PROJECTS, body, admin_key)
    assert created.status_code == 201, created.content
    project = created.json()
    assert project["status"] == "draft"
    assert project["is_joint"] is True
    assert project["causes"] == [{"slug": "education", "name": "Education"}]
    assert project["sdg_targets"][0]["code"] == "4.6"
    url = f"{PROJECTS}/{project['id']}"

    patched = send(client, "patch", url, {"is_flagship": True, "causes": []}, admin_key)
    assert patched.status_code == 200, patched.content
    assert patched.json()["is_flagship"] is True
    assert patched.json()["causes"] == []
    assert patched.json()["titles"]["ru"] == "Кружки чтения"  # left as it was

    nothing_yet = assert_problem(send(client, "post", f"{url}/publish", {}, admin_key), 422)
    assert nothing_yet["errors"][0]["field"] is None

    opportunity_body = {
        "title_en": "Reader",
        "city": moscow.pk,
        "skills": ["first-aid"],
        "languages": [{"language": "ru", "min_level": "B2"}],
        "application_mode": "instant",
        "questions_en": "Which books?",
    }
    opportunity = send(client, "post", f"{url}/opportunities", opportunity_body, admin_key)
    assert opportunity.status_code == 201, opportunity.content
    made = opportunity.json()
    assert made["timezone"] == "Europe/Moscow"
    assert made["country"] == "RU"
    assert made["latitude"] == moscow.latitude
    assert made["skills"] == [{"slug": "first-aid", "name": "First aid"}]
    assert made["languages"] == [{"language": "ru", "min_level": "B2"}]
    assert made["is_published"] is False

    moved = send(
        client, "patch", f"{API}/opportunities/{made['id']}", {"city": astana.pk}, admin_key
    )
    assert moved.status_code == 200, moved.content
    assert moved.json()["timezone"] == "Asia/Almaty"  # followed the city
    assert moved.json()["latitude"] == astana.latitude
    assert moved.json()["languages"] == [{"language": "ru", "min_level": "B2"}]  # untouched

    start = (timezone.now() + timedelta(days=10)).replace(microsecond=0, second=0, minute=0)
    local = start.astimezone(timezone.get_fixed_timezone(5 * 60)).replace(tzinfo=None)
    shift = send(
        client,
        "post",
        f"{API}/opportunities/{made['id']}/shifts",
        # Without an offset: on the clock of Astana.
        {
            "start": local.isoformat(),
            "end": (local + timedelta(hours=3)).isoformat(),
            "capacity": 4,
        },
        admin_key,
    )
    assert shift.status_code == 201, shift.content
    assert shift.json()["start"] == start.isoformat().replace("+00:00", "Z")
    assert shift.json()["timezone"] == "Asia/Almaty"
    assert (shift.json()["confirmed"], shift.json()["free_seats"]) == (0, 4)

    published = send(client, "post", f"{url}/publish", {}, admin_key)
    assert published.status_code == 200, published.content
    assert published.json()["status"] == "published"
    assert client.get(f"{API}/opportunities/{made['id']}").json()["is_published"] is True
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"project.created", "opportunity.created", "shift.created", "project.published"} <= (
        actions
    )
    assert Project.objects.get(pk=project["id"]).created_by == org_admin


def test_shifts_are_changed_and_deleted_by_organisers(
    client: Client, admin_key: str, joint: Project, org_member: User
) -> None:
    opportunity = make_opportunity(joint, capacity=3)
    shift = opportunity.shifts.get()
    url = f"{API}/shifts/{shift.pk}"
    start, end = shift.start + timedelta(days=1), shift.end + timedelta(days=1)
    body = {"start": start.isoformat(), "end": end.isoformat(), "capacity": 5}
    moved = send(client, "patch", url, body, admin_key)
    assert moved.status_code == 200, moved.content
    assert moved.json()["capacity"] == 5
    assert moved.json()["start"] == start.isoformat().replace("+00:00", "Z")
    problem = assert_problem(send(client, "patch", url, {"capacity": 0}, admin_key), 422)
    assert fields_of(problem) == {"capacity"}
    problem = assert_problem(
        send(client, "patch", url, {"end": shift.start.isoformat()}, admin_key), 422
    )
    assert fields_of(problem) == {"end"}
    assert_problem(client.delete(url, headers=bearer(key_for(org_member))), 403)
    Application.objects.create(
        volunteer=org_member, opportunity=opportunity, shift=shift, status="pending"
    )
    assert_problem(client.delete(url, headers=bearer(admin_key)), 422)
    Application.objects.update(status="withdrawn")
    deleted = client.delete(url, headers=bearer(admin_key))
    assert deleted.status_code == 204, deleted.content
    assert not Shift.objects.filter(pk=shift.pk).exists()


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"title_en": ""}, "title_ru"),
        ({"causes": ["weather"]}, "causes"),
        ({"sdg_targets": ["99.9"]}, "sdg_targets"),
        ({"partners": [999999]}, "partners"),
        ({"start_date": "2031-01-01", "end_date": "2030-01-01"}, "end_date"),
        ({"title_en": "x" * 201}, "title_en"),
        ({"colour": "blue"}, "colour"),
    ],
)
def test_project_writes_name_the_field(
    client: Client, admin_key: str, org: Organisation, body: dict[str, Any], field: str
) -> None:
    project = make_project(org, status=ProjectStatus.DRAFT, title_ru="")
    response = send(client, "patch", f"{PROJECTS}/{project.pk}", body, admin_key)
    problem = assert_problem(response, 422)
    assert field in fields_of(problem)


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"title_en": "Somewhere", "city": None}, "city"),
        ({"title_en": "Online", "is_online": True, "address": "Main street 1"}, "address"),
        ({"title_en": "Odd zone", "is_online": True, "timezone": "Mars/Olympus"}, "timezone"),
        ({"title_en": "Skills", "is_online": True, "skills": ["juggling"]}, "skills"),
        (
            {
                "title_en": "Tongue",
                "is_online": True,
                "languages": [{"language": "xx", "min_level": "A1"}],
            },
            "languages.0.language",
        ),
        (
            {
                "title_en": "Level",
                "is_online": True,
                "languages": [{"language": "ru", "min_level": "Z9"}],
            },
            "languages.0.min_level",
        ),
    ],
)
def test_opportunity_writes_name_the_field(
    client: Client,
    admin_key: str,
    joint: Project,
    body: dict[str, Any],
    field: str,
) -> None:
    response = send(client, "post", f"{PROJECTS}/{joint.pk}/opportunities", body, admin_key)
    problem = assert_problem(response, 422)
    assert field in fields_of(problem)
    assert not Opportunity.objects.exists()


def test_an_onsite_opportunity_is_in_a_country_of_the_project(
    client: Client,
    admin_key: str,
    org: Organisation,
    moscow: City,
) -> None:
    project = make_project(org)
    body = {"title_en": "Far away", "city": moscow.pk}
    response = send(client, "post", f"{PROJECTS}/{project.pk}/opportunities", body, admin_key)
    assert fields_of(assert_problem(response, 422)) == {"city"}


def test_a_shift_in_the_past_is_refused(client: Client, admin_key: str, joint: Project) -> None:
    opportunity = make_opportunity(joint, shifts=0)
    start = timezone.now() - timedelta(days=1)
    body = {
        "start": start.isoformat(),
        "end": (start + timedelta(hours=2)).isoformat(),
        "capacity": 2,
    }
    problem = assert_problem(
        send(client, "post", f"{API}/opportunities/{opportunity.pk}/shifts", body, admin_key), 422
    )
    assert fields_of(problem) == {"start"}


def test_writes_are_for_organisers_only(
    client: Client,
    org: Organisation,
    joint: Project,
    org_member: User,
    outsider: User,
    volunteer: User,
) -> None:
    opportunity = make_opportunity(joint)
    shift = opportunity.shifts.get()
    member, stranger = key_for(org_member), key_for(outsider)
    writes = [
        ("patch", f"{PROJECTS}/{joint.pk}", {"is_flagship": True}),
        ("post", f"{PROJECTS}/{joint.pk}/cancel", {}),
        ("post", f"{PROJECTS}/{joint.pk}/opportunities", {"title_en": "New", "is_online": True}),
        ("patch", f"{API}/opportunities/{opportunity.pk}", {"capacity": 1}),
        (
            "post",
            f"{API}/opportunities/{opportunity.pk}/shifts",
            {"start": "2040-01-01T10:00:00Z", "end": "2040-01-01T12:00:00Z", "capacity": 1},
        ),
        ("patch", f"{API}/shifts/{shift.pk}", {"capacity": 1}),
    ]
    for method, url, body in writes:
        assert_problem(send(client, method, url, body, member), 403)
        assert_problem(send(client, method, url, body, stranger), 404)
    # Nobody without an organiser role creates projects; a member may not pick the owner.
    problem = send(client, "post", PROJECTS, {"owner": org.pk, "title_en": "Mine"}, member)
    assert_problem(problem, 403)
    body = {"owner": org.pk, "title_en": "X"}
    assert_problem(send(client, "post", PROJECTS, body, key_for(volunteer)), 403)
    joint.refresh_from_db()
    assert joint.is_flagship is False  # the refused patch changed nothing
    assert joint.status == ProjectStatus.PUBLISHED
    assert Project.objects.count() == 1


def test_an_organiser_cannot_create_for_another_organisation(
    client: Client,
    admin_key: str,
    ru_partner: Organisation,
) -> None:
    body = {"owner": ru_partner.pk, "title_en": "Not ours"}
    problem = assert_problem(send(client, "post", PROJECTS, body, admin_key), 422)
    assert fields_of(problem) == {"owner"}


def test_a_read_token_cannot_write(client: Client, org_admin: User, org: Organisation) -> None:
    reader = key_for(org_admin, TokenScope.READ)
    assert_problem(send(client, "post", PROJECTS, {"owner": org.pk, "title_en": "X"}, reader), 403)
    assert not Project.objects.exists()


def test_cancel_and_complete(client: Client, admin_key: str, joint: Project) -> None:
    done = send(client, "post", f"{PROJECTS}/{joint.pk}/complete", {}, admin_key)
    assert done.json()["status"] == "completed"
    problem = assert_problem(
        send(client, "post", f"{PROJECTS}/{joint.pk}/cancel", {}, admin_key), 422
    )
    assert problem["errors"][0]["field"] is None
    closed = send(client, "patch", f"{PROJECTS}/{joint.pk}", {"partners": []}, admin_key)
    assert_problem(closed, 422)


def test_the_openapi_document_lists_the_new_paths(client: Client, db: None) -> None:
    paths = client.get(f"{API}/openapi.json").json()["paths"]
    for path in (
        "/api/v1/projects",
        "/api/v1/projects/{project_id}",
        "/api/v1/opportunities/{opportunity_id}",
        "/api/v1/opportunities/search",
        "/api/v1/shifts/{shift_id}",
    ):
        assert path in paths
    assert {} in paths["/api/v1/projects"]["get"]["security"]
    assert {} not in paths["/api/v1/projects"]["post"]["security"]
