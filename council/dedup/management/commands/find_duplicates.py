from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.management.base import CommandParser
from django.utils.dateparse import parse_datetime

from council.dedup.services.candidates import duplicates_find, duplicates_find_since_last_run
from council.lib.commands import JobCommand


class Command(JobCommand):
    help = (
        "Find likely duplicate people and organisations for the duplicates queue: people who "
        "joined or changed their names or date of birth since the last run (everyone on the "
        "first run, or with --all), compared with those who share a blocking key; "
        "organisations by registration number and name. Decided pairs stay decided. "
        "Idempotent: run it every night."
    )
    done = "Pairs new in the duplicates queue: {}."

    @staticmethod
    def job() -> int:
        return duplicates_find_since_last_run()

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--all", action="store_true", help="look at everyone again")
        parser.add_argument("--country", default="", help="only people of this country (KZ)")
        parser.add_argument("--since", default="", help="people changed since (ISO date-time)")

    def handle(self, *args: Any, **options: Any) -> None:
        if not (options["all"] or options["country"] or options["since"]):
            super().handle(*args, **options)
            return
        since: datetime | None = parse_datetime(options["since"]) if options["since"] else None
        if options["since"] and since is None:
            self.stderr.write("--since: give an ISO date-time, such as 2026-12-01T00:00:00Z.")
            return
        run = duplicates_find(country=options["country"].upper() or None, since=since)
        self.stdout.write(self.done.format(run.found))
