"""The admin of projects, opportunities, shifts, applications and calendar feeds."""

from datetime import timedelta

import pytest

from council.accounts.models import User
from council.projects.models import Application, CalendarFeed, Opportunity
from council.projects.services.applications import application_submit
from council.projects.tests.conftest import adult, make_opportunity, make_project

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser(db):
    return User.objects.create_superuser(email="root@example.org", password="x")


@pytest.fixture
def booked(org, ru_partner, volunteer):
    project = make_project(org)
    project.partners.add(ru_partner)
    opportunity = make_opportunity(project, is_online=True)
    application_submit(
        volunteer=adult(volunteer), opportunity=opportunity, shift=opportunity.shifts.get()
    )
    CalendarFeed.objects.create(user=volunteer)
    return opportunity


def test_every_page_opens(client, superuser, booked, django_assert_max_num_queries) -> None:
    client.force_login(superuser)
    application = Application.objects.get()
    shift = booked.shifts.get()
    feed = CalendarFeed.objects.get()
    for model, pk in (
        ("project", booked.project_id),
        ("opportunity", booked.pk),
        ("shift", shift.pk),
        ("application", application.pk),
        ("calendarfeed", feed.pk),
    ):
        with django_assert_max_num_queries(12):
            response = client.get(f"/admin/projects/{model}/")
        assert response.status_code == 200, model
        assert client.get(f"/admin/projects/{model}/{pk}/change/").status_code == 200, model
    page = client.get(f"/admin/projects/project/{booked.project_id}/change/").content.decode()
    assert "Beach clean-up volunteer" in page  # the inline opportunity
    assert "title_kk" in page and "Moscow Volunteer Centre" in page


def test_applications_are_read_only(client, superuser, booked) -> None:
    client.force_login(superuser)
    application = Application.objects.get()
    assert client.get("/admin/projects/application/add/").status_code == 403
    client.post(f"/admin/projects/application/{application.pk}/change/", {"status": "rejected"})
    application.refresh_from_db()
    assert application.status == "confirmed"
    assert client.get(f"/admin/projects/application/{application.pk}/delete/").status_code == 403


def test_a_shift_saved_in_the_admin_refreshes_the_search_fields(client, superuser, booked) -> None:
    client.force_login(superuser)
    shift = booked.shifts.get()
    later_start = shift.start + timedelta(days=365)
    later_end = shift.end + timedelta(days=365)
    response = client.post(
        f"/admin/projects/shift/{shift.pk}/change/",
        {
            "opportunity": booked.pk,
            "start_0": later_start.strftime("%Y-%m-%d"),
            "start_1": later_start.strftime("%H:%M:%S"),
            "end_0": later_end.strftime("%Y-%m-%d"),
            "end_1": later_end.strftime("%H:%M:%S"),
            "capacity": "10",
        },
    )
    assert response.status_code == 302
    assert Opportunity.objects.get(pk=booked.pk).first_start == later_start


def test_shifts_deleted_together_in_the_admin_refresh_the_search_fields(
    client, superuser, booked
) -> None:
    client.force_login(superuser)
    free = make_opportunity(booked.project, shifts=2)
    assert free.last_end is not None
    response = client.post(
        "/admin/projects/shift/",
        {
            "action": "delete_selected",
            "_selected_action": list(free.shifts.values_list("pk", flat=True)),
            "post": "yes",
        },
    )
    assert response.status_code == 302
    free = Opportunity.objects.get(pk=free.pk)
    assert free.first_start is None and free.last_end is None and not free.has_ended
