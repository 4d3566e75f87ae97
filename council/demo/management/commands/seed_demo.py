from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from council.demo.scale import DEFAULT_SEED, MAX_SCALE, ScaleError, seed_scale
from council.demo.seed import seed_demo


class Command(BaseCommand):
    help = (
        "Create the demo organisations, people, volunteer profiles, projects, opportunities, "
        "shifts and applications (idempotent). With --scale N, also add N synthetic volunteers, "
        "N/50 organisations and their activity for benchmarks: per million volunteers 300k "
        "profiles, 40k projects, 200k opportunities, ~1M shifts and ~5M applications (existing "
        "rows are kept)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--scale",
            type=int,
            default=0,
            metavar="N",
            help="Also generate N synthetic volunteers (v0000001@scale.example …), N/50 "
            "organisations and their profiles, projects, opportunities, shifts and "
            "applications; indices already present are skipped.",
        )
        parser.add_argument(
            "--seed", type=int, default=DEFAULT_SEED, help="Seed of the synthetic data."
        )
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Put back what a demo changed: persona names, languages and passwords, "
            "organisation texts and statuses, membership roles, volunteer profiles. Projects "
            "are left as the demo left them.",
        )
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Run even with COUNCIL_ENV=production (the demo logins share a known password).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if getattr(settings, "PRODUCTION", False) and not options["allow_production"]:
            raise CommandError(
                "Refusing to create demo logins with a known password in production; "
                "pass --allow-production if this really is a demo or benchmark server."
            )
        if not 0 <= options["scale"] <= MAX_SCALE:
            raise CommandError(f"--scale must be between 1 and {MAX_SCALE:,}.")
        started = time.perf_counter()
        created = seed_demo(reset=options["reset"])
        summary = ", ".join(f"{n} {name}" for name, n in sorted(created.items()) if n)
        self.stdout.write(
            f"Demo data: {summary or 'nothing new'} "
            f"({time.perf_counter() - started:.1f} s). See `manage.py demo_logins`."
        )
        if not options["scale"]:
            return
        started = time.perf_counter()
        try:
            rows = seed_scale(
                options["scale"],
                seed=options["seed"],
                progress=lambda line: self.stdout.write(f"  {line}"),
            )
        except ScaleError as error:
            raise CommandError(str(error)) from error
        elapsed = time.perf_counter() - started
        if not rows:
            self.stdout.write(f"Scale data for N={options['scale']} already present.")
        for table, count in rows.items():
            self.stdout.write(f"  {table:<28} {count:>10,} rows")
        self.stdout.write(f"Scale data: {sum(rows.values()):,} rows in {elapsed:.1f} s.")
