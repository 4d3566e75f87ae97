"""The opening rush of a forum's registration, over HTTP against the production server setup
(gunicorn, PostgreSQL): `--people` signed-in people register at once, `--clients` at a time,
for an open quota of `--seats`. Prints what every answer was, the throughput and the latency
percentiles; the counts must come out exact (seats confirmed, the rest waitlisted, no 5xx).

Run by `make bench` after bench/run.py; alone: `.venv/bin/python bench/forum_rush.py`.
"""

from __future__ import annotations

import argparse
import http.client
import os
import secrets
import sys
import threading
import time
import warnings
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import HOST, _create_database, _gunicorn, percentiles, reference_loop

RUSH_DOMAIN = "rush.bench.example"
TARGET_PER_SECOND = 300


def _people(count: int) -> list[tuple[int, str]]:
    """(user id, session key) of `count` signed-in people of Kazakhstan, made afresh."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from council.accounts.models import User

    User.objects.filter(email__endswith=f"@{RUSH_DOMAIN}").delete()
    users = User.objects.bulk_create(
        [
            User(
                email=f"rush{number:05d}@{RUSH_DOMAIN}",
                password="!",  # noqa: S106 (an unusable password: they only hold sessions)
                home_country_id="KZ",
                preferred_language="ru",
                given_name="Rush",
                family_name=str(number),
            )
            for number in range(count)
        ]
    )
    people = []
    for user in users:
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        people.append((user.pk, session.session_key or ""))
    return people


def _forum(seats: int, title: str = "Bench rush forum") -> Any:
    from django.utils import timezone

    from council.forums.models import Forum, ForumStatus, Quota, QuotaKind
    from council.orgs.models import Organisation, OrganisationKind
    from council.reference.models import City

    Forum.objects.filter(title_en=title).delete()
    host = Organisation.objects.filter(country_id="KZ").order_by("pk").first()
    if host is None:  # a database without the bench's seed
        host = Organisation.objects.create(
            kind=OrganisationKind.NATIONAL_NETWORK, name="Bench rush host", country_id="KZ"
        )
    city = City.objects.filter(country_id="KZ").order_by("-population").first()
    assert city is not None, "load the reference data first"
    now = timezone.now()
    forum = Forum.objects.create(
        host=host,
        city=city,
        title_en=title,
        title_ru="Форум для замера",
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


Answer = tuple[int, float, bytes]


def _cpu_seconds() -> dict[str, float]:
    """CPU seconds (user + system) used so far by the processes alive now, by name: the
    server's workers ("gunicorn"), PostgreSQL's backends ("postgres") and the rest. Linux'
    /proc; clock ticks of 1/100 s."""
    ticks = os.sysconf("SC_CLK_TCK")
    totals: dict[str, float] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:  # the process has ended meanwhile
            continue
        name = text[text.index("(") + 1 : text.rindex(")")]
        fields = text[text.rindex(")") + 2 :].split()
        used = (int(fields[11]) + int(fields[12])) / ticks  # utime, stime
        totals[name] = totals.get(name, 0.0) + used
    return totals


def _cpu_line(cpu: dict[str, float], requests: int) -> str:
    parts = [
        f"{label} {cpu.get(name, 0.0) / requests * 1000:.1f} ms"
        for name, label in (("gunicorn", "server"), ("postgres", "PostgreSQL"))
    ]
    parts.append(f"this client {cpu.get('client', 0.0) / requests * 1000:.1f} ms")
    return ", ".join(parts)


def _wave(
    args: argparse.Namespace, people: list[tuple[int, str]], method: str, path: str
) -> tuple[list[Answer], float, dict[str, float]]:
    """Every person sends one request, `args.clients` at a time, the first wave together;
    the answers, the seconds it took and the CPU seconds each kind of process used."""
    token = secrets.token_hex(16)  # Django's CSRF token: 32 alphanumeric characters
    start_line = threading.Barrier(min(args.clients, len(people)))

    def send(person: tuple[int, str]) -> Answer:
        _user, session = person
        connection = http.client.HTTPConnection(HOST, args.port, timeout=60)
        headers = {
            "Host": HOST,
            "Cookie": f"sessionid={session}; csrftoken={token}",
            "Accept-Language": "ru",
        }
        body = None
        if method == "POST":
            body = urlencode({"csrfmiddlewaretoken": token})
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        started = time.perf_counter()
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        content = response.read()
        elapsed = (time.perf_counter() - started) * 1000
        connection.close()
        return response.status, elapsed, content

    def rush(numbered: tuple[int, tuple[int, str]]) -> Answer:
        number, person = numbered
        if number < args.clients:  # the first wave starts together
            start_line.wait(timeout=30)
        return send(person)

    before, own_before = _cpu_seconds(), time.process_time()
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=args.clients) as pool:
        answers = list(pool.map(rush, enumerate(people)))
    elapsed = time.perf_counter() - started
    after = _cpu_seconds()
    cpu = {name: after[name] - before.get(name, 0.0) for name in after}
    cpu["client"] = time.process_time() - own_before
    return answers, elapsed, cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--database-url", default="postgres://postgres@127.0.0.1:5432/council_bench"
    )
    parser.add_argument("--people", type=int, default=2000)
    parser.add_argument(
        "--warm",
        type=int,
        default=200,
        help="registrations for another forum first, so that every worker is warm",
    )
    parser.add_argument("--seats", type=int, default=500)
    parser.add_argument("--clients", type=int, default=32, help="requests in flight at once")
    parser.add_argument("--port", type=int, default=8092)
    parser.add_argument(
        "--no-ceiling",
        dest="ceiling",
        action="store_false",
        help="skip the empty-page run that measures the machine's ceiling",
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=2 * (os.cpu_count() or 1) + 1,
        help="gunicorn sync workers (gunicorn's advice: 2 × cores + 1)",
    )
    args = parser.parse_args()
    os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "council.settings")
    # Sessions are made here and read by gunicorn: both sign with the same key.
    os.environ["BENCH_SECRET_KEY"] = os.environ["SECRET_KEY"] = secrets.token_urlsafe(50)
    os.environ.setdefault("DEBUG", "false")
    warnings.filterwarnings("ignore", message="No directory at")
    _create_database(args.database_url)

    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    if (
        not __import__("council.reference.models", fromlist=["City"])
        .City.objects.filter(country_id="KZ")
        .exists()
    ):
        call_command("load_reference")
    from council.forums.models import Registration

    everyone = _people(args.warm + args.people)
    warming, people = everyone[: args.warm], everyone[args.warm :]
    warm_forum = _forum(args.warm, title="Bench warm-up forum")
    forum = _forum(args.seats)
    path = f"/forums/{forum.pk}/register/"
    with _gunicorn(args):  # type: ignore[arg-type]
        # A server that is up has served requests before: each worker has imported and
        # compiled what a registration needs. Others register for another forum first.
        _wave(args, warming, "POST", f"/forums/{warm_forum.pk}/register/")
        answers, elapsed, cpu = _wave(args, people, "POST", path)
        # The same people, clients and server asking for an empty page (`/healthz`, through
        # the whole middleware chain): the most requests per second this machine serves.
        ceiling = _wave(args, people, "GET", "/healthz") if args.ceiling else None
    statuses = Counter(status for status, _ms, _content in answers)
    made = Counter(Registration.objects.filter(forum=forum).values_list("status", flat=True))
    latencies = [ms for _status, ms, _content in answers]
    p50, p95, p99 = percentiles(latencies)
    rate = len(answers) / elapsed
    print(
        f"forum rush (reference loop {reference_loop():.0f} ms): "
        f"{len(answers)} registrations for {args.seats} seats, "
        f"{args.clients} clients at once, gunicorn ({args.workers} sync workers) + PostgreSQL"
    )
    print(f"  answers by HTTP status: {dict(sorted(statuses.items()))}")
    print(f"  registrations now: {dict(sorted(made.items()))}")
    print(
        f"  {rate:.0f} registrations/s over {elapsed:.2f} s; latency p50 {p50:.1f} ms, "
        f"p95 {p95:.1f} ms, p99 {p99:.1f} ms"
    )
    print(f"  CPU per registration: {_cpu_line(cpu, len(answers))}")
    if ceiling is not None:
        empty, empty_elapsed, empty_cpu = ceiling
        print(
            f"  ceiling, an empty page (/healthz) with the same clients: "
            f"{len(empty) / empty_elapsed:.0f} requests/s; CPU per request: "
            f"{_cpu_line(empty_cpu, len(empty))}"
        )
    exact = made.get("confirmed") == args.seats and made.get("waitlisted") == (
        args.people - args.seats
    )
    clean = all(status < 500 for status in statuses) and set(statuses) <= {302}
    print(
        f"  counts exact: {'yes' if exact else 'NO'}; every answer a redirect to the page: "
        f"{'yes' if clean else 'NO'}; ≥ {TARGET_PER_SECOND}/s: "
        f"{'met' if rate >= TARGET_PER_SECOND else 'NOT met'}"
    )
    return 0 if exact and clean else 1


if __name__ == "__main__":
    sys.exit(main())
