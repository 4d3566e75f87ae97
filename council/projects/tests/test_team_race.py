"""Teams and single volunteers rushing for the same seats, on PostgreSQL with real threads
and connections: the pool is never overbooked and no team is split unless allowed."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections
from django.db.models import Sum

from council.accounts.models import User
from council.projects.models import Application, ApplicationStatus, Team
from council.projects.selectors.seats import free_seats
from council.projects.services.applications import application_submit
from council.projects.services.handovers import handover_accept, handover_offer
from council.projects.services.teams import team_submit
from council.projects.tests.conftest import adult, make_opportunity, make_project

SEATS = 120
TEAMS = 50
TEAM_SIZE = 4
SINGLES = 100


@pytest.fixture
def postgres_only(transactional_db) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("row locks under real concurrency are tested on PostgreSQL")


def _rush(opportunity, leaders: list[User], singles: list[User]) -> list[BaseException]:
    shift = opportunity.shifts.get()
    everyone = [(person, True) for person in leaders] + [(person, False) for person in singles]
    barrier = threading.Barrier(len(everyone))
    errors: list[BaseException] = []

    def go(entry: tuple[User, bool]) -> None:
        person, leads = entry
        try:
            barrier.wait()
            if leads:
                team_submit(
                    leader=person,
                    opportunity=opportunity,
                    shift=shift.pk,
                    name=f"Team of {person.email}",
                    kind="company",
                    size=TEAM_SIZE,
                )
            else:
                application_submit(volunteer=person, opportunity=opportunity, shift=shift.pk)
        except BaseException as error:
            errors.append(error)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=len(everyone)) as pool:
        list(pool.map(go, everyone))
    return errors


def _people(prefix: str, count: int) -> list[User]:
    return [
        adult(User.objects.create_user(email=f"{prefix}{n:03}@example.org", password="x"))
        for n in range(count)
    ]


def _taken(shift) -> int:
    singles = Application.objects.filter(shift=shift, status=ApplicationStatus.CONFIRMED).count()
    held = Team.objects.filter(shift=shift).aggregate(held=Sum("seats_held"))["held"] or 0
    return singles + held


@pytest.mark.parametrize("split", [False, True], ids=["whole-teams", "split-allowed"])
def test_50_teams_of_4_and_100_singles_for_120_seats(postgres_only, org, split) -> None:
    opportunity = make_opportunity(
        make_project(org), capacity=SEATS, team_max_size=TEAM_SIZE, team_split_allowed=split
    )
    shift = opportunity.shifts.get()
    errors = _rush(opportunity, _people("leader", TEAMS), _people("single", SINGLES))

    assert errors == []
    assert _taken(shift) == SEATS  # 300 seats asked for 120: every one taken, none more
    assert free_seats(opportunity=opportunity, shift=shift) == 0
    teams = list(Team.objects.filter(shift=shift))
    assert len(teams) == TEAMS
    given = [
        team.seats_held + team.members.filter(status=ApplicationStatus.CONFIRMED).count()
        for team in teams
    ]
    if not split:
        # All or none: a team has its 4 seats, or waits with none.
        assert set(given) <= {0, TEAM_SIZE}
        for team, seats in zip(teams, given, strict=True):
            assert team.status == ("confirmed" if seats else "waitlisted")
    else:
        # At most one team is split, the one that asked when fewer than 4 were free.
        assert sum(1 for seats in given if 0 < seats < TEAM_SIZE) <= 1
    singles = Application.objects.filter(shift=shift, team__isnull=True)
    assert singles.count() == SINGLES
    assert singles.exclude(status__in=["confirmed", "waitlisted"]).count() == 0


def test_swaps_under_a_rush_of_applications_never_move_the_seat_count(postgres_only, org) -> None:
    """10 confirmed volunteers hand their shift on to 10 colleagues while 30 others apply
    for the full shift, all at once: still 10 seats taken, the colleagues hold them, and
    the 30 wait."""
    opportunity = make_opportunity(make_project(org), capacity=10)
    shift = opportunity.shifts.get()
    givers = _people("giver", 10)
    offers = []
    for giver in givers:
        application = application_submit(volunteer=giver, opportunity=opportunity, shift=shift)
        colleague = adult(User.objects.create_user(email=f"colleague.{giver.email}", password="x"))
        offers.append(
            (
                colleague,
                handover_offer(volunteer=giver, application=application, email=colleague.email),
            )
        )
    applicants = _people("applicant", 30)
    barrier = threading.Barrier(len(offers) + len(applicants))
    errors: list[BaseException] = []

    def take(entry) -> None:
        colleague, handover = entry
        try:
            barrier.wait()
            handover_accept(volunteer=colleague, handover=handover)
        except BaseException as error:
            errors.append(error)
        finally:
            connections.close_all()

    def apply(person: User) -> None:
        try:
            barrier.wait()
            application_submit(volunteer=person, opportunity=opportunity, shift=shift.pk)
        except BaseException as error:
            errors.append(error)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=len(offers) + len(applicants)) as pool:
        futures = [pool.submit(take, entry) for entry in offers]
        futures += [pool.submit(apply, person) for person in applicants]
        for future in futures:
            future.result()

    assert errors == []
    confirmed = Application.objects.filter(shift=shift, status=ApplicationStatus.CONFIRMED)
    assert confirmed.count() == 10
    assert set(confirmed.values_list("volunteer__email", flat=True)) == {
        colleague.email for colleague, _handover in offers
    }
    assert Application.objects.filter(shift=shift, status="waitlisted").count() == 30
    assert Application.objects.filter(shift=shift, status="withdrawn").count() == 10
