"""The API of series of shifts: add, read, change this and following, cancel, sign up."""

from __future__ import annotations

import json
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from council.api.tests.conftest import API, assert_problem, bearer, fields_of, key_for, post
from council.projects.models import Application, Shift, ShiftSeries
from council.projects.tests.conftest import adult, make_opportunity, make_project

pytestmark = pytest.mark.django_db


@pytest.fixture
def opportunity(org):
    return make_opportunity(make_project(org), shifts=0, timezone="Europe/Berlin")


def body(**fields):
    data = {
        "weekdays": [1, 3],
        "first_date": (timezone.localdate() + timedelta(days=7)).isoformat(),
        "count": 4,
        "start_time": "18:00",
        "end_time": "21:00",
        "capacity": 2,
    }
    data.update(fields)
    return data


def test_an_organiser_adds_changes_and_cancels_a_series(client, org_admin, opportunity) -> None:
    key = key_for(org_admin)
    response = post(client, f"/opportunities/{opportunity.pk}/series", body(), key)
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["rule"] == "FREQ=WEEKLY;COUNT=4;BYDAY=TU,TH"
    assert created["timezone"] == "Europe/Berlin" and len(created["shifts"]) == 4
    listed = client.get(f"{API}/opportunities/{opportunity.pk}/series").json()
    assert [one["id"] for one in listed] == [created["id"]]
    second = Shift.objects.get(pk=created["shifts"][1])
    day = second.start.astimezone(ZoneInfo("Europe/Berlin")).date().isoformat()
    response = client.patch(
        f"{API}/shifts/{second.pk}/following",
        json.dumps(body(first_date=day, start_time="17:00", end_time="19:00", count=3)),
        content_type="application/json",
        headers=bearer(key),
    )
    assert response.status_code == 200, response.content
    assert response.json()["start_time"] == "17:00:00" and len(response.json()["shifts"]) == 3
    assert ShiftSeries.objects.count() == 2
    response = client.delete(f"{API}/shifts/{second.pk}/following", headers=bearer(key))
    assert response.status_code == 204
    assert Shift.objects.count() == 1


def test_bad_input_names_the_field(client, org_admin, opportunity) -> None:
    key = key_for(org_admin)
    response = post(
        client, f"/opportunities/{opportunity.pk}/series", body(rule="FREQ=HOURLY;COUNT=2"), key
    )
    assert "rule" in fields_of(assert_problem(response, 422))
    response = post(client, f"/opportunities/{opportunity.pk}/series", body(count=None), key)
    assert "until" in fields_of(assert_problem(response, 422))
    assert not Shift.objects.exists()


def test_a_volunteer_signs_up_for_the_series(client, org_admin, volunteer, opportunity) -> None:
    created = post(
        client, f"/opportunities/{opportunity.pk}/series", body(), key_for(org_admin)
    ).json()
    response = post(
        client,
        f"/opportunities/{opportunity.pk}/series/applications",
        {"series": created["id"]},
        key_for(adult(volunteer)),
    )
    assert response.status_code == 201, response.content
    result = response.json()
    assert [one["status"] for one in result["applications"]] == ["confirmed"] * 4
    assert result["skipped"] == []
    assert Application.objects.filter(volunteer=volunteer).count() == 4
