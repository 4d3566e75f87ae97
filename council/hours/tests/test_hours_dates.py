"""The day of logged hours is plausible: not before 2000, not before the volunteer was born,
not in the future — on the page, over the API and in the service."""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from council.api.tests.conftest import assert_problem, fields_of
from council.api.tests.test_api_applications import key_for
from council.hours.models import HoursEntry
from council.hours.tests.conftest import log_form
from council.hours.tests.test_check_in import signed_in
from council.hours.tests.test_hours_entries import log
from council.volunteers.models import VolunteerProfile


def born(volunteer: Any, on: date) -> None:
    VolunteerProfile.objects.update_or_create(user=volunteer, defaults={"date_of_birth": on})


@pytest.mark.parametrize("day", [date(1, 1, 1), date(1999, 12, 31)])
def test_hours_before_2000_are_refused(volunteer: Any, place: Any, project: Any, day: date) -> None:
    with pytest.raises(ValidationError) as caught:
        log(volunteer, project, day=day)
    assert list(caught.value.message_dict) == ["day"]
    assert caught.value.message_dict["day"][0].startswith("Enter a date between 2000-01-01 and")
    assert not HoursEntry.objects.exists()


def test_hours_before_the_volunteers_birth_are_refused(
    volunteer: Any, place: Any, project: Any
) -> None:
    born(volunteer, date(2010, 6, 1))
    with pytest.raises(ValidationError) as caught:
        log(volunteer, project, day=date(2010, 5, 31))
    assert caught.value.message_dict == {
        "day": ["Hours cannot be dated before your date of birth (2010-06-01)."]
    }
    assert log(volunteer, project, day=date(2026, 3, 12)).date == date(2026, 3, 12)


def test_the_log_form_names_the_day(volunteer: Any, place: Any, project: Any) -> None:
    client = signed_in(volunteer)
    for day in ("0001-01-01", (timezone.localdate() + timedelta(days=3)).isoformat()):
        answer = client.post("/hours/log/", log_form(project, day=day))
        assert answer.status_code == 400
        assert list(answer.context["form"].errors) == ["day"], answer.context["form"].errors
        assert 'id="id_day_error"' in answer.content.decode()
    assert not HoursEntry.objects.exists()


def test_the_log_form_says_it_in_russian(volunteer: Any, place: Any, project: Any) -> None:
    client = signed_in(volunteer)
    client.cookies["django_language"] = "ru"
    answer = client.post(
        "/hours/log/", log_form(project, day="0001-01-01", description="Перевязки")
    )
    error = answer.context["form"].errors["day"][0]
    assert "2000-01-01" in error and "Enter a date" not in error
    assert not HoursEntry.objects.exists()


@pytest.mark.parametrize(
    "day",
    ["0001-01-01", "1999-12-31", "9999-12-31", (date.today() + timedelta(days=3)).isoformat()],
)
def test_the_api_names_the_date(
    client: Any, volunteer: Any, place: Any, project: Any, day: str
) -> None:
    response = client.post(
        "/api/v1/hours",
        json.dumps({"project": project.pk, "date": day, "hours": "2", "description": "Desk"}),
        content_type="application/json",
        headers={"Authorization": f"Bearer {key_for(volunteer)}"},
    )
    problem = assert_problem(response, 422)
    assert fields_of(problem) == {"date"}, problem
    assert not HoursEntry.objects.exists()
