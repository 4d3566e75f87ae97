"""Benchmarks on PostgreSQL with synthetic national-scale data (`make bench`).

Prepares a database (migrate, reference data, `seed_demo --scale N`), then measures each
case many times and prints p50, p95 and p99 in milliseconds, the ratio to the raw SQL of the
same query and the target. It reports figures; it asserts nothing about them.

Data: `--scale 1000000` (the default) is 1M volunteers, 20k organisations, 300k profiles, 40k
projects, 200k opportunities, ~1M shifts and ~5M applications (see council/demo/activity.py).
The scale data is topped up, not rebuilt: the first run on an empty database takes a while,
later runs start measuring at once.

Cases:
- organisations: the public list, as selector, page and API (the first benchmark);
- search: `opportunity_search` with words, three filters (country, cause, dates) and a radius
  around a city, first page; raw SQL is the selector's own compiled query;
- for you: `opportunities_for_you` for a sample of volunteers with profiles; raw SQL is the
  same statements replayed (captured from a first call per volunteer);
- over HTTP against gunicorn in the production configuration (COUNCIL_ENV=production, static
  files collected, 2 workers on 127.0.0.1, sessions in Redis when it answers on 6379): the
  search page with words + 3 filters + radius, the plain opportunity list (no filters, pages
  1-5), and an instant-mode application
  POST with the session cookie and CSRF token of volunteers who signed in through the login
  form. `--no-http` skips this part.

`--only for_you` (or `organisations`, `search`, `http`; repeatable) runs only those groups.

Every loop is bounded by `--repeat` and by `--time-limit` seconds. A fixed pure-Python loop
is timed before and after the cases: this virtual machine's speed changes from one hour to
the next, and the loop shows how fast it ran.
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BENCH_DOMAIN = "bench.example"
BENCH_PASSWORD = "bench-volunteer-2026"  # noqa: S105 (synthetic bench logins on loopback)
BENCH_VOLUNTEERS = 16
HOST = "127.0.0.1"

# (words, country, cause, city in English): each matches published upcoming scale data.
SEARCHES = (
    ("посадка деревьев", "RU", "environment", "Moscow"),
    ("помощь пожилым людям", "RU", "elderly", "Saint Petersburg"),
    ("ағаш отырғызу", "KZ", "environment", "Almaty"),
    ("first aid", "RU", "health", "Kazan"),
    ("марафон", "RU", "sport-events", "Novosibirsk"),
    ("волонтёры фестиваля", "RU", "sport-events", "Yekaterinburg"),
)
RADIUS_KM = 50
# The groups of cases, in the order they run (`--only` picks some).
CASES = ("organisations", "search", "for_you", "http")

TARGETS = {
    "search": ("p95", 50.0),
    "for you": ("p95", 100.0),
    "page": ("p50", 20.0),
    "apply": ("p50", 10.0),
}


def reference_loop() -> float:
    """Milliseconds for a fixed pure-Python loop (the median of five): how fast this machine
    runs at the moment, printed before and after the cases so that runs can be compared."""
    times = []
    for _run in range(5):
        started = time.perf_counter()
        total = 0
        for number in range(2_000_000):
            total += number * number
        times.append((time.perf_counter() - started) * 1000)
    return sorted(times)[2]


def percentiles(samples: list[float]) -> tuple[float, float, float]:
    if len(samples) < 2:
        value = samples[0] if samples else float("nan")
        return value, value, value
    cuts = statistics.quantiles(sorted(samples), n=100, method="inclusive")
    return cuts[49], cuts[94], cuts[98]


def measure(
    run: Callable[[int], object], repeat: int, time_limit: float, warm: int = 5
) -> list[float]:
    """Time `run(i)` for i = 0, 1, … at most `repeat` times and for at most `time_limit` s."""
    for number in range(warm):  # warm caches and connections
        run(number)
    samples = []
    deadline = time.monotonic() + time_limit
    for number in range(repeat):
        if time.monotonic() > deadline:
            break
        started = time.perf_counter()
        run(number)
        samples.append((time.perf_counter() - started) * 1000)
    return samples


@dataclass
class Report:
    rows: list[tuple[str, int, tuple[float, float, float], float | None, str]] = field(
        default_factory=list
    )

    def add(
        self,
        name: str,
        samples: list[float],
        raw: list[float] | None = None,
        target: str | None = None,
    ) -> None:
        figures = percentiles(samples)
        ratio = figures[0] / percentiles(raw)[0] if raw else None
        goal = ""
        if target:
            which, limit = TARGETS[target]
            value = figures[0] if which == "p50" else figures[1]
            goal = f"{which} ≤ {limit:g} ms: {'met' if value <= limit else 'NOT met'}"
        self.rows.append((name, len(samples), figures, ratio, goal))
        self.print_row(self.rows[-1])

    @staticmethod
    def header() -> None:
        print(
            f"{'case':<60} {'n':>5} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} "
            f"{'× raw p50':>10}  target"
        )

    @staticmethod
    def print_row(row: tuple[str, int, tuple[float, float, float], float | None, str]) -> None:
        name, count, (p50, p95, p99), ratio, goal = row
        shown = f"{ratio:10.1f}" if ratio is not None else f"{'':>10}"
        print(f"{name:<60} {count:5d} {p50:8.2f} {p95:8.2f} {p99:8.2f} {shown}  {goal}", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--database-url", default="postgres://postgres@127.0.0.1:5432/council_bench"
    )
    parser.add_argument("--scale", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=300)
    parser.add_argument("--time-limit", type=float, default=60.0, help="seconds per case")
    parser.add_argument("--port", type=int, default=8091)
    parser.add_argument("--no-http", action="store_true", help="skip the gunicorn cases")
    parser.add_argument(
        "--only",
        action="append",
        choices=CASES,
        help="run only this group of cases (may be given more than once; default: all)",
    )
    args = parser.parse_args()
    if not args.database_url.startswith("postgres"):
        print("The benchmarks run on PostgreSQL: pass --database-url postgres://…")
        return 2
    os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "council.settings")
    # Measure the code, not DEBUG's query log.
    os.environ.setdefault("DEBUG", "false")
    # Nor the API's rate limits, which refuse a loop of 300 requests from one address.
    os.environ.setdefault("API_THROTTLE_ANON", "")
    os.environ.setdefault("API_THROTTLE_TOKEN", "")
    # In-process pages use the finders; there is no collected static directory to warn about.
    warnings.filterwarnings("ignore", message="No directory at")
    _create_database(args.database_url)

    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("load_reference")
    started = time.perf_counter()
    call_command("seed_demo", scale=args.scale, allow_production=True)
    print(f"seed_demo --scale {args.scale}: {time.perf_counter() - started:.1f} s\n")
    _print_sizes()
    _print_settings()

    print(f"reference loop before the cases: {reference_loop():.0f} ms\n")
    report = Report()
    report.header()
    wanted = set(args.only or CASES)
    if "organisations" in wanted:
        _organisations(report, args)
    if "search" in wanted:
        _search(report, args)
    if "for_you" in wanted:
        _for_you(report, args)
    if "http" in wanted and args.no_http:
        print("HTTP cases skipped (--no-http).")
    elif "http" in wanted:
        _http(report, args)
    print(f"\nreference loop after the cases: {reference_loop():.0f} ms")
    return 0


SETTINGS = ("shared_buffers", "effective_cache_size", "random_page_cost", "work_mem", "jit")


def _print_settings() -> None:
    """The PostgreSQL settings the figures depend on (bench/tune_postgres.sh sets them)."""
    from django.db import connection

    with connection.cursor() as cursor:
        shown = []
        for name in SETTINGS:
            cursor.execute(f"SHOW {name}")
            shown.append(f"{name}={cursor.fetchone()[0]}")
        cursor.execute("SHOW server_version")
        version = cursor.fetchone()[0]
    print(f"PostgreSQL {version}: {', '.join(shown)} (jit as the app's connections set it)\n")


def _print_sizes() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT (SELECT COUNT(*) FROM accounts_user), "
            "(SELECT COUNT(*) FROM volunteers_volunteerprofile), "
            "(SELECT COUNT(*) FROM projects_project), "
            "(SELECT COUNT(*) FROM projects_opportunity), "
            "(SELECT COUNT(*) FROM projects_opportunity WHERE is_published "
            "AND (last_end > now() OR last_end IS NULL)), "
            "(SELECT COUNT(*) FROM projects_shift), "
            "(SELECT COUNT(*) FROM projects_application)"
        )
        row = cursor.fetchone()
    names = ("users", "profiles", "projects", "opportunities", "open", "shifts", "applications")
    print("data: " + ", ".join(f"{n:,} {name}" for n, name in zip(row, names, strict=True)))
    print()


# --- in-process cases ------------------------------------------------------------------------


def _raw(statements: Sequence[tuple[str, Sequence[Any] | None]]) -> Callable[[], object]:
    from django.db import connection

    def run() -> object:
        rows = []
        with connection.cursor() as cursor:
            for sql, params in statements:
                cursor.execute(sql, params)
                if cursor.description is not None:
                    rows.append(cursor.fetchall())
        return rows

    return run


def _organisations(report: Report, args: argparse.Namespace) -> None:
    from django.test import Client

    from council.orgs.selectors import organisations_public

    # The raw SQL is the selector's own query, so the ratio is what the ORM adds on top.
    sql, params = organisations_public(country="KZ")[:25].query.sql_with_params()
    raw = measure(lambda _: _raw([(sql, params)])(), args.repeat, args.time_limit)
    client = Client()
    report.add("raw SQL: verified KZ organisations, page 1", raw, raw)
    report.add(
        "selector organisations_public, page 1",
        measure(
            lambda _: list(organisations_public(country="KZ")[:25]), args.repeat, args.time_limit
        ),
        raw,
    )
    report.add(
        "GET /orgs/?country=KZ (test client)",
        measure(
            lambda _: client.get("/orgs/?country=KZ", HTTP_ACCEPT_LANGUAGE="ru").content,
            args.repeat,
            args.time_limit,
        ),
        raw,
    )
    report.add(
        "GET /api/v1/organisations?country=KZ (test client)",
        measure(
            lambda _: client.get("/api/v1/organisations?country=KZ&limit=25").content,
            args.repeat,
            args.time_limit,
        ),
        raw,
    )


@dataclass(frozen=True)
class SearchCase:
    words: str
    country: str
    cause: str
    city: int
    city_name: str

    def filters(self, today: date) -> dict[str, Any]:
        return {
            "query": self.words,
            "country": self.country,
            "cause": self.cause,
            "date_from": today,
            "city": self.city,
            "radius_km": RADIUS_KM,
        }

    def page_query(self, today: date) -> str:
        return urlencode(
            {
                "q": self.words,
                "country": self.country,
                "cause": self.cause,
                "date_from": today.isoformat(),
                "city": self.city,
                "radius": RADIUS_KM,
            }
        )


def _search_cases() -> list[SearchCase]:
    from council.reference.models import City

    cases = []
    for words, country, cause, city_name in SEARCHES:
        city = (
            City.objects.filter(country_id=country, name_en=city_name)
            .order_by("-population")
            .first()
        )
        if city is not None:
            cases.append(SearchCase(words, country, cause, city.pk, city_name))
    return cases


def _search(report: Report, args: argparse.Namespace) -> None:
    try:
        from council.projects.selectors.search import opportunity_search
    except ImportError:
        print(f"{'search (opportunity_search)':<60} not available yet")
        return
    from django.utils import timezone

    today = timezone.localdate()
    cases = _search_cases()
    compiled = []
    for case in cases:
        queryset = opportunity_search(**case.filters(today))[:25]
        compiled.append(queryset.query.sql_with_params())
        found = len(list(queryset))
        print(f"  search “{case.words}” near {case.city_name}: {found} on the first page")
    raw = measure(lambda i: _raw([compiled[i % len(compiled)]])(), args.repeat, args.time_limit)
    report.add("raw SQL: search, words + 3 filters + radius, page 1", raw, raw)
    report.add(
        "opportunity_search, words + 3 filters + radius, page 1",
        measure(
            lambda i: list(opportunity_search(**cases[i % len(cases)].filters(today))[:25]),
            args.repeat,
            args.time_limit,
        ),
        raw,
        target="search",
    )


def _sample_volunteers(count: int) -> list[int]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT p.user_id FROM volunteers_volunteerprofile p "
            "JOIN accounts_user u ON u.id = p.user_id "
            "WHERE u.email LIKE %s ORDER BY (p.user_id * 2654435761) %% 1000003 LIMIT %s",
            ["%@scale.example", count],
        )
        return [row[0] for row in cursor.fetchall()]


def _for_you(report: Report, args: argparse.Namespace) -> None:
    try:
        from council.projects.selectors.matching import opportunities_for_you
    except ImportError:
        print(f"{'for you (opportunities_for_you)':<60} not available yet")
        return
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from council.accounts.models import User

    users = list(User.objects.filter(pk__in=_sample_volunteers(100)))
    if not users:
        print(f"{'for you':<60} no volunteers with profiles in the data")
        return
    statements = []
    found = 0
    for user in users:
        with CaptureQueriesContext(connection) as captured:
            found += len(opportunities_for_you(user=user, limit=20))
        statements.append([(query["sql"], None) for query in captured.captured_queries])
    queries = sum(len(s) for s in statements) / len(statements)
    print(
        f"  for you: {len(users)} volunteers, {found / len(users):.1f} matches and "
        f"{queries:.1f} queries each"
    )
    raw = measure(lambda i: _raw(statements[i % len(statements)])(), args.repeat, args.time_limit)
    report.add("raw SQL: the same statements, replayed", raw, raw)
    report.add(
        "opportunities_for_you(limit=20)",
        measure(
            lambda i: opportunities_for_you(user=users[i % len(users)], limit=20),
            args.repeat,
            args.time_limit,
        ),
        raw,
        target="for you",
    )


# --- over HTTP -------------------------------------------------------------------------------


class Browser:
    """One volunteer's keep-alive connection with cookies, as a browser would keep them (the
    production cookies are marked Secure; behind TLS the browser would send them too)."""

    def __init__(self, port: int) -> None:
        self.connection = http.client.HTTPConnection(HOST, port, timeout=30)
        self.cookies: dict[str, str] = {}

    def request(
        self, method: str, path: str, form: dict[str, Any] | None = None
    ) -> tuple[int, dict[str, str], bytes]:
        headers = {"Host": f"{HOST}", "Accept-Language": "ru"}
        body = None
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if form is not None:
            body = urlencode({**form, "csrfmiddlewaretoken": self.cookies.get("csrftoken", "")})
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        self.connection.request(method, path, body=body, headers=headers)
        response = self.connection.getresponse()
        content = response.read()
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                self.cookies[key.strip()] = rest.split(";", 1)[0]
        return response.status, {k.lower(): v for k, v in response.getheaders()}, content

    def sign_in(self, email: str, password: str) -> bool:
        self.request("GET", "/accounts/login/")
        status, _headers, _content = self.request(
            "POST", "/accounts/login/", {"login": email, "password": password}
        )
        return status == 302 and "sessionid" in self.cookies

    def close(self) -> None:
        self.connection.close()


def _bench_volunteers() -> list[Any]:
    """Volunteers for the HTTP cases: adults with a medical qualification (so every
    instant-mode shift is open to them), a verified address and a processing consent. Their
    applications from an earlier run are removed, so seats and overlaps start afresh."""
    from allauth.account.models import EmailAddress
    from django.contrib.auth.hashers import make_password

    from council.accounts.models import Consent, ConsentPurpose, User
    from council.accounts.services import consent_give
    from council.projects.models import Application
    from council.volunteers.models import VolunteerProfile

    password = make_password(BENCH_PASSWORD)
    volunteers = []
    for number in range(1, BENCH_VOLUNTEERS + 1):
        email = f"volunteer{number:03d}@{BENCH_DOMAIN}"
        user, _ = User.objects.get_or_create(
            email=email,
            defaults={
                "password": password,
                "given_name": "Bench",
                "family_name": f"Volunteer {number}",
                "preferred_language": "ru",
                "home_country_id": "RU",
            },
        )
        EmailAddress.objects.get_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        VolunteerProfile.objects.update_or_create(
            user=user,
            defaults={"date_of_birth": date(1990, 5, 17), "medical_qualification": True},
        )
        if not Consent.objects.filter(
            user=user, purpose=ConsentPurpose.PROCESSING, withdrawn_at__isnull=True
        ).exists():
            consent_give(user=user, purpose=ConsentPurpose.PROCESSING)
        volunteers.append(user)
    Application.objects.filter(volunteer__in=volunteers).delete()
    return volunteers


def _shifts_to_apply(volunteers: int, per_volunteer: int) -> list[list[tuple[int, int]]]:
    """(opportunity, shift) pairs per volunteer: upcoming shifts of published instant-mode
    opportunities with a free seat, none overlapping another of the same volunteer."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT s.id, s.opportunity_id, s.start, s.end FROM projects_shift s "
            "JOIN projects_opportunity o ON o.id = s.opportunity_id "
            "WHERE o.is_published AND o.application_mode = 'instant' "
            "AND s.start > now() + interval '1 day' AND s.capacity > ("
            "  SELECT COUNT(*) FROM projects_application a "
            "  WHERE a.shift_id = s.id AND a.status = 'confirmed') "
            "ORDER BY (s.id * 2654435761) %% 1000003 LIMIT %s",
            [volunteers * per_volunteer * 4],
        )
        shifts = cursor.fetchall()
    plans: list[list[tuple[int, int]]] = [[] for _ in range(volunteers)]
    taken: list[list[tuple[datetime, datetime]]] = [[] for _ in range(volunteers)]
    for shift, opportunity, start, end in shifts:
        for number in range(volunteers):
            if len(plans[number]) >= per_volunteer:
                continue
            if any(start < until and since < end for since, until in taken[number]):
                continue
            plans[number].append((opportunity, shift))
            taken[number].append((start, end))
            break
    return plans


@contextmanager
def _gunicorn(args: argparse.Namespace) -> Iterator[None]:
    static_root = Path(tempfile.mkdtemp(prefix="council-bench-static-"))
    env = {
        **os.environ,
        "COUNCIL_ENV": "production",
        "DEBUG": "false",
        # The rush bench signs sessions in its own process: it passes the key it used.
        "SECRET_KEY": os.environ.get("BENCH_SECRET_KEY") or secrets.token_urlsafe(50),
        # Production refuses to start without the keys that encrypt two-factor secrets.
        "MFA_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
        "ALLOWED_HOSTS": HOST,
        "DATABASE_URL": args.database_url,
        "SECURE_SSL_REDIRECT": "false",
        "DJANGO_SETTINGS_MODULE": "council.settings",
        "STATIC_ROOT": str(static_root),
        # Mail goes through the tasks queue in production; nothing is sent from a request.
        "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
        "LOG_LEVEL": "ERROR",
    }
    if "REDIS_URL" not in env and not _port_free(6379):
        # Production keeps sessions and the cache in Redis (cached_db sessions).
        env["REDIS_URL"] = f"redis://{HOST}:6379/3"
    bin_dir = Path(sys.executable).parent
    # Our own interpreter and the venv's gunicorn, with fixed arguments.
    subprocess.run(  # noqa: S603
        [sys.executable, str(ROOT / "manage.py"), "collectstatic", "--noinput", "-v", "0"],
        env=env,
        check=True,
        cwd=ROOT,
    )
    process = subprocess.Popen(  # noqa: S603
        [
            str(bin_dir / "gunicorn"),
            "council.wsgi:application",
            "-w",
            str(getattr(args, "workers", 2)),
            "-b",
            f"{HOST}:{args.port}",
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=ROOT,
    )
    try:
        _wait_until_up(process, args.port)
        yield
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        shutil.rmtree(static_root, ignore_errors=True)


def _wait_until_up(process: subprocess.Popen[bytes], port: int) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {process.returncode}")
        try:
            connection = http.client.HTTPConnection(HOST, port, timeout=2)
            connection.request("GET", "/", headers={"Host": HOST})
            connection.getresponse().read()
            connection.close()
            return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError("gunicorn did not answer within 60 s")


def _port_free(port: int) -> bool:
    import socket

    with socket.socket() as probe:
        return probe.connect_ex((HOST, port)) != 0


def _http(report: Report, args: argparse.Namespace) -> None:
    from django.utils import timezone

    if not _port_free(args.port):
        print(f"HTTP cases skipped: {HOST}:{args.port} is already in use.")
        return
    volunteers = _bench_volunteers()
    per_volunteer = max(args.repeat // len(volunteers) + 1, 2)
    plans = _shifts_to_apply(len(volunteers), per_volunteer)
    cases = _search_cases()
    today = timezone.localdate()
    with _gunicorn(args):
        anonymous = Browser(args.port)
        page_paths = [f"/search/?{case.page_query(today)}" for case in cases]
        status, _, _ = anonymous.request("GET", page_paths[0])
        if status != 200:
            from council.projects.models import Opportunity

            first = Opportunity.objects.filter(is_published=True).order_by("pk").first()
            page_paths = [f"/opportunities/{first.pk if first else 1}/"]
            name = f"GET {page_paths[0]} (no search page yet)"
        else:
            name = "GET /search/?q=…&country&cause&date_from&city&radius"

        def page(i: int) -> object:
            status, _, content = anonymous.request("GET", page_paths[i % len(page_paths)])
            if status != 200:
                raise RuntimeError(f"{page_paths[i % len(page_paths)]} answered {status}")
            return content

        # A full search (words, filters, radius) for reference; the target is the list's.
        report.add(f"HTTP {name}", measure(page, args.repeat, args.time_limit))

        def listing(i: int) -> object:
            # The list as a visitor first sees it (page 1), and the pages after it.
            number = i % 5 + 1
            path = "/search/" if number == 1 else f"/search/?page={number}"
            status, _, content = anonymous.request("GET", path)
            if status != 200:
                raise RuntimeError(f"{path} answered {status}")
            return content

        report.add(
            "HTTP GET /search/ (the opportunity list, pages 1-5)",
            measure(listing, args.repeat, args.time_limit),
            target="page",
        )
        anonymous.close()
        _apply_over_http(report, args, volunteers, plans)


def _apply_over_http(
    report: Report,
    args: argparse.Namespace,
    volunteers: list[Any],
    plans: list[list[tuple[int, int]]],
) -> None:
    from council.projects.models import Application

    browsers = []
    for user in volunteers:
        browser = Browser(args.port)
        if not browser.sign_in(user.email, BENCH_PASSWORD):
            print(
                f"  could not sign in {user.email} over HTTP (allauth limits sign-ins per "
                "address and minute: wait a minute between two runs)"
            )
            return
        browsers.append(browser)
    attempts = [
        (browsers[number], opportunity, shift)
        for round_ in range(max(len(plan) for plan in plans))
        for number, plan in enumerate(plans)
        if round_ < len(plan)
        for opportunity, shift in [plan[round_]]
    ]
    if len(attempts) < 10:
        print("  not enough upcoming instant-mode shifts with free seats to apply to")
        return
    failures: list[str] = []
    samples: list[float] = []
    deadline = time.monotonic() + args.time_limit
    for browser, opportunity, shift in attempts[: args.repeat]:
        if time.monotonic() > deadline:
            break
        path = f"/opportunities/{opportunity}/apply/"
        started = time.perf_counter()
        status, headers, content = browser.request("POST", path, {"shift": shift})
        samples.append((time.perf_counter() - started) * 1000)
        if status != 302 or "/accounts/login" in headers.get("location", ""):
            errors = re.findall(r'class="[^"]*error[^"]*"[^>]*>([^<]+)', content.decode())
            failures.append(f"{path} shift {shift}: {status} {errors[:1]}")
    for browser in browsers:
        browser.close()
    made = Application.objects.filter(volunteer__in=volunteers).values_list("status", flat=True)
    statuses = {status: list(made).count(status) for status in set(made)}
    print(
        f"  apply: {len(samples)} POSTs by {len(browsers)} signed-in volunteers, "
        f"{len(failures)} refused; applications now {statuses}"
    )
    for failure in failures[:3]:
        print(f"    refused: {failure}")
    report.add("HTTP POST /opportunities/<pk>/apply/ (instant mode)", samples, target="apply")


def _create_database(url: str) -> None:
    import psycopg

    base, _, name = url.rpartition("/")
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


if __name__ == "__main__":
    sys.exit(main())
