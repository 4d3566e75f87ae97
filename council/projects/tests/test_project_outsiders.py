"""Every organiser page of projects, opportunities and shifts: anonymous → login, outsider →
404, plain member → 403, and nothing changes."""

from typing import Any

import pytest

from council.projects.models import Project, Shift
from council.projects.tests.conftest import make_opportunity, make_project

pytestmark = pytest.mark.django_db


@pytest.fixture
def urls(org):
    project = make_project(org, status="draft")
    opportunity = make_opportunity(project)
    shift = opportunity.shifts.get()
    return {
        "get": [
            f"/projects/{project.pk}/manage/",
            f"/projects/{project.pk}/edit/",
            f"/projects/{project.pk}/opportunities/new/",
            f"/opportunities/{opportunity.pk}/edit/",
            f"/opportunities/{opportunity.pk}/shifts/",
            f"/shifts/{shift.pk}/edit/",
        ],
        "post": [
            f"/projects/{project.pk}/edit/",
            f"/projects/{project.pk}/publish/",
            f"/projects/{project.pk}/complete/",
            f"/projects/{project.pk}/cancel/",
            f"/projects/{project.pk}/opportunities/new/",
            f"/opportunities/{opportunity.pk}/edit/",
            f"/opportunities/{opportunity.pk}/shifts/new/",
            f"/opportunities/{opportunity.pk}/shifts/series/",
            f"/shifts/{shift.pk}/edit/",
            f"/shifts/{shift.pk}/delete/",
        ],
        "project": project,
        "shift": shift,
    }


def assert_nothing_changed(urls) -> None:
    project = Project.objects.get(pk=urls["project"].pk)
    assert project.status == "draft" and project.title_en == "Clean shores"
    assert Shift.objects.filter(pk=urls["shift"].pk).exists()
    assert Shift.objects.count() == 1


def test_anonymous_is_sent_to_login(client, urls) -> None:
    for url in [*urls["get"], "/projects/mine/", "/projects/new/"]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url.startswith("/accounts/login/"), url
    for url in [*urls["post"], "/projects/new/"]:
        response = client.post(url, {"title_en": "Hacked"})
        assert response.status_code == 302 and response.url.startswith("/accounts/login/"), url
    assert_nothing_changed(urls)


def assert_organiser_pages_answer(client: Any, person: Any, urls: Any, status: int) -> None:
    """Every organiser page answers `status` to `person`, read or written to."""
    client.force_login(person)
    for url in urls["get"]:
        assert client.get(url).status_code == status, url
    for url in urls["post"]:
        assert client.post(url, {"title_en": "Hacked", "capacity": "1"}).status_code == status, url


def test_an_outsider_gets_404(client, outsider, urls) -> None:
    assert_organiser_pages_answer(client, outsider, urls, 404)
    # A draft is not public either.
    assert client.get(f"/projects/{urls['project'].pk}/").status_code == 404
    assert_nothing_changed(urls)


def test_an_outsider_without_organisations_may_not_create(client, outsider) -> None:
    client.force_login(outsider)
    assert client.get("/projects/new/").status_code == 403
    assert client.post("/projects/new/", {"title_en": "Mine"}).status_code == 403
    assert not Project.objects.exists()


def test_a_plain_member_gets_403_on_organiser_pages(client, org_member, urls) -> None:
    assert_organiser_pages_answer(client, org_member, urls, 403)
    assert client.get("/projects/new/").status_code == 403
    # A member reads the draft of their own organisation.
    assert client.get(f"/projects/{urls['project'].pk}/").status_code == 200
    assert_nothing_changed(urls)


def test_unknown_objects_are_404(client, org_admin) -> None:
    client.force_login(org_admin)
    for url in (
        "/projects/999999/",
        "/projects/999999/manage/",
        "/opportunities/999999/edit/",
        "/opportunities/999999/shifts/",
        "/shifts/999999/edit/",
    ):
        assert client.get(url).status_code == 404, url
    assert client.post("/shifts/999999/delete/").status_code == 404


def test_writes_refuse_get(client, org_admin, urls) -> None:
    client.force_login(org_admin)
    for url in urls["post"]:
        if url not in urls["get"]:
            assert client.get(url).status_code == 405, url
