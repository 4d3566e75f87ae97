"""The incrementally maintained aggregates equal a full recount from the entries, whatever
sequence of verify, reject, dispute and delete came before."""

from __future__ import annotations

import random
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from council.audit.models import AuditEvent
from council.conftest import make_user, speaking
from council.hours.models import EntryStatus, HoursEntry, VolunteerCount
from council.hours.services.entries import (
    hours_bulk_verify,
    hours_delete,
    hours_dispute,
    hours_log_for_shift,
    hours_reject,
    hours_verify,
)
from council.hours.services.rollups import rollup_rows, rollups_rebuild
from council.hours.tests.conftest import volunteer_entry
from council.projects.tests.conftest import make_project
from council.reference.models import Cause, Region, SdgGoal, SdgTarget
from council.volunteers.models import VolunteerProfile


@pytest.fixture
def world(
    org: Any, org_admin: Any, kazakhstan: Any, project: Any, opportunity: Any, health_target: Any
) -> dict[str, Any]:
    """Two projects with different causes and SDG targets, regions, and eight volunteers of
    different ages (one without a date of birth)."""
    region = Region.objects.create(country=kazakhstan, name_en="Akmola", geonames_admin1="03")
    education, _ = SdgGoal.objects.update_or_create(
        number=4, defaults={"short_name_en": "Quality education", "colour": "#C5192D"}
    )
    literacy, _ = SdgTarget.objects.update_or_create(
        code="4.6", defaults={"goal": education, "position": 6, "title_en": "Literacy"}
    )
    skills, _ = SdgTarget.objects.update_or_create(
        code="4.4", defaults={"goal": education, "position": 4, "title_en": "Skills"}
    )
    health, _ = Cause.objects.update_or_create(slug="health", defaults={"name_en": "Health"})
    children, _ = Cause.objects.update_or_create(slug="children", defaults={"name_en": "Children"})
    org.region = region
    org.save(update_fields=["region"])
    project.causes.set([health])
    school = make_project(org, title_en="Reading club")
    school.causes.set([children, health])
    school.sdg_targets.set([literacy, skills, health_target])
    births = [date(2015, 6, 1), date(2010, 1, 1), date(1990, 5, 5), date(1960, 2, 2), None]
    people = []
    for number in range(8):
        person = make_user(f"person{number}@example.org", kazakhstan)
        birth = births[number % len(births)]
        VolunteerProfile.objects.create(user=person, date_of_birth=birth)
        people.append(person)
    return {"projects": [project, school], "people": people, "admin": org_admin}


def _log(world: dict[str, Any], rng: random.Random) -> HoursEntry:
    project = rng.choice(world["projects"])
    day = date(rng.choice([2025, 2026]), rng.randint(1, 12), rng.randint(1, 28))
    day = min(day, timezone.localdate())  # hours are not logged for days still to come
    return volunteer_entry(
        rng.choice(world["people"]),
        project,
        day,
        Decimal(rng.randint(1, 40)) / 4,
        "work",
        during_paid_work=rng.random() < 0.2,
    )


def _step(world: dict[str, Any], rng: random.Random) -> None:
    admin = world["admin"]
    entries = list(HoursEntry.objects.order_by("pk"))
    action = rng.choice(["log", "verify", "verify", "reject", "dispute", "delete", "bulk"])
    if action == "log" or not entries:
        _log(world, rng)
        return
    entry = rng.choice(entries)
    try:
        if action == "verify":
            hours_verify(actor=admin, entry=entry)
        elif action == "reject":
            hours_reject(actor=admin, entry=entry, reason="Not on the list")
        elif action == "dispute":
            hours_dispute(volunteer=entry.volunteer, entry=entry, text="I was there")
        elif action == "delete":
            hours_delete(actor=admin, entry=entry)
        else:
            pks = [e.pk for e in rng.sample(entries, min(4, len(entries)))]
            hours_bulk_verify(actor=admin, organisation_id=entry.organisation_id, pks=pks)
    except ValidationError:
        pass  # not allowed in the entry's state: nothing changed


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_aggregates_equal_a_recount_after_random_changes(world: dict[str, Any], seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(25):
        _log(world, rng)
    for _ in range(120):
        _step(world, rng)
    verified = HoursEntry.objects.filter(status=EntryStatus.VERIFIED)
    assert verified.exists() and HoursEntry.objects.exclude(status=EntryStatus.VERIFIED).exists()
    maintained = rollup_rows()
    rollups_rebuild()
    assert rollup_rows() == maintained
    assert maintained["counts"]  # the test would be empty otherwise


def test_counts_follow_one_person_in_and_out(world: dict[str, Any]) -> None:
    """A person counts once for the year however many entries; leaves when the last goes."""
    admin = world["admin"]
    person = world["people"][2]  # born 1990: adult
    school = world["projects"][1]

    def entry(day: date) -> HoursEntry:
        return volunteer_entry(person, school, day, Decimal("2"), "Read with children")

    def count(kind: str, key: str = "", period: str = "Y", region: int = 0) -> int:
        row = VolunteerCount.objects.filter(
            period=period,
            start=date(2026, 1, 1) if period == "Y" else date(2026, 3, 1),
            country="KZ",
            region=region,
            kind=kind,
            key=key,
        ).first()
        return row.volunteers if row else 0

    first, second = entry(date(2026, 3, 2)), entry(date(2026, 3, 9))
    hours_verify(actor=admin, entry=first)
    hours_verify(actor=admin, entry=second)
    assert (
        count("all"),
        count("goal", "4"),
        count("target", "4.6"),
        count("cause", "children"),
    ) == (1, 1, 1, 1)
    assert count("age", "adult") == 1
    assert count("all", period="M") == 1
    # The same person in the project's region, and in the pairs of cause, goal and age band.
    region = first.region_id
    assert region
    assert (count("all", region=region), count("goal", "4", region=region)) == (1, 1)
    assert (
        count("cause_goal", "children|4"),
        count("cause_age", "children|adult"),
        count("goal_age", "4|adult", region=region),
    ) == (1, 1, 1)
    assert count("cause_goal_age", "children|4|adult", region=region) == 1
    assert count("target", "4.6", region=region) == 0  # targets: the whole country only
    hours_delete(actor=admin, entry=first)
    assert count("all") == 1
    hours_delete(actor=admin, entry=second)
    assert count("all") == 0
    assert count("goal", "4") == 0


def test_the_organiser_s_shift_log_counts_at_once(
    org_admin: Any, volunteer: Any, past_shift: Any, place: Any
) -> None:
    hours_log_for_shift(actor=org_admin, shift=past_shift, description="Marathon")
    row = VolunteerCount.objects.get(
        period="Y", start=date(2026, 1, 1), kind="all", country="KZ", region=0
    )
    assert row.volunteers == 1
    assert rollup_rows() == (rollups_rebuild() and rollup_rows())


def test_a_volunteer_deletes_only_unverified_hours(world: dict[str, Any]) -> None:
    person = world["people"][0]
    entry = volunteer_entry(
        person, world["projects"][0], date(2026, 3, 2), Decimal("2"), "Bandages", actor=person
    )
    hours_verify(actor=world["admin"], entry=entry)
    with pytest.raises(ValidationError) as caught:
        hours_delete(actor=person, entry=entry)
    assert caught.value.messages == ["Verified hours can only be removed by the organisation."]
    mine = volunteer_entry(
        person,
        world["projects"][0],
        date(2026, 3, 3),
        Decimal("1"),
        "Logged twice by mistake",
        actor=person,
    )
    hours_delete(actor=person, entry=mine)
    assert not HoursEntry.objects.filter(pk=mine.pk).exists()


def test_deleting_on_the_pages_and_the_api(
    client: Any, world: dict[str, Any], outsider: Any
) -> None:
    person = world["people"][1]
    speaking(person, "en")

    def entry() -> HoursEntry:
        return volunteer_entry(
            person, world["projects"][0], date(2026, 3, 4), Decimal("1"), "Twice", actor=person
        )

    first, second, third = entry(), entry(), entry()
    client.force_login(outsider)
    assert client.post(f"/hours/entries/{first.pk}/delete/").status_code == 404
    assert client.delete(f"/api/v1/hours/{first.pk}").status_code == 404
    client.force_login(person)
    page = client.get("/hours/")
    assert f'action="/hours/entries/{first.pk}/delete/"' in page.content.decode()
    response = client.post(f"/hours/entries/{first.pk}/delete/", follow=True)
    assert "The entry is deleted." in response.content.decode()
    assert client.delete(f"/api/v1/hours/{second.pk}").status_code == 204
    client.force_login(world["admin"])
    response = client.post(f"/hours/entries/{third.pk}/delete/")
    assert response.status_code == 302
    assert response["Location"] == f"/hours/orgs/{third.organisation_id}/"
    assert not HoursEntry.objects.filter(pk__in=[first.pk, second.pk, third.pk]).exists()
    assert AuditEvent.objects.filter(action="hours.deleted").count() == 3
