"""The "for you" page: login required, a prompt without a profile, matches with reasons."""

from __future__ import annotations

from datetime import date

import pytest

from council.projects.tests.conftest import make_opportunity, make_project
from council.volunteers.models import LanguageSkill, VolunteerProfile

pytestmark = pytest.mark.django_db


@pytest.fixture
def profile(volunteer, astana, reference):
    profile = VolunteerProfile.objects.create(
        user=volunteer, city=astana, date_of_birth=date(1995, 3, 1)
    )
    profile.skills.add(reference["first_aid"])
    LanguageSkill.objects.create(profile=profile, language_id="kk", level="B2")
    return profile


def test_anonymous_is_sent_to_login(client) -> None:
    response = client.get("/for-you/")
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


def test_without_a_profile_the_volunteer_is_asked_to_fill_one(client, volunteer) -> None:
    client.force_login(volunteer)
    page = client.get("/for-you/").content.decode()
    assert 'href="/volunteer/"' in page
    assert "Fill in your volunteer profile" in page


def test_matches_are_listed_with_their_reasons(client, volunteer, profile, org, astana, reference):
    opportunity = make_opportunity(
        make_project(org),
        city=astana,
        title_en="Medic at the run",
        skills=[reference["first_aid"]],
        languages=[("kk", "B1")],
    )
    client.force_login(volunteer)
    page = client.get("/for-you/").content.decode()
    assert f'href="/opportunities/{opportunity.pk}/"' in page
    assert "Medic at the run" in page
    assert "needs First aid — you have it" in page
    assert "you speak Kazakh B2" in page
    assert "0 km away" in page


def test_nothing_to_match_says_how_to_get_matches(client, volunteer, profile) -> None:
    client.force_login(volunteer)
    page = client.get("/for-you/").content.decode()
    assert "Nothing matches your profile yet." in page
    assert 'href="/search/"' in page


@pytest.mark.parametrize("count", [2, 30])
def test_the_page_costs_the_same_queries_for_few_or_many(
    client, volunteer, profile, org, astana, reference, count, django_assert_max_num_queries
) -> None:
    project = make_project(org)
    for _number in range(count):
        make_opportunity(project, city=astana, shifts=2, skills=[reference["first_aid"]])
    client.force_login(volunteer)
    client.get("/for-you/")  # reference names are then in memory
    # Session, user, the profile check, the six of opportunities_for_you, the menu's role.
    with django_assert_max_num_queries(10):
        page = client.get("/for-you/").content.decode()
    assert page.count('class="result-title"') == min(count, 20)
