"""A volunteer signs up for the whole series: confirmed or waitlisted per shift, a clash
skipped, all in one transaction."""

from __future__ import annotations

from datetime import time, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from council.audit.models import AuditEvent
from council.conftest import make_user
from council.projects.models import Application, ApplicationStatus, Shift
from council.projects.services.applications import application_submit
from council.projects.services.series import series_create
from council.projects.services.series_sign_up import series_sign_up
from council.projects.tests.conftest import adult, make_opportunity, make_project

pytestmark = pytest.mark.django_db


@pytest.fixture
def series(org, org_admin):
    opportunity = make_opportunity(make_project(org), shifts=0, timezone="Asia/Almaty", min_age=16)
    return series_create(
        actor=org_admin,
        opportunity=opportunity,
        rule="FREQ=WEEKLY;BYDAY=TU;COUNT=3",
        first_date=timezone.localdate() + timedelta(days=7),
        start_time=time(18),
        end_time=time(21),
        capacity=1,
    )


def test_a_full_shift_is_waitlisted_and_a_clash_skipped(series, volunteer, kazakhstan) -> None:
    opportunity = series.opportunity
    first, second, third = series.shifts.order_by("start")
    other = adult(make_user("other@example.org", kazakhstan))
    application_submit(volunteer=other, opportunity=opportunity, shift=second)
    # The volunteer's confirmed shift elsewhere overlaps the third.
    elsewhere = make_opportunity(make_project(opportunity.project.owner), shifts=0)
    clash = Shift.objects.create(
        opportunity=elsewhere, start=third.start, end=third.end, capacity=5
    )
    application_submit(volunteer=adult(volunteer), opportunity=elsewhere, shift=clash)

    result = series_sign_up(volunteer=volunteer, opportunity=opportunity, series=series.pk)

    statuses = {one.shift_id: one.status for one in result.applications}
    assert statuses == {
        first.pk: ApplicationStatus.CONFIRMED,
        second.pk: ApplicationStatus.WAITLISTED,
    }
    assert [shift.pk for shift, _reason in result.skipped] == [third.pk]
    assert "already have a confirmed shift" in result.skipped[0][1]
    event = AuditEvent.objects.get(action="series.signed_up")
    assert event.data["skipped"] == [third.pk]


def test_nothing_is_written_when_no_shift_can_be_taken(series, volunteer) -> None:
    # No date of birth: every shift refuses for the same reason.
    with pytest.raises(ValidationError) as error:
        series_sign_up(volunteer=volunteer, opportunity=series.opportunity, series=series.pk)
    assert list(error.value.message_dict) == ["series"]
    assert not Application.objects.filter(volunteer=volunteer).exists()


def test_a_series_of_another_opportunity_is_refused(series, org, volunteer) -> None:
    other = make_opportunity(make_project(org), shifts=0)
    with pytest.raises(ValidationError) as error:
        series_sign_up(volunteer=adult(volunteer), opportunity=other, series=series.pk)
    assert "this opportunity's series" in error.value.message_dict["series"][0]
