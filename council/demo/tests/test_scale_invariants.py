"""The `--scale` path writes in bulk, past the services, on purpose (speed). This module checks
that what it writes, together with the small demo written through the services, still
satisfies what the services keep: the maintained aggregates equal a rebuild, no seat pool or
forum quota is over capacity, decisions have a decider, the denormalised fields are what the
services would write. A small scale keeps it to seconds."""

from __future__ import annotations

from collections.abc import Iterator
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.db.models import Count, Q, Sum

from council.demo.tests.helpers import DENORMALISED_FIELDS, kept_for_module
from council.forums.models import Forum, Quota
from council.forums.services.registrations import quota_availability
from council.hours.models import EntryStatus, HoursEntry
from council.hours.services.rollups import rollup_rows, rollups_rebuild
from council.orgs.models import OrganisationStatus
from council.projects.models import (
    LIVE_STATUSES,
    Application,
    ApplicationMode,
    ApplicationStatus,
    Opportunity,
    Project,
    ProjectStatus,
    Shift,
)
from council.projects.services.index import opportunity_refresh

pytestmark = pytest.mark.django_db

N = 150  # 3 organisations, 6 projects, 30 opportunities
SCALE = "@scale.example"
DENORMALISED = (*DENORMALISED_FIELDS, "has_ended")


@pytest.fixture(scope="module")
def scaled(django_db_setup: None, django_db_blocker: Any) -> Iterator[None]:
    with kept_for_module(django_db_blocker):
        call_command("seed_demo", scale=N, stdout=StringIO())
        yield


def test_the_scale_data_is_there(scaled: None) -> None:
    assert Project.objects.filter(owner__email__endswith=SCALE).count() == N // 25
    assert Application.objects.filter(volunteer__email__endswith=SCALE).exists()
    assert HoursEntry.objects.filter(status=EntryStatus.VERIFIED).exists()


def test_the_maintained_hours_aggregates_equal_a_rebuild(scaled: None) -> None:
    maintained = rollup_rows()
    assert maintained["totals"] and maintained["counts"]
    rollups_rebuild()
    assert rollup_rows() == maintained


def test_every_decided_hours_entry_has_a_decider_other_than_the_volunteer(scaled: None) -> None:
    decided = HoursEntry.objects.filter(
        status__in=(EntryStatus.VERIFIED, EntryStatus.REJECTED)
    ).values_list("volunteer_id", "decided_by_id", "decided_at", "status", "value")
    assert decided
    for volunteer_id, decided_by_id, decided_at, status, value in decided:
        assert decided_by_id is not None and decided_by_id != volunteer_id
        assert decided_at is not None
        if status == EntryStatus.VERIFIED:
            assert value is not None


def test_no_seat_pool_over_capacity_and_a_waiting_list_only_when_full(scaled: None) -> None:
    confirmed = Count("applications", filter=Q(applications__status=ApplicationStatus.CONFIRMED))
    waiting = Count("applications", filter=Q(applications__status=ApplicationStatus.WAITLISTED))
    shifts = Shift.objects.annotate(confirmed=confirmed, waiting=waiting)
    assert shifts
    for shift in shifts:
        assert shift.confirmed <= shift.capacity, shift.pk
        assert not shift.waiting or shift.confirmed == shift.capacity, shift.pk
    pools = Opportunity.objects.filter(shifts__isnull=True, capacity__gt=0).annotate(
        confirmed=Count(
            "applications",
            filter=Q(
                applications__status=ApplicationStatus.CONFIRMED,
                applications__shift__isnull=True,
            ),
        )
    )
    for opportunity in pools:
        assert opportunity.confirmed <= opportunity.capacity, opportunity.pk


def test_no_volunteer_twice_in_a_seat_pool(scaled: None) -> None:
    twice = (
        Application.objects.filter(status__in=LIVE_STATUSES)
        .values("volunteer_id", "opportunity_id", "shift_id")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
    )
    assert not twice.exists()


def test_decisions_and_statuses_are_as_the_services_make_them(scaled: None) -> None:
    applications = Application.objects.select_related("opportunity__project__owner")
    for application in applications:
        project = application.opportunity.project
        assert project.status in (ProjectStatus.PUBLISHED, ProjectStatus.COMPLETED)
        if application.status == ApplicationStatus.PENDING:
            assert application.decided_at is None and application.decided_by_id is None
        elif application.status in (ApplicationStatus.CONFIRMED, ApplicationStatus.REJECTED):
            assert application.decided_at is not None
            if application.opportunity.application_mode == ApplicationMode.REVIEW:
                assert application.decided_by_id is not None
    unverified = Project.objects.exclude(owner__status=OrganisationStatus.VERIFIED)
    assert not unverified.exclude(status=ProjectStatus.DRAFT).exists()


def test_projects_and_opportunities_carry_what_the_services_write(scaled: None) -> None:
    for project in Project.objects.select_related("owner").prefetch_related("partners"):
        countries = {project.owner.country_id, *(p.country_id for p in project.partners.all())}
        assert sorted(project.countries) == sorted(countries), project.pk
    opportunities = Opportunity.objects.select_related("project__owner", "city")
    for opportunity in opportunities.filter(project__owner__email__endswith=SCALE):
        before = {name: getattr(opportunity, name) for name in DENORMALISED}
        after = opportunity_refresh(opportunity=opportunity)
        assert before == {name: getattr(after, name) for name in DENORMALISED}, opportunity.pk
        if opportunity.city is not None:
            assert opportunity.city.country_id in opportunity.project.countries


def test_no_forum_quota_over_capacity(scaled: None) -> None:
    forums = Forum.objects.annotate(seats=Sum("quotas__size"))
    assert forums
    for forum in forums:
        assert (forum.seats or 0) <= forum.capacity, forum.pk
    for quota in Quota.objects.select_related("forum"):
        availability = quota_availability(quota=quota)
        assert quota.size is None or availability.taken <= quota.size, quota.pk
