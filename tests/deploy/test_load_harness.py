"""`make load`'s harness (bench/load/harness.py) without running locust: the data it makes
(signed-in sessions, seats, a forum), the checks of the seats on a real database, the
reading of locust's CSV statistics and of the locustfile's record, failures set against the
failover windows, and the CPU read from /proc. The locustfile itself is never imported here
(locust's gevent patches the standard library)."""

from __future__ import annotations

import importlib.util
import json
import os
import sys
import time
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client

from council.accounts.models import User
from council.conftest import (  # noqa: F401 (fixtures)
    astana,
    kazakhstan,
    kz_coordinator,
    kz_network,
    org,
    org_admin,
    russia,
    secretariat,
)
from council.forums.models import Forum, Registration
from council.forums.services.registrations import registration_create
from council.projects.models import Application, ApplicationStatus, Opportunity
from council.projects.services.applications import application_submit

ROOT: Path = settings.BASE_DIR


def load_harness() -> ModuleType:
    path = ROOT / "bench" / "load" / "harness.py"
    spec = importlib.util.spec_from_file_location("load_harness", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["load_harness"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


harness = load_harness()


@pytest.fixture
def fixture(
    org_admin: User,  # noqa: F811
    secretariat: User,  # noqa: F811
    kz_coordinator: User,  # noqa: F811
    astana: Any,  # noqa: F811
) -> dict[str, Any]:
    data: dict[str, Any] = harness.fixture_make(
        people=3,
        opportunities=1,
        shifts=1,
        seats=1,
        forum_seats=1,
        organiser=org_admin.email,
        secretariat=secretariat.email,
        coordinator=kz_coordinator.email,
    )
    return data


def _seen(kind: str, person: int, target: int, seen: str) -> Any:
    return harness.Seen(kind=kind, person=person, target=target, seen=seen, at=time.time())


@pytest.mark.django_db
def test_the_load_volunteers_arrive_signed_in(fixture: dict[str, Any]) -> None:
    (person, session), *_ = fixture["people"]
    client = Client()
    client.cookies["sessionid"] = session
    response = client.get("/me/applications/")
    assert response.status_code == 200
    assert response.wsgi_request.user.pk == person
    organiser = Client()
    organiser.cookies["sessionid"] = fixture["organiser"]
    (opportunity,) = fixture["opportunities"]
    assert organiser.get(f"/opportunities/{opportunity}/applications/").status_code == 200
    assert json.loads(json.dumps(fixture)) == fixture  # what the locustfile reads


@pytest.mark.django_db
def test_the_seats_check_finds_nothing_wrong_after_real_applications(
    fixture: dict[str, Any],
) -> None:
    (opportunity_pk, (shift,)), *_ = fixture["opportunities"].items()
    opportunity = Opportunity.objects.select_related("project").get(pk=opportunity_pk)
    forum = Forum.objects.get(pk=fixture["forum"])
    first, second, _third = (User.objects.get(pk=pk) for pk, _session in fixture["people"])
    seen = []
    for person in (first, second):
        application = application_submit(volunteer=person, opportunity=opportunity, shift=shift)
        registration = registration_create(person=person, forum=forum)
        seen += [
            _seen("apply", person.pk, shift, application.status),
            _seen("register", person.pk, forum.pk, registration.status),
        ]
    assert [outcome.seen for outcome in seen] == [
        "confirmed",
        "confirmed",
        "waitlisted",
        "waitlisted",
    ]
    with connection.cursor() as cursor:
        problems, counts = harness.seat_problems(cursor, seen)
    assert problems == []
    assert counts == {
        "apply seen confirmed": 1,
        "apply seen waitlisted": 1,
        "register seen confirmed": 1,
        "register seen waitlisted": 1,
    }


@pytest.mark.django_db
def test_the_seats_check_reports_a_doubled_seat_and_a_lost_confirmation(
    fixture: dict[str, Any],
) -> None:
    (opportunity_pk, (shift,)), *_ = fixture["opportunities"].items()
    opportunity = Opportunity.objects.select_related("project").get(pk=opportunity_pk)
    first, second, third = (User.objects.get(pk=pk) for pk, _session in fixture["people"])
    application_submit(volunteer=first, opportunity=opportunity, shift=shift)
    waiting = application_submit(volunteer=second, opportunity=opportunity, shift=shift)
    Application.objects.filter(pk=waiting.pk).update(status=ApplicationStatus.CONFIRMED)
    Registration.objects.filter(forum_id=fixture["forum"]).delete()
    seen = [
        _seen("apply", third.pk, shift, "confirmed"),  # the client saw it, no row
        _seen("register", first.pk, fixture["forum"], ""),  # no answer, no row: fine
    ]
    with connection.cursor() as cursor:
        problems, counts = harness.seat_problems(cursor, seen)
    assert problems == [
        f"shift {shift}: 2 confirmed for 1 seats",
        f"apply by person {third.pk} for {shift}: the client saw it confirmed, "
        "the database has no live row",
    ]
    assert counts == {"apply seen confirmed": 1, "register seen no answer": 1}


# locust 2.47's `--csv` statistics: the header and two rows as it writes them.
STATS_CSV = (
    "Type,Name,Request Count,Failure Count,Median Response Time,Average Response Time,"
    "Min Response Time,Max Response Time,Average Content Size,Requests/s,Failures/s,"
    "50%,66%,75%,80%,90%,95%,98%,99%,99.9%,99.99%,100%\n"
    "POST,apply,120,2,48,61.2,20.1,900.3,15000,2.0,0.03,48,55,60,70,90,130,200,310,900,900,900\n"
    ",Aggregated,1200,2,30,40.0,3.0,900.3,20000,20.0,0.03,30,35,40,45,60,95,150,210,800,900,900\n"
)


def test_locust_statistics_are_read_per_kind(tmp_path: Path) -> None:
    path = tmp_path / "mixed_stats.csv"
    path.write_text(STATS_CSV)
    apply, total = harness.stats_read(path)
    assert (apply.method, apply.name, apply.requests, apply.failures) == ("POST", "apply", 120, 2)
    assert (apply.p50, apply.p95, apply.p99, apply.per_second) == (48, 130, 310, 2.0)
    assert (total.name, total.requests, total.p99) == ("Aggregated", 1200, 210)


def test_failures_are_set_against_the_window_they_started_in(tmp_path: Path) -> None:
    record = tmp_path / "outcomes.jsonl"
    lines = [
        {"type": "seen", "kind": "apply", "person": 7, "target": 3, "seen": "confirmed", "at": 5},
        {"type": "failure", "kind": "apply", "method": "POST", "status": 502, "at": 100.5,
         "error": "502"},
        {"type": "failure", "kind": "home", "method": "GET", "status": 500, "at": 200.2,
         "error": "500"},
        {"type": "failure", "kind": "search", "method": "GET", "status": 0, "at": 300.0,
         "error": "reset"},
    ]  # fmt: skip
    record.write_text("".join(json.dumps(line) + "\n" for line in lines))
    seen, failures = harness.outcomes_read(record)
    assert seen == [harness.Seen(kind="apply", person=7, target=3, seen="confirmed", at=5)]
    windows = [
        harness.Window("web node stopped", 100, 130),
        harness.Window("PgBouncer restart", 199, 205),
    ]
    found = harness.failures_by_window(failures, windows)
    assert {name: dict(kinds) for name, kinds in found.items()} == {
        "web node stopped": {"apply": 1},
        "PgBouncer restart": {"home": 1},
        "outside": {"search": 1},
    }


def test_cpu_is_counted_from_the_start_of_the_measure() -> None:
    meter = harness.CpuMeter()
    me = os.getpid()
    meter.sample({"here": [me, 2**22 + 1]})  # a process that does not exist is skipped
    deadline = time.process_time() + 0.3
    while time.process_time() < deadline:
        pass
    meter.sample({"here": [me]})
    assert 0.2 <= meter.totals()["here"] <= 2
    assert harness.cpu_seconds(me) is not None and harness.cpu_seconds(2**22 + 1) is None
