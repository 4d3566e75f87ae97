"""Implausible input over the API: dates outside 2000 … ten years ahead, names and titles
that show nothing or carry text-direction controls, descriptions beyond the limit — a 422
naming the field, in the caller's language, and nothing stored."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from council.accounts.models import User
from council.api.tests.conftest import assert_problem, fields_of, key_for
from council.api.tests.test_api_organisations import _post
from council.api.tests.test_api_projects import PROJECTS, send
from council.orgs.models import Organisation
from council.projects.models import Project
from council.reference.models import Country

MAX_TEXT = 10_000


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"title_en": "Reading", "start_date": "0001-01-01"}, "start_date"),
        ({"title_en": "Reading", "end_date": "9999-12-31"}, "end_date"),
        ({"title_en": "\u200b\u200b\u200b"}, "title_en"),
        ({"title_ru": " \u2800 "}, "title_ru"),
        ({"title_en": "Reading \u202ecircles"}, "title_en"),
        ({"title_en": "Reading", "title_kk": "\u200fОқу"}, "title_kk"),
        ({"title_en": "Reading", "description_en": "x" * (MAX_TEXT + 1)}, "description_en"),
    ],
)
def test_a_project_with_implausible_input_is_refused(
    client: Client, org_admin: User, org: Organisation, body: dict[str, Any], field: str
) -> None:
    problem = assert_problem(
        send(client, "post", PROJECTS, {"owner": org.pk, **body}, key_for(org_admin)), 422
    )
    assert fields_of(problem) == {field}, problem
    assert all(error["message"] != "Enter a valid value." for error in problem["errors"])
    assert not Project.objects.exists()


def test_the_problem_is_in_the_callers_language(
    client: Client, org_admin: User, org: Organisation
) -> None:
    response = send(
        client,
        "post",
        PROJECTS,
        {"owner": org.pk, "title_ru": "Чтение", "start_date": "0001-01-01"},
        key_for(org_admin),
        **{"Accept-Language": "ru"},
    )
    problem = assert_problem(response, 422)
    [error] = problem["errors"]
    assert error["field"] == "start_date"
    assert "2000-01-01" in error["message"] and "Enter a date" not in error["message"]
    assert not Project.objects.exists()


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"name_en": "\u200b"}, "name_en"),
        ({"name_ru": "Добрые \u202eисоседи"}, "name_ru"),
        ({"name_en": "Good", "description_en": "x" * (MAX_TEXT + 1)}, "description_en"),
    ],
)
def test_an_organisation_with_implausible_input_is_refused(
    client: Client, write_key: str, kazakhstan: Country, body: dict[str, Any], field: str
) -> None:
    problem = assert_problem(
        _post(client, {"kind": "ngo", "country": "KZ", **body}, write_key), 422
    )
    assert field in fields_of(problem), problem
    assert not Organisation.objects.exists()
