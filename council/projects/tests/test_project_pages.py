"""The public list and page of projects, and the organiser's list."""

import pytest

from council.conftest import make_org
from council.projects.tests.conftest import make_opportunity, make_project

pytestmark = pytest.mark.django_db


def test_the_public_list_paginates_and_shows_flags(
    client, org, ru_partner, kazakhstan, django_assert_max_num_queries
) -> None:
    for number in range(25):
        make_project(org, title_en=f"Project {number:02}")
    joint = make_project(org, title_en="Across the border", is_flagship=True)
    joint.partners.add(ru_partner)
    from council.projects.services.index import project_refresh

    project_refresh(project=joint)
    make_project(org, title_en="Secret draft", status="draft")
    make_project(org, title_en="Called off", status="cancelled")
    with django_assert_max_num_queries(5):
        response = client.get("/projects/", HTTP_ACCEPT_LANGUAGE="en")
    page = response.content.decode()
    assert response.status_code == 200 and "Page 1 of 2" in page
    # Flagship projects come first; a joint project shows every country's flag.
    assert page.index("Across the border") < page.index("Project 24")
    assert "Joint project" in page and "Flagship project" in page
    # A joint project's countries read by name in the language read, never as bare codes.
    assert '<span class="badge country">Kazakhstan</span>' in page
    assert '<span class="badge country">Russia</span>' in page
    assert ">KZ<" not in page and ">RU<" not in page
    page = client.get("/projects/", HTTP_ACCEPT_LANGUAGE="kk").content.decode()
    assert '<span class="badge country">Қазақстан</span>' in page
    assert '<span class="badge country">Ресей</span>' in page
    assert "Secret draft" not in page and "Called off" not in page
    page = client.get("/projects/?page=2").content.decode()
    assert "Project 00" in page and "Page 2 of 2" in page


def test_bad_page_numbers_do_not_break_the_list(client) -> None:
    for page in ("abc", "99999"):
        response = client.get(f"/projects/?page={page}")
        assert response.status_code == 200
        assert "<h1>Projects</h1>" in response.content.decode()


def test_a_joint_project_page_shows_both_countries(client, org, ru_partner, reference) -> None:
    project = make_project(org, title_en="Volga–Irtysh exchange", description_en="Side by side")
    project.partners.add(ru_partner)
    project.causes.add(reference["environment"])
    project.sdg_targets.add(reference["marine"], reference["ecosystems"], reference["literacy"])
    from council.projects.services.index import project_refresh

    project_refresh(project=project)
    onsite = make_opportunity(project, title_en="River warden")
    online = make_opportunity(project, title_en="Online mentor", is_online=True, shifts=0)
    response = client.get(f"/projects/{project.pk}/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Volga–Irtysh exchange" in page and "Side by side" in page
    assert "Astana Volunteer Centre" in page and "Moscow Volunteer Centre" in page
    assert '<span class="badge country">Kazakhstan</span>' in page
    assert '<span class="badge country">Russia</span>' in page
    assert "Kazakhstan" in page and "Russia" in page and "Joint project" in page
    assert "Environment" in page
    assert "Goal 14: Life below water" in page and '<span class="swatch sdg-14"' in page
    assert "14.1 Reduce marine pollution" in page and "4.6 Literacy and numeracy" in page
    assert page.index("Goal 4:") < page.index("Goal 14:")
    assert f'href="/opportunities/{onsite.pk}/"' in page
    assert f'href="/opportunities/{online.pk}/"' in page and "Online" in page
    assert "Manage this project" not in page


def test_the_project_page_is_cheap(client, org, django_assert_max_num_queries) -> None:
    project = make_project(org)
    for number in range(10):
        make_opportunity(project, title_en=f"Role {number}")
    with django_assert_max_num_queries(8):
        response = client.get(f"/projects/{project.pk}/")
        assert response.status_code == 200
    page = response.content.decode()
    assert "Clean shores" in page
    assert all(f"Role {number}" in page for number in range(10))


def test_organisers_see_a_link_to_manage(client, org_admin, org) -> None:
    project = make_project(org)
    client.force_login(org_admin)
    page = client.get(f"/projects/{project.pk}/").content.decode()
    assert f"/projects/{project.pk}/manage/" in page


def test_my_list_shows_my_organisations_projects(
    client, org_admin, org, ru_partner, django_assert_max_num_queries
) -> None:
    for number in range(5):
        make_project(org, title_en=f"Ours {number}", status="draft")
    other = make_org("Other centre", org.country)
    make_project(other, title_en="Not ours")
    partnered = make_project(ru_partner, title_en="Partnered")
    partnered.partners.add(org)
    partnered_draft = make_project(ru_partner, title_en="Their draft", status="draft")
    partnered_draft.partners.add(org)
    client.force_login(org_admin)
    with django_assert_max_num_queries(9):
        response = client.get("/projects/mine/")
    page = response.content.decode()
    assert "Ours 4" in page and "Partnered" in page and "New project" in page
    assert "Not ours" not in page and "Their draft" not in page
    assert f"/projects/{partnered.pk}/manage/" not in page


def test_a_plain_member_sees_but_does_not_manage(client, org_member, org) -> None:
    project = make_project(org, title_en="Ours")
    client.force_login(org_member)
    page = client.get("/projects/mine/").content.decode()
    assert "Ours" in page and "New project" not in page
    assert f"/projects/{project.pk}/manage/" not in page


def test_the_manage_page_counts_seats(client, org_admin, org, volunteer) -> None:
    from council.projects.services.applications import application_submit
    from council.projects.tests.conftest import adult

    project = make_project(org)
    opportunity = make_opportunity(project, shifts=2, capacity=3, title_en="Warden")
    application_submit(
        volunteer=adult(volunteer), opportunity=opportunity, shift=opportunity.shifts.first()
    )
    client.force_login(org_admin)
    page = client.get(f"/projects/{project.pk}/manage/").content.decode()
    assert "Warden" in page and "1 / 6" in page
