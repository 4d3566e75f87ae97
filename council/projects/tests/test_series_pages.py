"""The organiser's series pages (add, change this and following, cancel) and the
volunteer's "Sign up for the whole series" on the opportunity page."""

from __future__ import annotations

from datetime import time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from council.conftest import make_member, make_org
from council.orgs.models import MembershipRole
from council.projects.models import Application, Shift, ShiftSeries
from council.projects.services.series import series_create
from council.projects.tests.conftest import adult, make_opportunity, make_project

pytestmark = pytest.mark.django_db


@pytest.fixture
def opportunity(org):
    return make_opportunity(make_project(org), shifts=0, timezone="Asia/Almaty")


@pytest.fixture
def series(opportunity, org_admin):
    return series_create(
        actor=org_admin,
        opportunity=opportunity,
        rule="FREQ=WEEKLY;BYDAY=TU,TH;COUNT=4",
        first_date=timezone.localdate() + timedelta(days=7),
        start_time=time(18),
        end_time=time(21),
        capacity=5,
    )


def form(**fields: str) -> dict[str, object]:
    data: dict[str, object] = {
        "series-first_date": (timezone.localdate() + timedelta(days=7)).isoformat(),
        "series-start_time": "18:00",
        "series-end_time": "21:00",
        "series-capacity": "4",
    }
    data.update({f"series-{name}": value for name, value in fields.items()})
    return data


def test_an_organiser_adds_recurring_shifts(client, org_admin, opportunity) -> None:
    client.force_login(org_admin)
    page = client.get(f"/opportunities/{opportunity.pk}/shifts/").content.decode()
    assert "Add recurring shifts" in page and "iCalendar RRULE" in page
    holiday = timezone.localdate() + timedelta(days=7)
    response = client.post(
        f"/opportunities/{opportunity.pk}/shifts/series/",
        form(weekdays=["1", "3"], count="6", exceptions=holiday.isoformat()),
    )
    assert response.status_code == 302
    series = ShiftSeries.objects.get()
    assert series.rule == "FREQ=WEEKLY;COUNT=6;BYDAY=TU,TH"
    zone = ZoneInfo("Asia/Almaty")
    starts = [s.start.astimezone(zone) for s in series.shifts.all()]
    assert {s.time() for s in starts} == {time(18)} and holiday not in {s.date() for s in starts}
    page = client.get(response.url).content.decode()
    assert "shifts have been added." in page and "Edit this and all following" in page


def test_a_bad_rule_is_shown_on_the_field(client, org_admin, opportunity) -> None:
    client.force_login(org_admin)
    response = client.post(
        f"/opportunities/{opportunity.pk}/shifts/series/", form(rule="FREQ=WEEKLY;BYDAY=TU")
    )
    assert response.status_code == 400
    assert "The rule must end" in response.context["series_form"].errors["rule"][0]
    response = client.post(f"/opportunities/{opportunity.pk}/shifts/series/", form())
    assert response.status_code == 400
    errors = response.context["series_form"].errors
    assert "Choose at least one day of the week." in errors["weekdays"]
    assert not Shift.objects.exists()


def test_this_and_following_are_changed_on_their_page(client, org_admin, series) -> None:
    third = series.shifts.order_by("start")[2]
    client.force_login(org_admin)
    page = client.get(f"/shifts/{third.pk}/following/").content.decode()
    assert "Change this and all following shifts" in page and series.rule in page
    data = {
        "first_date": third.start.astimezone(ZoneInfo("Asia/Almaty")).date().isoformat(),
        "start_time": "17:00",
        "end_time": "20:00",
        "capacity": "5",
        "rule": series.rule,
    }
    response = client.post(f"/shifts/{third.pk}/following/", data)
    assert response.status_code == 302
    assert ShiftSeries.objects.count() == 2
    local = [s.start.astimezone(ZoneInfo("Asia/Almaty")).hour for s in Shift.objects.all()]
    # The rule runs again from the third shift: four shifts at the new time.
    assert sorted(local) == [17, 17, 17, 17, 18, 18]
    response = client.post(f"/shifts/{third.pk}/following/cancel/")
    assert response.status_code == 302 and Shift.objects.count() == 2


def test_another_organisations_staff_get_404(client, series, russia) -> None:
    stranger_org = make_org("Other centre", russia)
    staff = make_member("staff@example.org", russia, stranger_org, MembershipRole.ADMIN, "Ivan")
    shift = series.shifts.first()
    client.force_login(staff)
    assert client.get(f"/shifts/{shift.pk}/following/").status_code == 404
    assert client.post(f"/shifts/{shift.pk}/following/cancel/").status_code == 404
    response = client.post(f"/opportunities/{series.opportunity_id}/shifts/series/", form())
    assert response.status_code == 404
    assert Shift.objects.count() == 4


def test_a_volunteer_signs_up_for_the_whole_series(client, series, volunteer) -> None:
    client.force_login(adult(volunteer))
    page = client.get(f"/opportunities/{series.opportunity_id}/").content.decode()
    assert "Sign up for the whole series" in page and "Recurring shifts: 4 shifts" in page
    response = client.post(
        f"/opportunities/{series.opportunity_id}/series/sign-up/", {"series": series.pk}
    )
    assert response.status_code == 302 and response.url == "/me/applications/"
    assert Application.objects.filter(volunteer=volunteer, status="confirmed").count() == 4
    page = client.get(response.url).content.decode()
    assert "You have applied for 4 shifts of the series" in page
