"""What `make load` (bench/load.py) needs besides the processes: the data the scenario uses, the
checks of the seats in the database afterwards, locust's CSV statistics and the CPU the
processes spent (from /proc).

`fixture_make` needs Django set up (it writes through the services, as people would); the
checks take any DB-API cursor (psycopg's in the run, Django's in the tests) and the rest is
plain Python. tests/bench/test_load_harness.py runs them on a small real database.
"""

from __future__ import annotations

import csv
import json
import os
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

LOAD_DOMAIN = "load.bench.example"
PROJECT_TITLE = ("Нагрузочный замер", "Жүктеме өлшемі", "Load measurement")
FORUM_TITLE = "Load measurement forum"
ORGANISER = "org.admin@council.example"  # admin of a verified demo organisation
SECRETARIAT = "secretariat@council.example"
COORDINATOR = "coordinator.kz@council.example"  # national coordinator of a network

# --- The fixture ----------------------------------------------------------------------------------


def _session_key(user: Any) -> str:
    """A signed-in session for `user`, made here as a sign-in would (the load's volunteers
    arrive signed in; only a few sign in through the form, see the locustfile)."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return str(store.session_key)


def _people(count: int) -> list[Any]:
    from council.accounts.models import User

    User.objects.filter(email__endswith=f"@{LOAD_DOMAIN}").delete()
    return User.objects.bulk_create(
        User(
            email=f"load{number:05d}@{LOAD_DOMAIN}",
            password="!",  # noqa: S106 (an unusable password: they only hold sessions)
            home_country_id="KZ",
            preferred_language="en",
            given_name="Load",
            family_name=str(number),
        )
        for number in range(count)
    )


def _project(
    organiser_email: str, opportunities: int, shifts: int, seats: int
) -> tuple[Any, dict[int, list[int]]]:
    """A published project of the organiser's organisation: `opportunities` opportunities in
    instant mode, each with `shifts` shifts of `seats` seats, no two shifts at the same time
    (a volunteer could take them all)."""
    from django.utils import timezone

    from council.accounts.models import User
    from council.lib.forms import translated_values
    from council.orgs.models import Membership, MembershipRole
    from council.projects.models import ApplicationMode, Project
    from council.projects.services.opportunities import opportunity_create
    from council.projects.services.projects import project_create, project_publish
    from council.projects.services.shifts import local_datetime, shift_create
    from council.reference.models import Cause, City

    organiser = User.objects.get(email=organiser_email)
    owner = (
        Membership.objects.filter(user=organiser, role=MembershipRole.ADMIN)
        .select_related("organisation")
        .order_by("pk")
        .first()
    )
    assert owner is not None, "seed_demo first: the organiser persona has no organisation"
    Project.objects.filter(owner=owner.organisation, title_en=PROJECT_TITLE[2]).delete()
    city = City.objects.filter(country_id=owner.organisation.country_id).order_by("-population")[0]
    today = timezone.localdate()
    project = project_create(
        actor=organiser,
        owner=owner.organisation,
        causes=list(Cause.objects.order_by("pk")[:1]),
        start_date=today,
        end_date=today + timedelta(days=opportunities * shifts + 30),
        **translated_values(title=PROJECT_TITLE, description=PROJECT_TITLE),
    )
    found: dict[int, list[int]] = {}
    day = today + timedelta(days=2)
    for number in range(opportunities):
        title = tuple(f"{text} {number + 1}" for text in PROJECT_TITLE)
        opportunity = opportunity_create(
            actor=organiser,
            project=project,
            is_online=False,
            city=city,
            address="1 Load Street",
            application_mode=ApplicationMode.INSTANT,
            **translated_values(title=title, description=title),
        )
        found[opportunity.pk] = []
        for _ in range(shifts):
            start = local_datetime(day, time(10, 0), opportunity.timezone)
            shift = shift_create(
                actor=organiser,
                opportunity=opportunity,
                start=start,
                end=start + timedelta(hours=3),
                capacity=seats,
            )
            found[opportunity.pk].append(shift.pk)
            day += timedelta(days=1)
    project_publish(actor=organiser, project=project)
    return project, found


def _forum(seats: int) -> Any:
    """A published forum in Kazakhstan, registration open, one open quota of `seats`."""
    from django.utils import timezone

    from council.forums.models import Forum, ForumStatus, Quota, QuotaKind
    from council.orgs.models import Organisation
    from council.reference.models import City

    Forum.objects.filter(title_en=FORUM_TITLE).delete()
    host = Organisation.objects.filter(country_id="KZ").order_by("pk").first()
    city = City.objects.filter(country_id="KZ").order_by("-population").first()
    assert host is not None and city is not None, "load_reference and seed_demo first"
    now = timezone.now()
    forum = Forum.objects.create(
        host=host,
        city=city,
        title_en=FORUM_TITLE,
        title_ru="Форум нагрузочного замера",
        timezone=city.timezone or "Asia/Almaty",
        starts_on=date.today() + timedelta(days=60),
        ends_on=date.today() + timedelta(days=62),
        capacity=seats * 10,
        registration_opens=now - timedelta(minutes=1),
        registration_closes=now + timedelta(days=30),
        status=ForumStatus.PUBLISHED,
    )
    Quota.objects.create(forum=forum, kind=QuotaKind.OPEN, name="Individuals", size=seats)
    return forum


def fixture_make(
    *,
    people: int,
    opportunities: int = 12,
    shifts: int = 3,
    seats: int = 5,
    forum_seats: int = 100,
    sign_ins: Sequence[str] = (),
    password: str = "",
    organiser: str = ORGANISER,
    secretariat: str = SECRETARIAT,
    coordinator: str = COORDINATOR,
) -> dict[str, Any]:
    """The load's own data, and what the locustfile needs to know of it (JSON). The staff
    are the demo's personas unless other addresses are given."""
    from council.accounts.models import User
    from council.forums.models import Forum, ForumStatus
    from council.orgs.models import Membership, MembershipRole, OrganisationKind
    from council.projects.models import Opportunity
    from council.reference.models import Cause

    project, shift_ids = _project(organiser, opportunities, shifts, seats)
    forum = _forum(forum_seats)
    volunteers = _people(people)
    staff = {email: User.objects.get(email=email) for email in (organiser, secretariat)}
    network_coordinator = User.objects.filter(email=coordinator).first()
    network = (
        Membership.objects.filter(
            user=network_coordinator,
            role=MembershipRole.COORDINATOR,
            organisation__kind=OrganisationKind.NATIONAL_NETWORK,
        )
        .values_list("organisation_id", flat=True)
        .first()
    )
    words = sorted(
        {
            max(str(title).split(), key=len)
            for title in Opportunity.objects.filter(is_published=True)
            .exclude(project=project)
            .values_list("title_en", flat=True)[:20]
            if title
        }
    )
    return {
        "people": [[user.pk, _session_key(user)] for user in volunteers],
        "organiser": _session_key(staff[organiser]),
        "secretariat": _session_key(staff[secretariat]),
        "coordinator": _session_key(network_coordinator) if network_coordinator else "",
        "network": network,
        "organisation": project.owner_id,
        "project": project.pk,
        "opportunities": {str(pk): ids for pk, ids in shift_ids.items()},
        "other_opportunities": list(
            Opportunity.objects.filter(is_published=True)
            .exclude(project=project)
            .values_list("pk", flat=True)[:20]
        ),
        "forum": forum.pk,
        "other_forums": list(
            Forum.objects.filter(status=ForumStatus.PUBLISHED)
            .exclude(pk=forum.pk)
            .values_list("pk", flat=True)[:5]
        ),
        "causes": list(Cause.objects.values_list("slug", flat=True)),
        "words": words or ["volunteer"],
        "sign_ins": list(sign_ins),
        "password": password,
    }


# --- The outcomes the clients saw, and the checks of the seats ------------------------------------


@dataclass(frozen=True)
class Seen:
    """One apply or registration as the client saw it: what the page said afterwards."""

    kind: str  # "apply" or "register"
    person: int
    target: int  # the shift (apply) or the forum (register)
    seen: str  # "confirmed", "waitlisted", "pending", or "" (no answer, an error page)
    at: float


def outcomes_read(path: Path) -> tuple[list[Seen], list[dict[str, Any]]]:
    """The locustfile's record (JSON lines): the outcomes seen and the failed requests."""
    seen, failures = [], []
    if not path.exists():
        return seen, failures
    for line in path.read_text().splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        if record.pop("type") == "failure":
            failures.append(record)
        else:
            seen.append(Seen(**record))
    return seen, failures


def _rows(cursor: Any, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
    cursor.execute(sql, params)
    return [tuple(row) for row in cursor.fetchall()]


def seat_problems(cursor: Any, seen: Iterable[Seen]) -> tuple[list[str], dict[str, int]]:
    """What is wrong with the seats in the database, and counts of what was checked: every
    shift and open forum quota within its size, no person with two live applications or
    registrations for the same thing, and every confirmation a client saw there as a
    confirmed row."""
    problems = []
    for shift, capacity, confirmed in _rows(
        cursor,
        "SELECT s.id, s.capacity, count(*) FROM projects_shift s "
        "JOIN projects_application a ON a.shift_id = s.id AND a.status = 'confirmed' "
        "GROUP BY s.id, s.capacity HAVING count(*) > s.capacity",
    ):
        problems.append(f"shift {shift}: {confirmed} confirmed for {capacity} seats")
    for opportunity, capacity, confirmed in _rows(
        cursor,
        "SELECT o.id, o.capacity, count(*) FROM projects_opportunity o "
        "JOIN projects_application a ON a.opportunity_id = o.id AND a.shift_id IS NULL "
        "AND a.status = 'confirmed' "
        "WHERE NOT EXISTS (SELECT 1 FROM projects_shift s WHERE s.opportunity_id = o.id) "
        "GROUP BY o.id, o.capacity HAVING count(*) > o.capacity",
    ):
        problems.append(f"opportunity {opportunity}: {confirmed} confirmed for {capacity} seats")
    for quota, size, taken in _rows(
        cursor,
        "SELECT q.id, q.size, count(*) FROM forums_quota q "
        "JOIN forums_registration r ON r.quota_id = q.id AND r.status IN ('confirmed', 'offered') "
        "WHERE q.size IS NOT NULL AND q.kind = 'open' "
        "GROUP BY q.id, q.size HAVING count(*) > q.size",
    ):
        problems.append(f"forum quota {quota}: {taken} seats taken of {size}")
    live = "('pending', 'confirmed', 'waitlisted')"
    for volunteer, shift, count in _rows(
        cursor,
        "SELECT volunteer_id, shift_id, count(*) FROM projects_application "
        f"WHERE shift_id IS NOT NULL AND status IN {live} "
        "GROUP BY volunteer_id, shift_id HAVING count(*) > 1",
    ):
        problems.append(f"person {volunteer}: {count} live applications for shift {shift}")
    for person, forum, count in _rows(
        cursor,
        "SELECT person_id, forum_id, count(*) FROM forums_registration "
        "WHERE status IN ('confirmed', 'waitlisted', 'offered') "
        "GROUP BY person_id, forum_id HAVING count(*) > 1",
    ):
        problems.append(f"person {person}: {count} live registrations for forum {forum}")

    seen = list(seen)
    rows = {
        ("apply", volunteer, shift): status
        for volunteer, shift, status in _rows(
            cursor,
            "SELECT volunteer_id, shift_id, status FROM projects_application "
            f"WHERE shift_id IS NOT NULL AND status IN {live}",
        )
    }
    rows.update(
        {
            ("register", person, forum): status
            for person, forum, status in _rows(
                cursor,
                "SELECT person_id, forum_id, status FROM forums_registration "
                "WHERE status IN ('confirmed', 'waitlisted', 'offered')",
            )
        }
    )
    counts: Counter[str] = Counter()
    for outcome in seen:
        counts[f"{outcome.kind} seen {outcome.seen or 'no answer'}"] += 1
        found = rows.get((outcome.kind, outcome.person, outcome.target))
        if outcome.seen == "confirmed" and found != "confirmed":
            problems.append(
                f"{outcome.kind} by person {outcome.person} for {outcome.target}: the client "
                f"saw it confirmed, the database has {found or 'no live row'}"
            )
        elif outcome.seen and found is None:
            problems.append(
                f"{outcome.kind} by person {outcome.person} for {outcome.target}: the client "
                f"saw {outcome.seen}, the database has no live row"
            )
        elif not outcome.seen and found is not None:
            counts[f"{outcome.kind} made, its answer lost"] += 1
    return problems, dict(sorted(counts.items()))


# --- Locust's statistics --------------------------------------------------------------------------


@dataclass(frozen=True)
class KindStats:
    method: str
    name: str
    requests: int
    failures: int
    p50: float
    p95: float
    p99: float
    per_second: float


def stats_read(path: Path) -> list[KindStats]:
    """locust's `<prefix>_stats.csv`: one row a request kind, and the "Aggregated" row."""
    with path.open(newline="") as handle:
        return [
            KindStats(
                method=row["Type"],
                name=row["Name"],
                requests=int(row["Request Count"]),
                failures=int(row["Failure Count"]),
                p50=_number(row["50%"]),
                p95=_number(row["95%"]),
                p99=_number(row["99%"]),
                per_second=_number(row["Requests/s"]),
            )
            for row in csv.DictReader(handle)
        ]


def _number(text: str) -> float:
    return float(text) if text not in {"", "N/A"} else 0.0


# --- Failures by time -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Window:
    """An event of the run (a node stopped, PgBouncer restarted), from `start` to `end`
    (epoch seconds); a failed request that started within it is counted against it."""

    name: str
    start: float
    end: float


def failures_by_window(
    failures: Iterable[dict[str, Any]], windows: Sequence[Window]
) -> dict[str, Counter[str]]:
    """Failed requests by the window they started in ("outside" when in none), by kind."""
    found: dict[str, Counter[str]] = {}
    for failure in failures:
        started = float(failure["at"])
        window = next((w.name for w in windows if w.start <= started <= w.end), "outside")
        found.setdefault(window, Counter())[failure["kind"]] += 1
    return found


# --- CPU from /proc -------------------------------------------------------------------------------


def cpu_seconds(pid: int) -> float | None:
    """User + system CPU seconds of a process so far (None once it has gone)."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = text[text.rindex(")") + 2 :].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def children(parents: Iterable[int]) -> set[int]:
    """The processes whose parent is one of `parents` (gunicorn's workers of its masters)."""
    wanted, found = set(parents), set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue
        if int(text[text.rindex(")") + 2 :].split()[1]) in wanted:
            found.add(int(stat.parent.name))
    return found


@dataclass
class CpuMeter:
    """CPU seconds of groups of processes over a stretch of time, sampled: a process alive at
    `start` counts from its CPU then, one that appears later from zero, one that ends with its
    last sample (sample every second or so: what it spends after that is not counted)."""

    baseline: dict[int, float] = field(default_factory=dict)
    last: dict[int, float] = field(default_factory=dict)
    groups: dict[int, str] = field(default_factory=dict)
    started: bool = False

    def sample(self, groups: dict[str, Iterable[int]]) -> None:
        for group, pids in groups.items():
            for pid in pids:
                used = cpu_seconds(pid)
                if used is None:
                    continue
                if pid not in self.baseline:
                    self.baseline[pid] = used if not self.started else 0.0
                self.groups[pid] = group
                self.last[pid] = used
        self.started = True

    def totals(self) -> dict[str, float]:
        found: dict[str, float] = {}
        for pid, group in self.groups.items():
            found[group] = found.get(group, 0.0) + self.last[pid] - self.baseline[pid]
        return found


def now_iso(at: float) -> str:
    return datetime.fromtimestamp(at).strftime("%H:%M:%S")
