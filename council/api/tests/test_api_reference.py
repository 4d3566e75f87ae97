from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from council.api.tests.conftest import assert_problem, bearer
from council.conftest import make_city
from council.reference import models as ref

REFERENCE = "/api/v1/reference"


def _city(
    country: ref.Country, name: str, population: int, region: ref.Region | None = None
) -> ref.City:
    return make_city(country, name, region=region, population=population)


@pytest.fixture
def sdg(db: None) -> ref.SdgGoal:
    goal = ref.SdgGoal.objects.create(
        number=4,
        short_name_en="Quality education",
        short_name_ru="Качественное образование",
        colour="#C5192D",
    )
    ref.SdgTarget.objects.create(code="4.2", goal=goal, position=2, title_en="Early childhood")
    ref.SdgTarget.objects.create(code="4.1", goal=goal, position=1, title_en="Free schooling")
    return goal


def test_it_lists_countries_in_the_request_language(
    client: Client, russia: ref.Country, kazakhstan: ref.Country
) -> None:
    response = client.get(f"{REFERENCE}/countries", headers={"Accept-Language": "kk"})
    assert response.status_code == 200
    countries = {item["code"]: item for item in response.json()}
    assert countries["KZ"]["name"] == "Қазақстан"
    assert countries["RU"]["names"] == {"ru": "Россия", "kk": "Ресей", "en": "Russia"}
    assert countries["RU"]["code3"] == "RUS"
    assert countries["RU"]["is_council_member"] is True


def test_it_filters_regions_by_country(
    client: Client, astana: ref.City, russia: ref.Country
) -> None:
    ref.Region.objects.create(code="RU-MOW", country=russia, name_en="Moscow")
    codes = [item["code"] for item in client.get(f"{REFERENCE}/regions?country=kz").json()]
    assert codes == ["KZ-71"]
    assert len(client.get(f"{REFERENCE}/regions").json()) == 2


def test_it_finds_cities_by_country_region_and_name(
    client: Client, astana: ref.City, kazakhstan: ref.Country, russia: ref.Country
) -> None:
    _city(kazakhstan, "Almaty", 2_000_000)
    _city(russia, "Kazan", 1_300_000)
    largest_first = client.get(f"{REFERENCE}/cities?country=KZ").json()
    assert [c["name"] for c in largest_first["items"]] == ["Almaty", "Astana"]
    in_region = client.get(f"{REFERENCE}/cities?region={astana.region_id}").json()["items"]
    assert [c["id"] for c in in_region] == [astana.pk]
    by_name = client.get(f"{REFERENCE}/cities?q=Астан").json()["items"]
    assert by_name == client.get(f"{REFERENCE}/cities?q=astan").json()["items"]
    assert [c["timezone"] for c in by_name] == ["Asia/Almaty"]
    assert by_name[0]["region"] == astana.region_id


def test_it_pages_through_cities(client: Client, kazakhstan: ref.Country) -> None:
    for n in range(7):
        _city(kazakhstan, f"Town {n}", 1000 + n % 3)  # equal populations: pk breaks the tie
    seen: list[int] = []
    url = f"{REFERENCE}/cities?limit=2"
    while url:
        page = client.get(url).json()
        seen.extend(c["id"] for c in page["items"])
        url = page["next_cursor"] and f"{REFERENCE}/cities?limit=2&cursor={page['next_cursor']}"
    assert len(seen) == len(set(seen)) == 7


def test_it_lists_sdg_goals_with_their_targets(
    client: Client, sdg: ref.SdgGoal, django_assert_num_queries: Any
) -> None:
    with django_assert_num_queries(2):
        response = client.get(f"{REFERENCE}/sdg-goals", headers={"Accept-Language": "ru"})
    (goal,) = response.json()
    assert goal["number"] == 4
    assert goal["short_name"] == "Качественное образование"
    assert goal["short_names"]["en"] == "Quality education"
    assert [t["code"] for t in goal["targets"]] == ["4.1", "4.2"]
    assert goal["targets"][0]["title"] == "Free schooling"


def test_it_lists_languages_causes_skills_and_isco_groups(
    client: Client, sdg: ref.SdgGoal, django_assert_max_num_queries: Any
) -> None:
    ref.Language.objects.create(code="kk", name_en="Kazakh", name_kk="Қазақ тілі", position=1)
    cause = ref.Cause.objects.create(slug="education", name_en="Education")
    cause.sdg_goals.add(sdg)
    major = ref.IscoGroup.objects.create(code="2", name_en="Professionals")
    ref.IscoGroup.objects.create(code="23", parent=major, name_en="Teaching professionals")
    group = ref.SkillGroup.objects.create(slug="teaching", name_en="Teaching")
    ref.Skill.objects.create(slug="tutoring", group=group, name_en="Tutoring", isco_major=major)

    assert client.get(f"{REFERENCE}/languages").json()[0]["names"]["kk"] == "Қазақ тілі"
    assert client.get(f"{REFERENCE}/causes").json() == [
        {
            "slug": "education",
            "name": "Education",
            "names": {"ru": None, "kk": None, "en": "Education"},
            "sdg_goals": [4],
        }
    ]
    with django_assert_max_num_queries(1):
        (skill,) = client.get(f"{REFERENCE}/skills").json()
    assert skill["group"]["slug"] == "teaching"
    assert skill["isco_major"] == "2"
    groups = client.get(f"{REFERENCE}/isco-groups").json()
    assert [(g["code"], g["parent"], g["level"]) for g in groups] == [
        ("2", None, 1),
        ("23", "2", 2),
    ]


def test_it_serves_reference_data_to_tokens_too(
    client: Client, russia: ref.Country, read_key: str
) -> None:
    response = client.get(f"{REFERENCE}/countries", headers=bearer(read_key))
    assert response.status_code == 200
    assert "RU" in {country["code"] for country in response.json()}
    assert_problem(client.get(f"{REFERENCE}/countries", headers=bearer("vc_no_such")), 401)


def test_it_refuses_writes_to_reference_data(client: Client, write_key: str) -> None:
    assert_problem(client.post(f"{REFERENCE}/countries", headers=bearer(write_key)), 405)
