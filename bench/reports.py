"""Benchmarks of the reports at national scale on PostgreSQL.

Run on the database `bench/run.py` seeds (`seed_demo --scale 1000000`: 1M volunteers, 20k
organisations, 300k profiles with a date of birth, 40k projects with causes and SDG targets):

    .venv/bin/python bench/reports.py --database-url postgres://postgres@127.0.0.1:5432/council_bench

1. Hours. Tops `hours_hoursentry` up to `--entries` rows (20M: ~20 per volunteer, skewed
   towards the lower user ids) with set-based SQL on the server, in chunks committed one by one
   with their M2M rows (the project's causes and SDG targets), so an interrupted load keeps
   what it had done. An entry: a random non-staff user, a random project (its owner's country
   and region), a day in 2024-01-01 … 2026-11-20, 0.5-8 h in quarter hours, 8% in paid work
   time; 85% verified (valued at a country's illustrative hourly rate, with the volunteer's age
   band on the day), 8% submitted, 7% rejected. Then VACUUM ANALYZE, and
   `rollups_rebuild()` when the aggregate tables do not add up to the verified entries
   (empty, or the entries changed outside the services that maintain them). The aggregate
   tables are vacuumed on every run (their visibility map makes index-only scans real).
2. Cases, each timed at most `--repeat` times and for at most `--time-limit` seconds: the
   council's dashboard with its four charts (no filter, a region, a cause, an organisation),
   the SDG report, the open statistics, and verifying one entry (the aggregates maintained in
   its transaction). The ratio to raw SQL replays the statements a first call issued.

Figures are reported, never asserted. A case whose p95 is over its target gets, at the end,
its statements' time by shape (statements that differ only in their literals together) and
EXPLAIN (ANALYZE, BUFFERS) of the slowest statement of the costliest shape.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import run as base

YEAR = 2026
FIRST_DAY = date(2024, 1, 1)
LAST_DAY = date(2026, 11, 20)
# Illustrative hourly rates in local currency (a bench's, not a wage table's).
RATES = (("RU", 450, "RUB"), ("KZ", 2500, "KZT"))
OTHER_RATE = (20, "USD")
EXCHANGE_RATES = (("RUB", "0.011"), ("KZT", "0.0021"))
EXCHANGE_SOURCE = "Illustrative rate (bench)"
# A first call slower than this is its own warm-up (a 5-call warm-up would take minutes).
SLOW_FIRST_CALL_MS = 1000.0
PLAN_LINES = 30

base.TARGETS["report"] = ("p95", 300.0)


class Table(base.Report):
    """bench/run.py's table, with "—" where a case has no raw SQL to compare with."""

    @staticmethod
    def print_row(row: tuple[str, int, tuple[float, float, float], float | None, str]) -> None:
        name, count, (p50, p95, p99), ratio, goal = row
        shown = f"{ratio:10.1f}" if ratio is not None else f"{'—':>10}"
        print(f"{name:<60} {count:5d} {p50:8.2f} {p95:8.2f} {p99:8.2f} {shown}  {goal}", flush=True)


Statements = list[tuple[str, Sequence[Any] | None]]


@dataclass
class Slow:
    name: str
    p95: float
    statements: Statements
    times: list[float]  # ms per statement, in the captured call


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--database-url", default="postgres://postgres@127.0.0.1:5432/council_bench"
    )
    parser.add_argument("--entries", type=int, default=20_000_000, help="hours entries wanted")
    parser.add_argument("--chunk", type=int, default=2_000_000, help="entries per transaction")
    parser.add_argument(
        "--load-work-mem", default="256MB", help="work_mem of the load and the rollup rebuild"
    )
    parser.add_argument("--repeat", type=int, default=200)
    parser.add_argument("--time-limit", type=float, default=60.0, help="seconds per case")
    parser.add_argument(
        "--load-only",
        action="store_true",
        help="load the entries and stop (no rollup rebuild, no cases)",
    )
    args = parser.parse_args()
    if not args.database_url.startswith("postgres"):
        print("The benchmarks run on PostgreSQL: pass --database-url postgres://…")
        return 2
    os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "council.settings")
    os.environ.setdefault("DEBUG", "false")
    warnings.filterwarnings("ignore", message="No directory at")
    base._create_database(args.database_url)

    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    if not _scale_data_present():
        print("No scale data: seed it first (bench/run.py, or seed_demo --scale 1000000).")
        return 2
    started = time.perf_counter()
    added = _load_entries(args)
    if added:
        _vacuum(ENTRY_TABLES, "the entries and their M2M rows")
    if args.load_only:
        print(f"entries loaded in {time.perf_counter() - started:.1f} s (--load-only)")
        return 0
    _rebuild_if_needed(args)
    _vacuum(ROLLUP_TABLES, "the aggregate tables")
    _exchange_rates()
    print(f"hours data ready in {time.perf_counter() - started:.1f} s\n")
    _print_sizes()
    base._print_settings()

    _print_others("before the cases")
    print(f"reference loop before the cases: {base.reference_loop():.0f} ms\n")
    table = Table()
    slow: list[Slow] = []
    table.header()
    _dashboards(table, args, slow)
    _role_dashboards(table, args, slow)
    _sdg_report(table, args, slow)
    _open_statistics(table, args, slow)
    _verify(table, args)
    print(f"\nreference loop after the cases: {base.reference_loop():.0f} ms")
    _print_others("after the cases")
    _explain(slow)
    return 0


# --- Data ------------------------------------------------------------------------------------


def _scale_data_present() -> bool:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM (SELECT 1 FROM projects_project LIMIT 1000) p")
        return cursor.fetchone()[0] >= 1000


def _count(sql: str) -> int:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(sql)
        return int(cursor.fetchone()[0])


def _pools() -> tuple[int, int]:
    """Session-local numbered lists of the volunteers (non-staff users, with their dates of
    birth) and of the projects (with their owners' place and an hourly rate): a random number
    picks a row by an equality join. Returns their sizes."""
    from django.db import connection

    rates = " ".join(f"WHEN '{code}' THEN {rate}" for code, rate, _c in RATES)
    currencies = " ".join(f"WHEN '{code}' THEN '{currency}'" for code, _r, currency in RATES)
    statements = [
        "DROP TABLE IF EXISTS bench_volunteer",
        "DROP TABLE IF EXISTS bench_project",
        "CREATE TEMP TABLE bench_volunteer AS "
        "SELECT row_number() OVER (ORDER BY u.id)::int AS n, u.id, p.date_of_birth AS birth "
        "FROM accounts_user u LEFT JOIN volunteers_volunteerprofile p ON p.user_id = u.id "
        "WHERE NOT u.is_staff AND NOT u.is_superuser",
        "ALTER TABLE bench_volunteer ADD PRIMARY KEY (n)",
        "CREATE TEMP TABLE bench_project AS "
        "SELECT row_number() OVER (ORDER BY p.id)::int AS n, p.id, p.owner_id, o.country_id, "
        f"o.region_id, CASE o.country_id {rates} ELSE {OTHER_RATE[0]} END AS rate, "
        f"CASE o.country_id {currencies} ELSE '{OTHER_RATE[1]}' END AS currency "
        "FROM projects_project p JOIN orgs_organisation o ON o.id = p.owner_id",
        "ALTER TABLE bench_project ADD PRIMARY KEY (n)",
        "ANALYZE bench_volunteer",
        "ANALYZE bench_project",
    ]
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)
    return _count("SELECT COUNT(*) FROM bench_volunteer"), _count(
        "SELECT COUNT(*) FROM bench_project"
    )


# The day, hours, paid-time flag, status and the picks are drawn once per row in `g` (OFFSET 0
# keeps the subquery from being flattened, which would draw random() again per reference).
INSERT_ENTRIES = """
INSERT INTO hours_hoursentry (
    date, hours, description, mode, during_paid_work, source, status, closed_automatically,
    reason, dispute, feedback, decided_at, created_at, value, currency, valuation_level,
    country_id, organisation_id, project_id, volunteer_id, age_band, region_id)
SELECT g.day, g.hours, '', 'organisation', g.paid, 'volunteer', g.status, false, '', '', '',
    CASE WHEN g.status <> 'submitted' THEN g.day::timestamptz END, g.day::timestamptz,
    CASE WHEN g.status = 'verified' THEN g.hours * p.rate END,
    CASE WHEN g.status = 'verified' THEN p.currency ELSE '' END,
    CASE WHEN g.status = 'verified' THEN 'country' ELSE '' END,
    p.country_id, p.owner_id, p.id, v.id,
    CASE WHEN g.status <> 'verified' OR v.birth IS NULL THEN ''
        WHEN extract(year FROM age(g.day, v.birth)) < 14 THEN 'under_14'
        WHEN extract(year FROM age(g.day, v.birth)) < 18 THEN '14_17'
        WHEN extract(year FROM age(g.day, v.birth)) >= 55 THEN 'silver'
        ELSE 'adult' END,
    p.region_id
FROM (
    SELECT %(first)s::date + floor(random() * %(days)s)::int AS day,
        0.5 + floor(random() * 31) * 0.25 AS hours,
        random() < 0.08 AS paid,
        CASE WHEN s.r < 0.85 THEN 'verified' WHEN s.r < 0.93 THEN 'submitted'
            ELSE 'rejected' END AS status,
        1 + floor(%(volunteers)s * power(random(), 1.5))::int AS vn,
        1 + floor(%(projects)s * random())::int AS pn
    FROM (SELECT random() AS r FROM generate_series(1, %(count)s) OFFSET 0) s
    OFFSET 0
) g
JOIN bench_volunteer v ON v.n = g.vn
JOIN bench_project p ON p.n = g.pn
"""

INSERT_CAUSES = (
    "INSERT INTO hours_hoursentry_causes (hoursentry_id, cause_id) "
    "SELECT e.id, pc.cause_id FROM hours_hoursentry e "
    "JOIN projects_project_causes pc ON pc.project_id = e.project_id WHERE e.id > %s"
)
INSERT_TARGETS = (
    "INSERT INTO hours_hoursentry_sdg_targets (hoursentry_id, sdgtarget_id) "
    "SELECT e.id, pt.sdgtarget_id FROM hours_hoursentry e "
    "JOIN projects_project_sdg_targets pt ON pt.project_id = e.project_id WHERE e.id > %s"
)


def _load_entries(args: argparse.Namespace) -> int:
    """Top the entries up to `--entries`, a chunk per transaction (entries and their M2M
    rows together). Returns how many were added."""
    from django.db import connection, transaction

    have = _count("SELECT COUNT(*) FROM hours_hoursentry")
    missing = args.entries - have
    if missing <= 0:
        print(f"hours entries: {have:,} already (≥ {args.entries:,} wanted), nothing to load")
        return 0
    print(f"hours entries: {have:,}, loading {missing:,} in chunks of {args.chunk:,}")
    volunteers, projects = _pools()
    started = time.perf_counter()
    done = 0
    while done < missing:
        count = min(args.chunk, missing - done)
        chunk_started = time.perf_counter()
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"SET LOCAL work_mem = '{args.load_work_mem}'")
            cursor.execute("SELECT COALESCE(MAX(id), 0) FROM hours_hoursentry")
            last = cursor.fetchone()[0]
            cursor.execute(
                INSERT_ENTRIES,
                {
                    "first": FIRST_DAY,
                    "days": (LAST_DAY - FIRST_DAY).days + 1,
                    "volunteers": volunteers,
                    "projects": projects,
                    "count": count,
                },
            )
            inserted = cursor.rowcount
            entries_s = time.perf_counter() - chunk_started
            cursor.execute(INSERT_CAUSES, [last])
            causes = cursor.rowcount
            cursor.execute(INSERT_TARGETS, [last])
            targets = cursor.rowcount
        done += inserted
        took = time.perf_counter() - chunk_started
        print(
            f"  +{inserted:,} entries in {entries_s:.1f} s ({inserted / entries_s:,.0f} rows/s), "
            f"+{causes:,} causes and +{targets:,} SDG targets: {took:.1f} s "
            f"({(inserted + causes + targets) / took:,.0f} rows/s); "
            f"{have + done:,} entries",
            flush=True,
        )
    elapsed = time.perf_counter() - started
    print(f"loaded {done:,} entries in {elapsed:.1f} s ({done / elapsed:,.0f} entries/s)")
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS bench_volunteer")
        cursor.execute("DROP TABLE IF EXISTS bench_project")
    return done


ENTRY_TABLES = ("hours_hoursentry", "hours_hoursentry_causes", "hours_hoursentry_sdg_targets")
ROLLUP_TABLES = ("hours_hoursrollup", "hours_hoursfacetrollup", "hours_volunteercount")


def _vacuum(tables: Sequence[str], what: str) -> None:
    """VACUUM ANALYZE: fresh statistics, and a visibility map for index-only scans (without
    it every index-only scan of a freshly written table fetches its heap rows; autovacuum
    would get there at an unknown moment during the cases)."""
    from django.db import connection

    started = time.perf_counter()
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"VACUUM (ANALYZE) {table}")
    print(f"VACUUM ANALYZE of {what}: {time.perf_counter() - started:.1f} s")


def _rebuild_if_needed(args: argparse.Namespace) -> None:
    from django.db import connection, transaction

    from council.hours.services.rollups import rollups_rebuild

    verified = _count("SELECT COUNT(*) FROM hours_hoursentry WHERE status = 'verified'")
    counted = _count("SELECT COALESCE(SUM(entries), 0) FROM hours_hoursrollup")
    if counted == verified and verified:
        print(f"rollups: up to date ({counted:,} verified entries counted), no rebuild")
        return
    print(
        f"rollups: {counted:,} entries counted, {verified:,} verified: rebuilding "
        f"(work_mem {args.load_work_mem})",
        flush=True,
    )
    started = time.perf_counter()
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(f"SET LOCAL work_mem = '{args.load_work_mem}'")
        rows = rollups_rebuild()
    took = time.perf_counter() - started
    print(
        f"rollups_rebuild(): {took:.1f} s; rows: "
        + ", ".join(f"{name} {count:,}" for name, count in rows.items())
    )


def _exchange_rates() -> None:
    from council.hours.models import ExchangeRate

    for currency, rate in EXCHANGE_RATES:
        ExchangeRate.objects.get_or_create(
            currency=currency,
            to_currency="USD",
            as_of=date(2026, 1, 1),
            defaults={"rate": Decimal(rate), "source": EXCHANGE_SOURCE},
        )


def _print_sizes() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT COUNT(*), COUNT(*) FILTER (WHERE status = 'verified'), "
            f"COUNT(*) FILTER (WHERE status = 'verified' AND date >= '{YEAR}-01-01' "
            f"AND date <= '{YEAR}-12-31') FROM hours_hoursentry"
        )
        entries, verified, this_year = cursor.fetchone()
        cursor.execute(
            "SELECT (SELECT COUNT(*) FROM hours_hoursentry_causes), "
            "(SELECT COUNT(*) FROM hours_hoursentry_sdg_targets), "
            "(SELECT COUNT(*) FROM hours_hoursrollup), "
            "(SELECT COUNT(*) FROM hours_hoursfacetrollup), "
            "(SELECT COUNT(*) FROM hours_volunteercount), "
            "(SELECT COUNT(*) FROM (SELECT DISTINCT volunteer_id FROM hours_hoursentry) v), "
            "pg_size_pretty(pg_total_relation_size('hours_hoursentry')), "
            "pg_size_pretty(pg_database_size(current_database()))"
        )
        causes, targets, totals, facets, counts, people, size, database = cursor.fetchone()
    print(
        f"data: {entries:,} hours entries ({size}), {verified:,} verified ({this_year:,} in "
        f"{YEAR}); M2M: {causes:,} causes, {targets:,} SDG targets; rollups: {totals:,} "
        f"hoursrollup, {facets:,} hoursfacetrollup, {counts:,} volunteercount rows; "
        f"{people:,} volunteers with entries; database {database}\n"
    )


def _print_others(when: str) -> None:
    """Other sessions on this database: concurrent work would weigh on the figures."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT COUNT(*), COUNT(*) FILTER (WHERE state = 'active') FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        sessions, active = cursor.fetchone()
    print(f"other sessions on the database {when}: {sessions} ({active} active)")


# --- Cases -----------------------------------------------------------------------------------


def _capture(call: Callable[[], object]) -> tuple[Statements, list[float], float]:
    """The statements one call issues, their times in ms, and how long the call took (it is
    also a warm-up)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    started = time.perf_counter()
    with CaptureQueriesContext(connection) as captured:
        call()
    took = (time.perf_counter() - started) * 1000
    queries = captured.captured_queries
    return (
        [(query["sql"], None) for query in queries],
        [float(query["time"]) * 1000 for query in queries],
        took,
    )


def _measure(
    call: Callable[[int], object], args: argparse.Namespace, first_ms: float
) -> list[float]:
    """bench/run.py's loop after a first call of `first_ms`: four more warm-up calls, unless
    the first was slow enough to have warmed everything; when it took half the case's time
    limit or more, it is the only sample (another call could not end within the limit)."""
    if first_ms >= args.time_limit * 500:
        return [first_ms]
    warm = 0 if first_ms > SLOW_FIRST_CALL_MS else 4
    return base.measure(call, args.repeat, args.time_limit, warm=warm)


def _case(
    table: Table,
    args: argparse.Namespace,
    slow: list[Slow],
    name: str,
    call: Callable[[], object],
) -> None:
    from django.db import DatabaseError

    try:
        statements, times, first_ms = _capture(call)
        replay = base._raw(statements)
        started = time.perf_counter()
        replay()
        raw_first = (time.perf_counter() - started) * 1000
        raw = _measure(lambda _i: replay(), args, raw_first)
        samples = _measure(lambda _i: call(), args, first_ms)
    except DatabaseError as error:  # a statement cancelled from outside, say: go on
        print(f"{name:<60} failed: {type(error).__name__}: {str(error).strip()[:120]}")
        return
    table.add(f"  raw SQL: the same {len(statements)} statements", raw, raw)
    table.add(name, samples, raw, target="report")
    p95 = base.percentiles(samples)[1]
    if p95 > base.TARGETS["report"][1]:
        slow.append(Slow(name, p95, statements, times))


def _dashboards(table: Table, args: argparse.Namespace, slow: list[Slow]) -> None:
    from council.reference.models import Region
    from council.reports.figures import council_charts
    from council.reports.selectors.council import council_dashboard
    from council.reports.selectors.filters import Filters

    def dashboard(filters: Filters) -> Callable[[], object]:
        def call() -> object:
            columns = council_dashboard(filters, currency="USD")
            return council_charts(filters, columns)

        return call

    region, organisation, cause, goal = _busiest()
    region_name = Region.objects.filter(pk=region).values_list("name_en", flat=True).first()
    cases = [
        ("council dashboard + 4 charts, 2026", Filters(year=YEAR)),
        (
            f"  … region {region} ({region_name}, most entries)",
            Filters(year=YEAR, region=region),
        ),
        (f"  … cause “{cause}” (most entries)", Filters(year=YEAR, cause=cause)),
        ("  … region and cause", Filters(year=YEAR, region=region, cause=cause)),
        (
            f"  … cause and SDG goal {goal} (four charts from the aggregates)",
            Filters(year=YEAR, cause=cause, goal=goal),
        ),
        (
            f"  … organisation {organisation} (entries path)",
            Filters(year=YEAR, organisation=organisation),
        ),
    ]
    for name, filters in cases:
        _case(table, args, slow, name, dashboard(filters))


def _busiest() -> tuple[int, int, str, int]:
    """The region, the organisation and the cause with the most verified entries in YEAR,
    and the goal with the most entries of that cause."""
    from django.db import connection

    start, end = f"{YEAR}-01-01", f"{YEAR}-12-31"
    with connection.cursor() as cursor:
        picks = []
        for column, table, extra in (
            ("region", "hours_hoursrollup", "AND region <> 0"),
            ("organisation", "hours_hoursrollup", ""),
            ("key", "hours_hoursfacetrollup", "AND kind = 'cause'"),
        ):
            cursor.execute(
                f"SELECT {column} FROM {table} WHERE month >= %s AND month <= %s {extra} "
                f"GROUP BY {column} ORDER BY SUM(entries) DESC, {column} LIMIT 1",
                [start, end],
            )
            picks.append(cursor.fetchone()[0])
        cursor.execute(
            "SELECT key FROM hours_hoursfacetrollup WHERE month >= %s AND month <= %s "
            "AND kind = 'cause_goal' AND key LIKE %s GROUP BY key ORDER BY SUM(entries) DESC, "
            "key LIMIT 1",
            [start, end, f"{picks[2]}|%"],
        )
        goal = int(cursor.fetchone()[0].split("|")[1])
    return picks[0], picks[1], picks[2], goal


def _role_dashboards(table: Table, args: argparse.Namespace, slow: list[Slow]) -> None:
    """The busiest organisation's own dashboard and the Russian network's (the selectors its
    page calls; the charts are drawn from what they return)."""
    from council.reports.selectors.council import council_dashboard
    from council.reports.selectors.filters import Filters
    from council.reports.selectors.network import network_figures
    from council.reports.selectors.organisation import organisation_figures
    from council.reports.selectors.sums import sums_by

    _region, organisation, _cause, _goal = _busiest()
    filters = Filters(year=YEAR)

    def organisation_page() -> object:
        figures = organisation_figures(organisation_id=organisation, filters=filters)
        return figures, sums_by(filters.without(organisation=organisation), "month")

    def network_page() -> object:
        scoped = filters.without(countries=("RU",))
        return council_dashboard(scoped, currency="USD"), network_figures(
            country="RU", filters=scoped
        )

    _case(table, args, slow, f"organisation {organisation}'s dashboard, 2026", organisation_page)
    _case(table, args, slow, "national network dashboard (RU), 2026", network_page)


def _sdg_report(table: Table, args: argparse.Namespace, slow: list[Slow]) -> None:
    from council.reports.figures import sdg_tables
    from council.reports.selectors.filters import Filters

    _case(table, args, slow, "SDG report (sdg_tables), 2026", lambda: sdg_tables(Filters(YEAR)))


def _open_statistics(table: Table, args: argparse.Namespace, slow: list[Slow]) -> None:
    from council.reports.selectors.statistics import open_statistics

    _case(table, args, slow, "open statistics 2026", lambda: open_statistics(year=YEAR))


def _verify(table: Table, args: argparse.Namespace) -> None:
    """hours_verify of submitted entries of distinct volunteers, by an administrator of the
    entry's organisation (or the superuser when that is the volunteer)."""
    from django.db import connection

    from council.accounts.models import User
    from council.hours.models import HoursEntry
    from council.hours.services.entries import hours_verify

    wanted = args.repeat + 5
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT e.id, e.volunteer_id, m.user_id FROM hours_hoursentry e "
            "LEFT JOIN LATERAL (SELECT user_id FROM orgs_membership m "
            "  WHERE m.organisation_id = e.organisation_id AND m.role = 'admin' "
            "  ORDER BY m.id LIMIT 1) m ON true "
            "WHERE e.status = 'submitted' AND e.date >= %s ORDER BY e.id DESC LIMIT %s",
            [f"{YEAR}-01-01", wanted * 4],
        )
        rows = cursor.fetchall()
    superuser = User.objects.filter(is_superuser=True).order_by("pk").first()
    picked: list[tuple[int, int]] = []
    seen: set[int] = set()
    for entry_id, volunteer_id, admin_id in rows:
        if volunteer_id in seen:
            continue
        actor = admin_id if admin_id and admin_id != volunteer_id else None
        if actor is None:
            if superuser is None or superuser.pk == volunteer_id:
                continue
            actor = superuser.pk
        seen.add(volunteer_id)
        picked.append((entry_id, actor))
        if len(picked) == wanted:
            break
    if len(picked) < 10:
        print(f"{'verify one entry':<60} not enough submitted entries")
        return
    actors = {user.pk: user for user in User.objects.filter(pk__in={a for _e, a in picked})}
    entries = {e.pk: e for e in HoursEntry.objects.filter(pk__in=[e for e, _a in picked])}
    queue = iter(picked)

    def call(_i: int) -> object:
        entry_id, actor_id = next(queue)
        return hours_verify(actor=actors[actor_id], entry=entries[entry_id])

    samples = base.measure(call, min(args.repeat, len(picked) - 5), args.time_limit)
    table.add("verify one entry (hours_verify, incremental maintenance)", samples)


# --- Plans of the slow cases -------------------------------------------------------------------


def _explain(slow: list[Slow]) -> None:
    from django.db import connection

    if not slow:
        return
    print(f"\nslow cases (p95 over {base.TARGETS['report'][1]:g} ms): the slowest statement")
    for case in slow:
        shapes: dict[str, list[tuple[float, str]]] = {}
        for (sql, _params), ms in zip(case.statements, case.times, strict=True):
            shapes.setdefault(_shape(sql), []).append((ms, sql))
        # The statements that differ only in their literals (a goal number, say) together.
        ranked = sorted(shapes.values(), key=lambda group: -sum(ms for ms, _s in group))
        print(
            f"\n{case.name.strip()}: p95 {case.p95:.0f} ms; {len(case.times)} statements, "
            f"{sum(case.times):.0f} ms in the captured call; by shape (count × ms):"
        )
        for group in ranked[:4]:
            total = sum(ms for ms, _s in group)
            print(
                f"  {len(group):3d} × {total / len(group):8.1f} ms = {total:8.0f} ms  "
                f"{_cut(group[0][1], 110)}"
            )
        took, sql = max(ranked[0])
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}")
            plan = [row[0] for row in cursor.fetchall()]
        print(f"  the slowest of the first shape ({took:.0f} ms):\n  {_cut(sql, 1500)}")
        for line in plan[:PLAN_LINES]:
            print(f"    {_cut(line, 200)}")
        if len(plan) > PLAN_LINES:
            print(f"    … ({len(plan) - PLAN_LINES - 1} more lines)")
            print(f"    {plan[-1]}")


def _cut(text: str, length: int) -> str:
    return text if len(text) <= length else f"{text[:length]} … ({len(text):,} characters)"


def _shape(sql: str) -> str:
    """The statement without its literals: statements that differ only in a goal number."""
    import re

    return re.sub(r"'[^']*'|\b\d+\b", "?", sql)


if __name__ == "__main__":
    sys.exit(main())
