"""Suggested volunteers: organisers only; discoverable people, and people of another country
only with their cross-border consent."""

from __future__ import annotations

import pytest

from council.accounts.models import Consent
from council.projects.tests.conftest import make_opportunity, make_project
from council.projects.tests.search_helpers import make_profile

pytestmark = pytest.mark.django_db


@pytest.fixture
def opportunity(org, astana, reference):
    opportunity = make_opportunity(make_project(org), city=astana, title_en="Medic at the run")
    opportunity.skills.add(reference["first_aid"])
    return opportunity


@pytest.fixture
def url(opportunity) -> str:
    return f"/opportunities/{opportunity.pk}/suggestions/"


def test_organisers_see_suggestions_with_reasons(
    client, org_admin, url, reference, kazakhstan, russia, astana
) -> None:
    skills = (reference["first_aid"],)
    make_profile("near@example.org", kazakhstan, city=astana, skills=skills)
    make_profile("hidden@example.org", kazakhstan, skills=skills, discoverable=False)
    make_profile("abroad@example.org", russia, skills=skills)
    consented = make_profile("consented@example.org", russia, skills=skills)
    Consent.objects.create(user=consented.user, purpose="cross_border", text_version="2026-11")
    client.force_login(org_admin)
    page = client.get(url).content.decode()
    assert "Medic at the run" in page
    assert "Near" in page and "Consented" in page
    assert "Hidden" not in page and "Abroad" not in page
    assert "has First aid" in page and "0 km away" in page


def test_an_empty_list_says_so(client, org_admin, url) -> None:
    client.force_login(org_admin)
    assert "No volunteer matches this opportunity yet." in client.get(url).content.decode()


def test_a_coordinator_may_see_them_too(client, org_coordinator, url) -> None:
    client.force_login(org_coordinator)
    response = client.get(url)
    assert response.status_code == 200
    assert "Medic at the run" in response.content.decode()


def test_anonymous_is_sent_to_login(client, url) -> None:
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


def test_an_outsider_gets_404(client, outsider, url) -> None:
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    assert client.get("/opportunities/999999/suggestions/").status_code == 404


def test_a_volunteer_gets_404(client, volunteer, url) -> None:
    client.force_login(volunteer)
    assert client.get(url).status_code == 404


def test_a_plain_member_gets_403(client, org_member, url) -> None:
    client.force_login(org_member)
    assert client.get(url).status_code == 403


@pytest.mark.parametrize("count", [2, 30])
def test_the_page_costs_the_same_queries_for_few_or_many(
    client, org_admin, url, reference, kazakhstan, count, django_assert_max_num_queries
) -> None:
    for number in range(count):
        make_profile(f"v{number}@example.org", kazakhstan, skills=(reference["first_aid"],))
    client.force_login(org_admin)
    with django_assert_max_num_queries(18):
        page = client.get(url).content.decode()
    assert page.count('class="result-title"') == min(count, 20)
