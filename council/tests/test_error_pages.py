"""Error pages in the site's layout and the visitor's language: 400, 403, 404, 500, the CSRF
failure (503 is in test_database_unavailable.py). Django's own are bare English pages."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from council.conftest import speaking

pytestmark = pytest.mark.django_db

LANGUAGES = ["ru", "kk", "en"]


@pytest.fixture(autouse=True)
def production_like(settings: Any) -> None:
    settings.DEBUG = False


def visitor(language: str) -> Client:
    return Client(raise_request_exception=False, headers={"Accept-Language": language})


def assert_in_layout(response: Any, status: int, language: str, heading: str) -> str:
    assert response.status_code == status
    page = response.content.decode()
    assert f'<html lang="{language}">' in page
    assert 'class="site-header"' in page and 'class="site-footer"' in page
    assert f"<h1>{heading}</h1>" in page
    return page


@pytest.mark.parametrize(
    ("path", "status", "language", "heading"),
    [
        ("/no-such-page/", 404, "ru", "Страница не найдена"),
        ("/no-such-page/", 404, "kk", "Бет табылмады"),
        ("/no-such-page/", 404, "en", "Page not found"),
        ("/search/?q=%00", 400, "ru", "Некорректный запрос"),
        ("/search/?q=%00", 400, "kk", "Қате сұрау"),
        ("/search/?q=%00", 400, "en", "Bad request"),
    ],
)
def test_not_found_and_bad_request(path: str, status: int, language: str, heading: str) -> None:
    assert_in_layout(visitor(language).get(path), status, language, heading)


@pytest.mark.parametrize(
    ("language", "heading"),
    [("ru", "Доступ закрыт"), ("kk", "Кіруге рұқсат жоқ"), ("en", "Access denied")],
)
def test_a_volunteer_opening_the_new_project_form_sees_access_denied(
    language: str, heading: str, volunteer: Any
) -> None:
    speaking(volunteer, language)
    client = visitor(language)
    client.force_login(volunteer)
    page = assert_in_layout(client.get("/projects/new/"), 403, language, heading)
    assert volunteer.display_name in page  # the navigation of a signed-in person


@pytest.mark.parametrize(
    ("language", "heading"),
    [
        ("ru", "Что-то пошло не так"),
        ("kk", "Бірдеңе дұрыс болмады"),
        ("en", "Something went wrong"),
    ],
)
def test_server_error(language: str, heading: str, settings: Any) -> None:
    settings.ROOT_URLCONF = "council.tests.urls_failing"
    assert_in_layout(visitor(language).get("/failing/"), 500, language, heading)


def test_the_server_error_page_keeps_the_layout_when_the_context_fails(settings: Any) -> None:
    settings.ROOT_URLCONF = "council.tests.urls_failing"
    options = settings.TEMPLATES[0]["OPTIONS"]
    settings.TEMPLATES = [
        {
            **settings.TEMPLATES[0],
            "OPTIONS": {
                **options,
                "context_processors": [
                    *options["context_processors"],
                    "council.tests.test_error_pages.failing_context",
                ],
            },
        }
    ]
    assert_in_layout(visitor("en").get("/failing/"), 500, "en", "Something went wrong")


def failing_context(request: Any) -> dict[str, Any]:
    raise RuntimeError("the navigation failed")


@pytest.mark.parametrize(
    ("language", "heading"),
    [("ru", "Форма устарела"), ("kk", "Пішіннің мерзімі өтті"), ("en", "The form has expired")],
)
def test_a_form_sent_without_its_csrf_token(language: str, heading: str) -> None:
    client = Client(enforce_csrf_checks=True, headers={"Accept-Language": language})
    response = client.post("/i18n/setlang/", {"language": "en"})
    assert_in_layout(response, 403, language, heading)


def test_the_api_answers_problems_not_pages() -> None:
    response = visitor("en").get("/api/v1/no-such-thing")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
