"""Remote and local applicants rush the same seats: the owner node's seat lock decides, on
PostgreSQL with real threads and connections."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from django.db import connection, connections

from council.accounts.models import User
from council.federation.services.owner import handlers
from council.federation.tests.owner.conftest import apply_body, call, person_block
from council.projects.models import Application, ApplicationStatus
from council.projects.services.applications import application_submit
from council.projects.tests.conftest import adult, make_opportunity, make_project

EACH = 20
SEATS = 10


@pytest.fixture
def postgres_only(transactional_db: Any) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("row locks under real concurrency are tested on PostgreSQL")


def test_20_remote_and_20_local_applicants_for_10_seats(
    postgres_only: Any, peer: Any, first_aid: Any, ru_org: Any
) -> None:
    opportunity = make_opportunity(make_project(ru_org), capacity=SEATS)
    shift = opportunity.shifts.get()
    locals_ = [
        adult(User.objects.create_user(email=f"local{n:02}@example.org", password="x"))
        for n in range(EACH)
    ]
    bodies = [
        apply_body(opportunity, f"home-{n}", person=person_block(ref=f"psn_{n:032x}"))
        for n in range(EACH)
    ]
    barrier = threading.Barrier(2 * EACH)
    errors: list[BaseException] = []
    answers: list[dict[str, Any]] = []

    def run(job: Any) -> None:
        try:
            barrier.wait()
            if isinstance(job, User):
                application_submit(volunteer=job, opportunity=opportunity, shift=shift)
            else:
                answers.append(call(handlers.apply, peer, **job))
        except BaseException as error:
            errors.append(error)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=2 * EACH) as pool:
        list(pool.map(run, [*locals_, *bodies]))

    assert errors == []
    applications = Application.objects.filter(shift=shift)
    assert applications.count() == 2 * EACH
    assert applications.filter(status=ApplicationStatus.CONFIRMED).count() == SEATS
    assert applications.filter(status=ApplicationStatus.WAITLISTED).count() == 2 * EACH - SEATS
    assert len(answers) == EACH
    assert {answer["status"] for answer in answers} <= {"confirmed", "waitlisted"}
    remote_confirmed = applications.filter(
        status=ApplicationStatus.CONFIRMED, volunteer__home_node="kz"
    ).count()
    assert remote_confirmed == sum(answer["status"] == "confirmed" for answer in answers)
