"""The last-seat race, on PostgreSQL with real threads and connections."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections

from council.accounts.models import User
from council.projects.models import Application, ApplicationStatus
from council.projects.services.applications import application_submit, application_withdraw
from council.projects.tests.conftest import adult, make_opportunity, make_project

THREADS = 100
SEATS = 10


@pytest.fixture
def postgres_only(transactional_db) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("row locks under real concurrency are tested on PostgreSQL")


def test_a_rush_of_100_never_overbooks_and_withdrawals_promote_in_order(postgres_only, org) -> None:
    rush_for_the_last_seats(org)


def rush_for_the_last_seats(org) -> None:
    """100 volunteers apply at once for 10 seats: 10 confirmed, 90 waitlisted; three
    withdrawals promote the first three waiting. (Also run through PgBouncer: tests/topology.)"""
    opportunity = make_opportunity(make_project(org), capacity=SEATS)
    shift = opportunity.shifts.get()
    volunteers = [
        adult(User.objects.create_user(email=f"rush{n:03}@example.org", password="x"))
        for n in range(THREADS)
    ]
    barrier = threading.Barrier(THREADS)
    errors: list[BaseException] = []

    def apply(volunteer: User) -> None:
        try:
            barrier.wait()
            application_submit(volunteer=volunteer, opportunity=opportunity, shift=shift)
        except BaseException as error:
            errors.append(error)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        list(pool.map(apply, volunteers))

    assert errors == []
    statuses = Application.objects.filter(shift=shift)
    assert statuses.filter(status=ApplicationStatus.CONFIRMED).count() == SEATS
    assert statuses.filter(status=ApplicationStatus.WAITLISTED).count() == THREADS - SEATS

    waiting = list(
        statuses.filter(status=ApplicationStatus.WAITLISTED).order_by("created_at", "pk")
    )
    leaving = list(statuses.filter(status=ApplicationStatus.CONFIRMED)[:3])
    for application in leaving:
        application_withdraw(volunteer=application.volunteer, application=application)

    confirmed = set(
        statuses.filter(status=ApplicationStatus.CONFIRMED).values_list("pk", flat=True)
    )
    assert len(confirmed) == SEATS
    assert {a.pk for a in waiting[:3]} <= confirmed
    assert not {a.pk for a in waiting[3:]} & confirmed
