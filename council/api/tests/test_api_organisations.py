from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from council.accounts.models import User
from council.api.tests.conftest import assert_problem, bearer, fields_of
from council.audit.models import AuditEvent
from council.conftest import PASSWORD, make_org
from council.orgs.models import Membership, MembershipRole, Organisation, OrganisationStatus
from council.reference.models import City, Country

ORGANISATIONS = "/api/v1/organisations"


def _post(client: Client, body: Any, key: str, **headers: str) -> Any:
    data = body if isinstance(body, str) else json.dumps(body)
    return client.post(
        ORGANISATIONS, data, content_type="application/json", headers={**bearer(key), **headers}
    )


def _walk(client: Client, url: str, **headers: str) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    pages = 0
    next_url: str | None = url
    while next_url:
        response = client.get(next_url, headers=headers)
        assert response.status_code == 200, response.content
        page = response.json()
        assert len(page["items"]) <= 3
        items.extend(page["items"])
        pages += 1
        cursor = page["next_cursor"]
        next_url = f"{url}&cursor={cursor}" if cursor else None
        assert pages < 20
    return items


def test_it_lists_only_verified_organisations(
    client: Client, org: Organisation, kazakhstan: Country
) -> None:
    make_org("Still Pending", kazakhstan, status=OrganisationStatus.PENDING)
    make_org("Turned Down", kazakhstan, status=OrganisationStatus.REJECTED)
    response = client.get(ORGANISATIONS)
    assert response.status_code == 200
    names = {item["name"] for item in response.json()["items"]}
    assert names == {"Astana Volunteer Centre", "National Volunteer Network"}


def test_it_filters_by_country_kind_and_name(
    client: Client, org: Organisation, ru_network: Organisation
) -> None:
    by_country = client.get(f"{ORGANISATIONS}?country=ru").json()["items"]
    assert [item["id"] for item in by_country] == [ru_network.pk]
    by_kind = client.get(f"{ORGANISATIONS}?kind=national_network").json()["items"]
    assert {item["id"] for item in by_kind} == {ru_network.pk, org.parent_id}
    by_name = client.get(f"{ORGANISATIONS}?q=astana").json()["items"]
    assert [item["id"] for item in by_name] == [org.pk]
    assert_problem(client.get(f"{ORGANISATIONS}?kind=castle"), 422)


def test_it_gives_names_in_the_request_language_and_all_three(
    client: Client, org: Organisation, astana: City
) -> None:
    Organisation.objects.filter(pk=org.pk).update(
        name_ru="Волонтёрский центр Астаны", name_kk="Астана еріктілер орталығы", city=astana
    )
    item = client.get(f"{ORGANISATIONS}/{org.pk}", headers={"Accept-Language": "kk"}).json()
    assert item["name"] == "Астана еріктілер орталығы"
    assert item["names"] == {
        "ru": "Волонтёрский центр Астаны",
        "kk": "Астана еріктілер орталығы",
        "en": "Astana Volunteer Centre",
    }
    assert item["country"] == {"code": "KZ", "name": "Қазақстан"}
    assert item["city"] == {"id": astana.pk, "name": "Астана"}
    assert item["parent"] == org.parent_id
    assert item["status"] == "verified"


def test_it_walks_all_pages_without_duplicates(client: Client, kazakhstan: Country) -> None:
    created = [make_org(f"Centre {n:02}", kazakhstan) for n in range(8)]
    # Same creation time for some: the pk breaks the tie.
    Organisation.objects.filter(pk__in=[o.pk for o in created[2:6]]).update(
        created_at=created[2].created_at
    )
    items = _walk(client, f"{ORGANISATIONS}?limit=3")
    ids = [item["id"] for item in items]
    assert len(ids) == len(set(ids)) == 8
    assert set(ids) == {o.pk for o in created}


def test_it_caps_the_limit(client: Client, kazakhstan: Country) -> None:
    Organisation.objects.bulk_create(
        Organisation(name_en=f"Group {n}", kind="ngo", country=kazakhstan, status="verified")
        for n in range(205)
    )
    page = client.get(f"{ORGANISATIONS}?limit=1000").json()
    assert len(page["items"]) == 200
    assert page["next_cursor"]
    rest = client.get(f"{ORGANISATIONS}?limit=1000&cursor={page['next_cursor']}").json()
    assert len(rest["items"]) == 5
    assert rest["next_cursor"] is None


@pytest.mark.parametrize("query", ["limit=0", "limit=many", "cursor=garbage", "cursor=W10"])
def test_it_rejects_bad_paging(client: Client, db: None, query: str) -> None:
    problem = assert_problem(client.get(f"{ORGANISATIONS}?{query}"), 422)
    assert fields_of(problem) == {query.split("=")[0]}


def test_it_bounds_the_list_queries(
    client: Client, kazakhstan: Country, astana: City, read_key: str, django_assert_num_queries: Any
) -> None:
    for n in range(30):
        make_org(f"Centre {n}", kazakhstan, region=astana.region, city=astana)
    with django_assert_num_queries(1):
        assert len(client.get(ORGANISATIONS).json()["items"]) == 30
    # Token lookup, the once-a-minute note of its use, the page.
    with django_assert_num_queries(3):
        client.get(ORGANISATIONS, headers=bearer(read_key))
    with django_assert_num_queries(2):
        client.get(ORGANISATIONS, headers=bearer(read_key))


def test_it_shows_a_verified_organisation_to_anyone(client: Client, org: Organisation) -> None:
    response = client.get(f"{ORGANISATIONS}/{org.pk}")
    assert response.status_code == 200
    assert response.json()["id"] == org.pk


def test_it_answers_404_for_an_unknown_organisation(client: Client, db: None) -> None:
    assert_problem(client.get(f"{ORGANISATIONS}/999999"), 404)
    assert_problem(client.get("/api/v1/no-such-thing"), 404)


def test_it_hides_a_pending_organisation_from_others(
    client: Client, kazakhstan: Country, volunteer: User, read_key: str, outsider: User
) -> None:
    pending = make_org("Quiet Start", kazakhstan, status=OrganisationStatus.PENDING)
    assert_problem(client.get(f"{ORGANISATIONS}/{pending.pk}"), 404)
    client.login(email=outsider.email, password=PASSWORD)
    assert_problem(client.get(f"{ORGANISATIONS}/{pending.pk}"), 404)
    client.logout()
    assert_problem(client.get(f"{ORGANISATIONS}/{pending.pk}", headers=bearer(read_key)), 404)
    Membership.objects.create(organisation=pending, user=volunteer, role=MembershipRole.ADMIN)
    response = client.get(f"{ORGANISATIONS}/{pending.pk}", headers=bearer(read_key))
    assert response.status_code == 200
    assert response.json()["status"] == "pending"


def test_it_registers_an_organisation_with_a_write_token(
    client: Client, volunteer: User, write_key: str, astana: City, org: Organisation
) -> None:
    body = {
        "kind": "volunteer_centre",
        "name_ru": "Добрые соседи",
        "name_en": "Good Neighbours",
        "description_en": "Helps the elderly.",
        "country": "kz",
        "region": astana.region_id,
        "city": astana.pk,
        "parent": org.parent_id,
        "website": "https://neighbours.example.org",
        "email": "hello@neighbours.example.org",
    }
    response = _post(client, body, write_key)
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["status"] == "pending"
    assert created["name"] == "Good Neighbours"
    assert created["names"]["ru"] == "Добрые соседи"
    assert created["city"]["id"] == astana.pk
    organisation = Organisation.objects.get(pk=created["id"])
    assert organisation.created_by == volunteer
    assert organisation.status == OrganisationStatus.PENDING
    assert organisation.memberships.get().user == volunteer
    event = AuditEvent.objects.get(action="organisation.registered")
    assert event.actor == volunteer
    assert event.target_id == str(organisation.pk)


def test_it_registers_an_organisation_from_the_browser_session(
    client: Client, volunteer: User, kazakhstan: Country
) -> None:
    client.login(email=volunteer.email, password=PASSWORD)
    response = client.post(
        ORGANISATIONS,
        json.dumps({"kind": "ngo", "name_kk": "Жаңа топ", "country": "KZ"}),
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["created_at"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"kind": "ngo", "name_en": "No Country"}, "country"),
        ({"kind": "ngo", "name_en": "Nowhere", "country": "XX"}, "country"),
        ({"kind": "castle", "name_en": "Odd", "country": "KZ"}, "kind"),
        ({"kind": "ngo", "country": "KZ"}, "name_ru"),
        ({"kind": "ngo", "name_en": "Typo", "country": "KZ", "contry": "KZ"}, "contry"),
        ({"kind": "ngo", "name_en": "Bad Site", "country": "KZ", "website": "nope"}, "website"),
        ({"kind": "ngo", "name_en": "Long", "country": "KZ", "tax_number": "9" * 41}, "tax_number"),
        ({"kind": "ngo", "name_en": "Wrong Place", "country": "RU", "city": "x"}, "city"),
    ],
)
def test_it_names_the_field_of_invalid_input(
    client: Client, write_key: str, kazakhstan: Country, russia: Country, body: Any, field: str
) -> None:
    problem = assert_problem(_post(client, body, write_key), 422)
    assert field in fields_of(problem)
    assert all(error["message"] for error in problem["errors"])
    assert not Organisation.objects.exists()


def test_it_checks_places_belong_to_the_country(
    client: Client, write_key: str, russia: Country, astana: City
) -> None:
    body = {"kind": "ngo", "name_en": "Wrong Place", "country": "RU", "city": astana.pk}
    problem = assert_problem(_post(client, body, write_key), 422)
    assert fields_of(problem) == {"city"}


def test_it_rejects_a_pending_parent(client: Client, write_key: str, kazakhstan: Country) -> None:
    pending = make_org("Unconfirmed Network", kazakhstan, status=OrganisationStatus.PENDING)
    body = {"kind": "ngo", "name_en": "Child", "country": "KZ", "parent": pending.pk}
    problem = assert_problem(_post(client, body, write_key), 422)
    assert fields_of(problem) == {"parent"}


@pytest.mark.parametrize("body", ['{"kind": "ngo",', "not json", "\xff"])
def test_it_answers_400_to_malformed_json(
    client: Client, write_key: str, kazakhstan: Country, body: str
) -> None:
    problem = assert_problem(_post(client, body, write_key), 400)
    assert "JSON" in problem["detail"]


@pytest.mark.parametrize("body", ["", "[]", '"text"'])
def test_it_asks_for_a_json_object(client: Client, write_key: str, body: str) -> None:
    problem = assert_problem(_post(client, body, write_key), 422)
    assert problem["errors"]


def test_it_answers_405_as_a_problem(client: Client, write_key: str) -> None:
    response = client.delete(ORGANISATIONS, headers=bearer(write_key))
    assert_problem(response, 405)
    assert "POST" in response["Allow"]


def test_it_answers_500_as_a_problem(db: None, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(**filters: Any) -> None:
        raise RuntimeError("database on fire")

    monkeypatch.setattr("council.api.routers.orgs.organisations_public", broken)
    # The test client re-raises what Django's got_request_exception signal reports; the API
    # sends that signal so that error reporting still sees the failure.
    client = Client(raise_request_exception=False)
    problem = assert_problem(client.get(ORGANISATIONS), 500)
    assert "fire" not in problem["detail"]
