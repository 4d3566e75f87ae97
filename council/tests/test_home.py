import pytest

from council.conftest import make_org

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def russian_default(settings) -> None:
    settings.LANGUAGE_CODE = "ru"


@pytest.mark.parametrize(
    ("accept", "lang", "text"),
    [
        ("kk-KZ,kk;q=0.9", "kk", "Ұйымдар"),
        ("ru-RU,ru;q=0.9", "ru", "Организации"),
        ("en-GB,en;q=0.8", "en", "Organisations"),
        ("de-DE,de;q=0.9", "ru", "Организации"),
    ],
)
def test_home_speaks_the_browsers_language_and_falls_back_to_russian(
    client, accept, lang, text
) -> None:
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept)
    assert response.status_code == 200
    page = response.content.decode()
    assert f'<html lang="{lang}">' in page
    assert text in page


def test_the_switcher_sets_the_language_and_saves_a_signed_in_preference(client, volunteer) -> None:
    client.force_login(volunteer)
    response = client.post("/i18n/setlang/", {"language": "kk", "next": "/orgs/"})
    assert response.status_code == 302 and response.url == "/orgs/"
    volunteer.refresh_from_db()
    assert volunteer.preferred_language == "kk"
    assert '<html lang="kk">' in client.get("/").content.decode()


def test_the_switcher_ignores_foreign_redirects_and_unknown_languages(client) -> None:
    response = client.post("/i18n/setlang/", {"language": "xx", "next": "https://evil.example/"})
    assert response.status_code == 302 and response.url == "/"
    refused = client.get("/i18n/setlang/")
    assert refused.status_code == 405
    assert refused["Allow"] == "POST"


def test_home_lists_verified_organisations_only(client, kazakhstan) -> None:
    make_org("Verified Centre", kazakhstan)
    make_org("Waiting Centre", kazakhstan, status="pending")
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Verified Centre" in page and "Waiting Centre" not in page


def test_home_query_count_is_flat(client, kazakhstan, django_assert_max_num_queries) -> None:
    for number in range(10):
        make_org(f"Centre {number}", kazakhstan)
    with django_assert_max_num_queries(4):
        client.get("/")


def test_healthz(client) -> None:
    assert client.get("/healthz").content == b"ok"


def test_a_volunteer_with_a_profile_sees_what_suits_them(client, volunteer, org) -> None:
    from council.projects.tests.conftest import adult, make_opportunity, make_project

    make_opportunity(make_project(org), capacity=3, is_online=True)
    adult(volunteer)
    volunteer.volunteer.availability = ["remote"]
    volunteer.volunteer.save()
    client.force_login(volunteer)
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "For you" in page and "Beach clean-up volunteer" in page
