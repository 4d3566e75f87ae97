"""Milestones: 10, 50, 100 and 500 verified hours (the day each was reached), a first forum
attended, a first cross-border project; on the profile page, in the record book and its
signed JSON, in a fixed number of queries."""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext

from council.forums.models import Quota, QuotaKind, Registration, RegistrationStatus
from council.forums.tests.conftest import make_forum
from council.hours.services.entries import hours_log, hours_verify
from council.hours.tests.test_check_in import signed_in
from council.volunteers.milestones import milestones_for


def _worked(volunteer: Any, project: Any, verifier: Any, days: list[tuple[date, str]]) -> None:
    for day, hours in days:
        entry = hours_log(
            volunteer=volunteer, project=project, day=day, hours=hours, description="Relay"
        )
        hours_verify(actor=verifier, entry=entry)


def test_hours_milestones_fall_on_the_day_the_total_reached_them(
    volunteer: Any, org_admin: Any, place: Any, project: Any
) -> None:
    days = [(date(2026, 1, 1) + timedelta(days=n), "8") for n in range(14)]
    _worked(volunteer, project, org_admin, days)
    # Submitted and paid-time hours do not count.
    hours_log(
        volunteer=volunteer, project=project, day=date(2026, 2, 1), hours="9", description="x"
    )
    found = {milestone.key: milestone.achieved_on for milestone in milestones_for(user=volunteer)}
    # 8 + 8 = 16 ≥ 10 on the second day; 56 ≥ 50 on the seventh; 104 ≥ 100 on the 13th.
    assert found == {
        "hours_10": date(2026, 1, 2),
        "hours_50": date(2026, 1, 7),
        "hours_100": date(2026, 1, 13),
    }


def test_no_cross_border_at_home_but_a_joint_project_is_one(
    volunteer: Any, org_admin: Any, place: Any, project: Any
) -> None:
    _worked(volunteer, project, org_admin, [(date(2026, 3, 11), "3")])
    assert [m.key for m in milestones_for(user=volunteer)] == []
    project.countries = ["KZ", "RU"]
    project.save(update_fields=["countries"])
    [milestone] = milestones_for(user=volunteer)
    assert milestone.key == "first_cross_border"
    assert milestone.detail == "Astana Marathon first aid"
    assert milestone.achieved_on == date(2026, 3, 11)


def test_a_volunteer_from_abroad_crosses_a_border(
    outsider: Any, org_admin: Any, project: Any, past_shift: Any
) -> None:
    from council.hours.tests.conftest import confirm

    confirm(outsider, past_shift)
    _worked(outsider, project, org_admin, [(date(2026, 3, 11), "2")])
    assert [m.key for m in milestones_for(user=outsider)] == ["first_cross_border"]


def test_the_first_forum_attended(volunteer: Any, org: Any, astana: Any) -> None:
    future = make_forum(org, astana, title_en="Forum to come")
    quota = Quota.objects.create(forum=future, kind=QuotaKind.OPEN, name="Open", size=5)
    Registration.objects.create(
        forum=future, quota=quota, person=volunteer, status=RegistrationStatus.CONFIRMED
    )
    assert milestones_for(user=volunteer) == []
    past = make_forum(org, astana, title_en="Astana Volunteer Forum 2026")
    past.starts_on, past.ends_on = date(2026, 5, 20), date(2026, 5, 22)
    past.save(update_fields=["starts_on", "ends_on"])
    other = Quota.objects.create(forum=past, kind=QuotaKind.OPEN, name="Open", size=5)
    Registration.objects.create(
        forum=past, quota=other, person=volunteer, status=RegistrationStatus.CONFIRMED
    )
    [milestone] = milestones_for(user=volunteer)
    assert (milestone.key, milestone.detail) == ("first_forum", "Astana Volunteer Forum 2026")
    assert milestone.achieved_on == date(2026, 5, 20)


def test_milestones_on_the_profile_and_in_the_record_book(
    volunteer: Any, org_admin: Any, place: Any, project: Any
) -> None:
    _worked(volunteer, project, org_admin, [(date(2026, 3, 10), "6"), (date(2026, 3, 11), "6")])
    client = signed_in(volunteer)
    profile = client.get("/volunteer/").content.decode()
    assert "10 verified hours" in profile
    book = client.get("/hours/record-book/").content.decode()
    assert "10 verified hours" in book
    document = json.loads(client.get("/hours/record-book.json").content)["record_book"]
    assert document["milestones"] == [
        {"key": "hours_10", "achieved_on": "2026-03-11", "detail": ""}
    ]
    assert document["totals"]["volunteer_work_hours"] == "12.00"


def test_milestones_read_a_fixed_number_of_queries(
    volunteer: Any, org_admin: Any, place: Any, project: Any
) -> None:
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            milestones_for(user=volunteer)
        return len(queries)

    _worked(volunteer, project, org_admin, [(date(2026, 1, 1), "1")])
    few = count()
    _worked(
        volunteer,
        project,
        org_admin,
        [(date(2026, 1, 2) + timedelta(days=n), "2.5") for n in range(20)],
    )
    assert count() == few
    assert {m.key for m in milestones_for(user=volunteer)} == {"hours_10", "hours_50"}
