"""Bad input is a clear 4xx naming the field, never a server error: NUL characters, dates at the
ends of the calendar, page numbers past any list, bodies over the size limit. The requests are
those of the probe (issue 16, item 5)."""

# ruff: noqa: F811

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from council.api.tests.conftest import assert_problem, fields_of
from council.api.tests.test_api_applications import key_for
from council.hours.models import HoursEntry
from council.hours.tests.conftest import health_target, project  # noqa: F401 (fixtures)
from council.projects.tests.conftest import reference  # noqa: F401 (fixtures)
from council.volunteers.models import VolunteerProfile

pytestmark = pytest.mark.django_db


def _client() -> Client:
    # What a visitor sees: the server's answer, not the exception a test would be shown.
    return Client(raise_request_exception=False)


@pytest.mark.parametrize(
    ("url", "field"),
    [
        ("/api/v1/organisations?q=%00", "q"),
        ("/api/v1/reference/cities?q=%00", "q"),
        ("/api/v1/reference/regions?country=%00", "country"),
        ("/api/v1/projects?country=%00", "country"),
    ],
)
def test_a_nul_in_an_api_query_is_a_problem_naming_the_parameter(
    url: str, field: str, kazakhstan: Any
) -> None:
    problem = assert_problem(_client().get(url), 422)
    assert field in fields_of(problem)
    assert "Null characters are not allowed." in {error["message"] for error in problem["errors"]}


def test_a_nul_in_a_skill_of_the_profile_is_a_problem_naming_it(
    volunteer: Any, reference: Any
) -> None:
    response = _client().put(
        "/api/v1/volunteers/me",
        json.dumps({"skills": ["first\x00aid"], "bio_en": "Hello"}),
        content_type="application/json",
        headers={"Authorization": f"Bearer {key_for(volunteer)}"},
    )
    problem = assert_problem(response, 422)
    assert fields_of(problem) == {"skills.0"}
    assert not VolunteerProfile.objects.exists()


def test_a_nul_in_the_description_of_hours_is_a_problem_naming_it(
    volunteer: Any, project: Any
) -> None:
    body = {"project": project.pk, "date": "2026-03-12", "hours": "2", "description": "a\x00b"}
    response = _client().post(
        "/api/v1/hours",
        json.dumps(body),
        content_type="application/json",
        headers={"Authorization": f"Bearer {key_for(volunteer)}", "Accept-Language": "ru"},
    )
    problem = assert_problem(response, 422)
    assert fields_of(problem) == {"description"}
    assert problem["errors"][0]["message"] == "Нулевые символы не допускаются."
    assert not HoursEntry.objects.exists()


@pytest.mark.parametrize(
    "url", ["/orgs/?q=%00", "/search/?q=%00", "/projects/?country=%00", "/search/?%00=1"]
)
def test_a_nul_in_a_page_query_is_a_400_page_naming_the_field(url: str, kazakhstan: Any) -> None:
    response = _client().get(url)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Bad request" in page and "Null characters are not allowed." in page
    assert 'class="site-header"' in page  # the site's layout
    name = url.split("?")[1].split("=")[0].replace("%00", "")
    if name:
        assert f"<strong>{name}</strong>" in page


def test_a_nul_in_a_posted_form_is_a_400_page_naming_the_field(volunteer: Any) -> None:
    client = _client()
    client.force_login(volunteer)
    response = client.post("/orgs/new/", {"name_ru": "Центр\x00"})
    assert response.status_code == 400
    assert "<strong>name_ru</strong>" in response.content.decode()


@pytest.mark.parametrize("url", ["/search/?date_to=9999-12-31", "/search/?date_from=0001-01-01"])
def test_a_date_at_the_end_of_the_calendar_is_a_field_error_on_the_search_page(url: str) -> None:
    response = _client().get(url)
    assert response.status_code == 200  # the search page shows a filter's error and leaves it out
    assert "Enter a date between 1900-01-01 and 2100-12-31." in response.content.decode()


def test_a_date_at_the_end_of_the_calendar_is_a_problem_naming_it_in_the_api() -> None:
    response = _client().get("/api/v1/opportunities/search?date_to=9999-12-31")
    problem = assert_problem(response, 422)
    assert fields_of(problem) == {"date_to"}


def test_a_page_past_any_list_is_the_last_page() -> None:
    response = _client().get("/search/?q=volunteer&page=400000000000000000")
    assert response.status_code == 200
    assert 'class="site-header"' in response.content.decode()


def test_a_position_cursor_past_any_list_is_a_problem_naming_it() -> None:
    from council.api.pagination import encode_cursor

    cursor = encode_cursor("search-relevance", 400000000000000000000, 0)
    response = _client().get(f"/api/v1/opportunities/search?q=volunteer&cursor={cursor}")
    assert fields_of(assert_problem(response, 422)) == {"cursor"}


def test_a_json_body_over_the_limit_is_a_413_problem(volunteer: Any, settings: Any) -> None:
    body = json.dumps({"bio_en": "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)})
    response = _client().put(
        "/api/v1/volunteers/me",
        body,
        content_type="application/json",
        headers={"Authorization": f"Bearer {key_for(volunteer)}"},
    )
    problem = assert_problem(response, 413)
    assert "2.5 MB" in problem["detail"]


def test_a_form_over_the_limit_is_a_413_page(volunteer: Any, settings: Any) -> None:
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    client = _client()
    client.force_login(volunteer)
    response = client.post("/orgs/new/", {"description_ru": "x" * 2000})
    assert response.status_code == 413
    page = response.content.decode()
    assert "Request too large" in page and 'class="site-header"' in page
