"""Benchmarks on PostgreSQL with synthetic national-scale data (`make bench`).

Prepares a database (migrate, reference data, `seed_demo --scale N`), then measures each
case many times and prints p50, p95 and p99 in milliseconds and the ratio to the raw SQL of
the same query. It reports figures; it asserts nothing about them.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def percentiles(samples: list[float]) -> tuple[float, float, float]:
    ordered = sorted(samples)
    cuts = statistics.quantiles(ordered, n=100, method="inclusive")
    return cuts[49], cuts[94], cuts[98]


def measure(run: Callable[[], object], repeat: int) -> list[float]:
    for _ in range(5):  # warm caches and connections
        run()
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--database-url", default="postgres://postgres@127.0.0.1:5432/council_bench"
    )
    parser.add_argument("--scale", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=300)
    args = parser.parse_args()
    if not args.database_url.startswith("postgres"):
        print("The benchmarks run on PostgreSQL: pass --database-url postgres://…")
        return 2
    os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "council.settings")
    _create_database(args.database_url)

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from council.orgs.selectors import organisations_public

    call_command("migrate", verbosity=0)
    call_command("load_reference")
    started = time.perf_counter()
    call_command("seed_demo", scale=args.scale)
    print(f"seed_demo --scale {args.scale}: {time.perf_counter() - started:.1f} s\n")

    # The raw SQL is the selector's own query, so the ratio is what the ORM adds on top.
    sql, params = organisations_public(country="KZ")[:25].query.sql_with_params()

    def raw() -> object:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def orm() -> object:
        return list(organisations_public(country="KZ")[:25])

    client = Client()

    def page() -> object:
        return client.get("/orgs/?country=KZ", HTTP_ACCEPT_LANGUAGE="ru").content

    def api() -> object:
        return client.get("/api/v1/organisations?country=KZ&limit=25").content

    raw_samples = measure(raw, args.repeat)
    raw_p50 = percentiles(raw_samples)[0]
    print(f"{'case':<44} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'× raw p50':>10}")
    for name, samples in [
        ("raw SQL: verified KZ organisations, page 1", raw_samples),
        ("selector organisations_public, page 1", measure(orm, args.repeat)),
        ("GET /orgs/?country=KZ (whole page)", measure(page, args.repeat)),
        ("GET /api/v1/organisations?country=KZ", measure(api, args.repeat)),
    ]:
        p50, p95, p99 = percentiles(samples)
        print(f"{name:<44} {p50:8.2f} {p95:8.2f} {p99:8.2f} {p50 / raw_p50:10.1f}")
    return 0


def _create_database(url: str) -> None:
    import psycopg

    base, _, name = url.rpartition("/")
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


if __name__ == "__main__":
    sys.exit(main())
