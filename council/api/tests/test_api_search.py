"""The opportunity search, "for you" and suggested volunteers over the API."""

from __future__ import annotations

from datetime import date
from functools import partial
from typing import Any

import pytest
from django.test import Client

from council.accounts.models import Consent, User
from council.api.models import TokenScope
from council.api.tests import conftest
from council.api.tests.conftest import assert_problem, bearer, fields_of
from council.orgs.models import Organisation
from council.projects.models import Opportunity, Project
from council.projects.tests.conftest import make_opportunity, make_project
from council.projects.tests.search_helpers import make_profile, opportunity_with
from council.reference.models import City, Country
from council.volunteers.models import LanguageSkill, VolunteerProfile

API = "/api/v1"
SEARCH = f"{API}/opportunities/search"
FOR_YOU = f"{API}/opportunities/for-you"

# Searching needs no more than reading.
key_for = partial(conftest.key_for, scope=TokenScope.READ)


def ids(client: Client, query: str, **headers: str) -> list[int]:
    response = client.get(f"{SEARCH}?{query}", headers=headers)
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["items"]]


@pytest.fixture
def neutral(org: Organisation) -> Project:
    """A project whose own title matches none of the test words."""
    return make_project(org, title_en="Programme 2027", title_ru="Программа 2027")


@pytest.fixture
def corpus(neutral: Project, astana: City) -> dict[str, Opportunity]:
    return {
        "beach": opportunity_with(neutral, titles={"ru": "Волонтёр уборки пляжа"}, city=astana),
        "online": opportunity_with(
            neutral, titles={"ru": "Волонтёр онлайн-перевода"}, is_online=True
        ),
        "books": opportunity_with(neutral, titles={"ru": "Сбор книг", "en": "Book drive"}),
    }


# --- search ---------------------------------------------------------------------------------


@pytest.mark.parametrize("word", ["волонтёрами", "волонтерами", "ВОЛОНТЁРЫ"])
def test_an_inflected_russian_word_is_found(
    client: Client, corpus: dict[str, Opportunity], word: str
) -> None:
    assert set(ids(client, f"q={word}")) == {corpus["beach"].pk, corpus["online"].pk}
    assert ids(client, "q=пляже") == [corpus["beach"].pk]


def test_filters_narrow_the_words(
    client: Client, corpus: dict[str, Opportunity], astana: City
) -> None:
    assert ids(client, "q=волонтёрами&online=true") == [corpus["online"].pk]
    assert ids(client, f"q=волонтёрами&city={astana.pk}") == [corpus["beach"].pk]
    assert set(ids(client, "q=волонтёрами&country=kz")) == {
        corpus["beach"].pk,
        corpus["online"].pk,
    }
    assert ids(client, "q=книги&online=1") == []
    assert set(ids(client, "sort=date")) == {item.pk for item in corpus.values()}


def test_results_carry_what_the_page_shows(
    client: Client, corpus: dict[str, Opportunity], astana: City
) -> None:
    response = client.get(f"{SEARCH}?q=пляж&city={astana.pk}&radius=10&sort=distance")
    [item] = response.json()["items"]
    assert item["id"] == corpus["beach"].pk
    assert item["title"] == "Волонтёр уборки пляжа"
    assert item["distance_km"] == 0.0
    assert item["free_seats"] == 10
    assert item["next_start"].endswith("Z")
    assert item["city"] == {"id": astana.pk, "name": "Astana"}
    assert item["project"]["title"] == "Programme 2027"


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("radius=10", "city"),
        ("date_from=2030-02-01&date_to=2030-01-01", "date_to"),
        ("sort=loudest", "sort"),
        ("sdg=first", "sdg"),
        ("cause=weather", "cause"),
        ("country=XX", "country"),
        ("city=999999", "city"),
        ("radius=99999&city=1", "radius"),
        ("date_from=yesterday", "date_from"),
        ("q=" + "слово" * 41, "q"),
        ("cursor=garbage", "cursor"),
    ],
)
def test_invalid_filters_name_the_field(client: Client, db: None, query: str, field: str) -> None:
    problem = assert_problem(client.get(f"{SEARCH}?{query}"), 422)
    assert field in fields_of(problem)


def test_it_walks_the_pages_in_order(client: Client, neutral: Project) -> None:
    created = [make_opportunity(neutral, title_ru=f"Волонтёр {n}") for n in range(7)]
    seen: list[int] = []
    url: str | None = f"{SEARCH}?q=волонтёр&limit=3"
    pages = 0
    while url:
        page = client.get(url).json()
        seen += [item["id"] for item in page["items"]]
        cursor = page["next_cursor"]
        url = f"{SEARCH}?q=волонтёр&limit=3&cursor={cursor}" if cursor else None
        pages += 1
    assert pages == 3
    assert seen == ids(client, "q=волонтёр&limit=50")
    assert sorted(seen) == sorted(item.pk for item in created)
    first = client.get(f"{SEARCH}?q=волонтёр&limit=3").json()["next_cursor"]
    # A cursor of one order is not taken for another.
    problem = assert_problem(client.get(f"{SEARCH}?sort=date&cursor={first}"), 422)
    assert fields_of(problem) == {"cursor"}


def test_the_search_queries_are_bounded(
    client: Client, neutral: Project, astana: City, django_assert_max_num_queries: Any
) -> None:
    for number in range(25):
        make_opportunity(neutral, shifts=2, city=astana, title_ru=f"Волонтёр {number}")
    # The country check of the form, then the page.
    with django_assert_max_num_queries(3):
        response = client.get(f"{SEARCH}?q=волонтёрами&country=KZ&free=on")
    assert len(response.json()["items"]) == 25


# --- for you --------------------------------------------------------------------------------


@pytest.fixture
def profile(volunteer: User, astana: City, reference: dict[str, Any]) -> VolunteerProfile:
    profile = VolunteerProfile.objects.create(
        user=volunteer, city=astana, date_of_birth=date(1995, 3, 1)
    )
    profile.skills.add(reference["first_aid"])
    LanguageSkill.objects.create(profile=profile, language_id="kk", level="B2")
    return profile


def test_for_you_lists_matches_with_reasons(
    client: Client,
    volunteer: User,
    profile: VolunteerProfile,
    org: Organisation,
    astana: City,
    reference: dict[str, Any],
) -> None:
    opportunity = make_opportunity(
        make_project(org),
        city=astana,
        title_en="Medic at the run",
        skills=[reference["first_aid"]],
        languages=[("kk", "B1")],
    )
    response = client.get(FOR_YOU, headers=bearer(key_for(volunteer)))
    assert response.status_code == 200, response.content
    [match] = response.json()
    assert match["opportunity"]["id"] == opportunity.pk
    assert match["opportunity"]["title"] == "Medic at the run"
    assert match["opportunity"]["next_start"].endswith("Z")
    assert match["score"] > 0
    assert "needs First aid — you have it" in match["reasons"]
    assert "you speak Kazakh B2" in match["reasons"]


def test_for_you_is_empty_without_a_profile(client: Client, volunteer: User) -> None:
    response = client.get(FOR_YOU, headers=bearer(key_for(volunteer)))
    assert response.status_code == 200
    assert response.json() == []


def test_for_you_needs_a_caller(client: Client, db: None) -> None:
    assert_problem(client.get(FOR_YOU), 401)


def test_for_you_takes_a_limit(client: Client, volunteer: User) -> None:
    problem = assert_problem(
        client.get(f"{FOR_YOU}?limit=500", headers=bearer(key_for(volunteer))), 422
    )
    assert fields_of(problem) == {"limit"}


@pytest.mark.parametrize("count", [2, 30])
def test_for_you_costs_the_same_queries_for_few_or_many(
    client: Client,
    count: int,
    volunteer: User,
    profile: VolunteerProfile,
    org: Organisation,
    astana: City,
    reference: dict[str, Any],
    django_assert_max_num_queries: Any,
) -> None:
    project = make_project(org)
    for number in range(count):
        make_opportunity(
            project,
            shifts=2,
            city=astana,
            title_en=f"Role {number}",
            skills=[reference["first_aid"]],
        )
    key = key_for(volunteer)
    client.get(FOR_YOU, headers=bearer(key))  # reference names are then in memory
    with django_assert_max_num_queries(12):
        response = client.get(FOR_YOU, headers=bearer(key))
    assert len(response.json()) == min(count, 20)


# --- suggestions ----------------------------------------------------------------------------


@pytest.fixture
def medic(org: Organisation, astana: City, reference: dict[str, Any]) -> Opportunity:
    opportunity = make_opportunity(make_project(org), city=astana, title_en="Medic at the run")
    opportunity.skills.add(reference["first_aid"])
    return opportunity


def suggestions_url(opportunity: Opportunity) -> str:
    return f"{API}/opportunities/{opportunity.pk}/suggestions"


def test_organisers_see_suggested_volunteers_with_reasons(
    client: Client,
    org_admin: User,
    medic: Opportunity,
    reference: dict[str, Any],
    kazakhstan: Country,
    russia: Country,
    astana: City,
) -> None:
    skills = (reference["first_aid"],)
    near = make_profile("near@example.org", kazakhstan, city=astana, skills=skills)
    make_profile("hidden@example.org", kazakhstan, skills=skills, discoverable=False)
    make_profile("abroad@example.org", russia, skills=skills)
    consented = make_profile("consented@example.org", russia, skills=skills)
    Consent.objects.create(user=consented.user, purpose="cross_border", text_version="2026-11")
    response = client.get(suggestions_url(medic), headers=bearer(key_for(org_admin)))
    assert response.status_code == 200, response.content
    matches = response.json()
    assert [match["volunteer"]["name"] for match in matches] == ["Near", "Consented"]
    first = matches[0]
    assert first["volunteer"] == {
        "id": near.user_id,
        "name": "Near",
        "city": {"id": astana.pk, "name": "Astana"},
        "age_band": "adult",
    }
    assert "has First aid" in first["reasons"]
    assert "0 km away" in first["reasons"]
    assert "email" not in first["volunteer"]


def test_suggestions_are_for_organisers_only(
    client: Client, medic: Opportunity, org_member: User, outsider: User, volunteer: User
) -> None:
    url = suggestions_url(medic)
    assert_problem(client.get(url), 401)
    assert_problem(client.get(url, headers=bearer(key_for(org_member))), 403)
    assert_problem(client.get(url, headers=bearer(key_for(outsider))), 404)
    assert_problem(client.get(url, headers=bearer(key_for(volunteer))), 404)
    assert_problem(client.get(f"{API}/opportunities/999999/suggestions"), 401)


@pytest.mark.parametrize("count", [2, 30])
def test_suggestions_cost_the_same_queries_for_few_or_many(
    client: Client,
    count: int,
    org_admin: User,
    medic: Opportunity,
    reference: dict[str, Any],
    kazakhstan: Country,
    astana: City,
    django_assert_max_num_queries: Any,
) -> None:
    for number in range(count):
        make_profile(
            f"p{number}@example.org", kazakhstan, city=astana, skills=(reference["first_aid"],)
        )
    key = key_for(org_admin)
    with django_assert_max_num_queries(18):
        response = client.get(suggestions_url(medic), headers=bearer(key))
    assert len(response.json()) == min(count, 20)
