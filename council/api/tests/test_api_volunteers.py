"""The caller's volunteer profile over the API."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest
from django.test import Client

from council.accounts.models import User
from council.api.models import TokenScope
from council.api.services import api_token_create
from council.api.tests.conftest import assert_problem, bearer, fields_of
from council.audit.models import AuditEvent
from council.conftest import PASSWORD, make_city
from council.reference.models import City, Country
from council.volunteers.models import LanguageSkill, VolunteerProfile

ME = "/api/v1/volunteers/me"

# Fixtures of the project tests, used here by name.


def put(client: Client, body: Any, key: str, **headers: str) -> Any:
    return client.put(
        ME, json.dumps(body), content_type="application/json", headers={**bearer(key), **headers}
    )


def test_an_empty_profile_until_first_saved(client: Client, volunteer: User, read_key: str) -> None:
    response = client.get(ME, headers=bearer(read_key))
    assert response.status_code == 200, response.content
    assert response.json() == {
        "date_of_birth": None,
        "age_band": None,
        "city": None,
        "skills": [],
        "causes": [],
        "sdg_goals": [],
        "availability": [],
        "medical_qualification": False,
        "bio": "",
        "bios": {"ru": None, "kk": None, "en": None},
        "discoverable": False,
        "languages": [],
        "updated_at": None,
    }
    assert not VolunteerProfile.objects.exists()


def test_it_saves_the_whole_profile(
    client: Client,
    volunteer: User,
    write_key: str,
    astana: City,
    reference: dict[str, Any],
) -> None:
    body = {
        "date_of_birth": "1960-04-02",
        "city": astana.pk,
        "skills": ["first-aid"],
        "causes": ["environment", reference["education"].pk],
        "sdg_goals": [14, 4],
        "availability": ["weekends", "remote"],
        "medical_qualification": True,
        "bio_ru": "Люблю море.",
        "bio_en": "I love the sea.",
        "discoverable": True,
        "languages": [{"language": "ru", "level": "native"}, {"language": "en", "level": "B2"}],
    }
    response = put(client, body, write_key, **{"Accept-Language": "kk"})
    assert response.status_code == 200, response.content
    profile = response.json()
    assert profile["date_of_birth"] == "1960-04-02"
    assert profile["age_band"] == "silver"
    assert profile["city"] == {"id": astana.pk, "name": "Астана"}
    assert profile["skills"] == ["first-aid"]
    assert profile["causes"] == ["education", "environment"]
    assert profile["sdg_goals"] == [4, 14]
    assert profile["availability"] == ["weekends", "remote"]
    assert profile["medical_qualification"] is True
    assert profile["bio"] == "Люблю море."  # no Kazakh text: the fallback
    assert profile["bios"] == {"ru": "Люблю море.", "kk": None, "en": "I love the sea."}
    assert profile["discoverable"] is True
    assert profile["languages"] == [
        {"language": "ru", "level": "native"},
        {"language": "en", "level": "B2"},
    ]
    assert profile["updated_at"]
    stored = VolunteerProfile.objects.get(user=volunteer)
    assert stored.city == astana
    assert set(stored.skills.all()) == {reference["first_aid"]}
    assert set(LanguageSkill.objects.values_list("language_id", "level")) == {
        ("ru", "native"),
        ("en", "B2"),
    }
    again = client.get(ME, headers={**bearer(write_key), "Accept-Language": "kk"})
    assert again.json() == profile
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"volunteer.profile_updated", "volunteer.languages_set"} <= actions


def test_fields_left_out_keep_their_value(
    client: Client, volunteer: User, write_key: str, astana: City, reference: dict[str, Any]
) -> None:
    first = {
        "city": astana.pk,
        "skills": ["first-aid"],
        "discoverable": True,
        "languages": [{"language": "kk", "level": "C1"}],
    }
    assert put(client, first, write_key).status_code == 200
    response = put(client, {"bio_en": "Hello", "city": None}, write_key)
    assert response.status_code == 200, response.content
    profile = response.json()
    assert profile["city"] is None
    assert profile["bio"] == "Hello"
    assert profile["skills"] == ["first-aid"]
    assert profile["discoverable"] is True
    assert profile["languages"] == [{"language": "kk", "level": "C1"}]
    cleared = put(client, {"skills": [], "languages": []}, write_key).json()
    assert cleared["skills"] == []
    assert cleared["languages"] == []
    assert cleared["bio"] == "Hello"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"date_of_birth": "2999-01-01"}, "date_of_birth"),
        ({"date_of_birth": "1800-01-01"}, "date_of_birth"),
        ({"date_of_birth": "someday"}, "date_of_birth"),
        ({"city": 999999}, "city"),
        ({"skills": ["juggling"]}, "skills"),
        ({"skills": [999999]}, "skills"),
        ({"causes": ["weather"]}, "causes"),
        ({"sdg_goals": [18]}, "sdg_goals.0"),
        ({"availability": ["sometimes"]}, "availability.0"),
        ({"bio_en": "x" * 2001}, "bio_en"),
        ({"languages": [{"language": "xx", "level": "B1"}]}, "languages"),
        ({"languages": [{"language": "ru", "level": "B9"}]}, "languages.0.level"),
        (
            {"languages": [{"language": "ru", "level": "B1"}, {"language": "ru", "level": "C1"}]},
            "languages",
        ),
        ({"nickname": "Ali"}, "nickname"),
    ],
)
def test_it_names_the_field_of_invalid_input(
    client: Client,
    volunteer: User,
    write_key: str,
    reference: dict[str, Any],
    body: dict[str, Any],
    field: str,
) -> None:
    problem = assert_problem(put(client, body, write_key), 422)
    assert field in fields_of(problem)
    assert all(error["message"] for error in problem["errors"])
    assert not LanguageSkill.objects.exists()
    assert not VolunteerProfile.objects.filter(discoverable=True).exists()


def test_a_city_outside_the_council_is_refused(
    client: Client, volunteer: User, write_key: str
) -> None:
    elsewhere = Country.objects.create(code="FR", code3="FRA", numeric="250", name_en="France")
    paris = make_city(
        elsewhere,
        "Paris",
        geonames_id=2988507,
        latitude=48.85,
        longitude=2.35,
        timezone="Europe/Paris",
    )
    problem = assert_problem(put(client, {"city": paris.pk}, write_key), 422)
    assert fields_of(problem) == {"city"}


def test_only_the_own_profile_and_only_with_write_access(
    client: Client, volunteer: User, read_key: str, outsider: User
) -> None:
    assert_problem(client.get(ME), 401)
    assert_problem(put(client, {"discoverable": True}, read_key), 403)
    assert not VolunteerProfile.objects.exists()
    _token, theirs = api_token_create(user=outsider, name="w", scope=TokenScope.WRITE)
    put(client, {"discoverable": True}, theirs)
    assert client.get(ME, headers=bearer(read_key)).json()["discoverable"] is False
    assert VolunteerProfile.objects.get().user == outsider


def test_the_session_works_too(client: Client, volunteer: User) -> None:
    client.login(email=volunteer.email, password=PASSWORD)
    response = client.put(
        ME, json.dumps({"date_of_birth": "2010-01-01"}), content_type="application/json"
    )
    assert response.status_code == 200, response.content
    assert response.json()["age_band"] in {"under_14", "14_17"}
    assert VolunteerProfile.objects.get().date_of_birth == date(2010, 1, 1)


def test_reading_the_profile_costs_few_queries(
    client: Client,
    volunteer: User,
    write_key: str,
    astana: City,
    reference: dict[str, Any],
    django_assert_max_num_queries: Any,
) -> None:
    body = {
        "city": astana.pk,
        "skills": ["first-aid"],
        "causes": ["environment", "education"],
        "sdg_goals": [4, 14],
        "languages": [{"language": "ru", "level": "C1"}, {"language": "kk", "level": "A2"}],
    }
    assert put(client, body, write_key).status_code == 200
    # Token, the profile with its city, then skills, causes, goals and languages.
    with django_assert_max_num_queries(7):
        response = client.get(ME, headers=bearer(write_key))
    assert response.status_code == 200
    assert response.json()["causes"] == ["education", "environment"]
    assert response.json()["sdg_goals"] == [4, 14]
