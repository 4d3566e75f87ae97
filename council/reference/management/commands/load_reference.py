from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand

from council.reference.services import reference_load


class Command(BaseCommand):
    help = (
        "Load countries, regions, cities, languages, SDG goals and targets, causes, skills and "
        "ISCO-08 groups. Idempotent: rows are upserted on their natural codes, so running it "
        "again changes nothing."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        counts = reference_load()
        summary = ", ".join(f"{count} {name.replace('_', ' ')}" for name, count in counts.items())
        elapsed = time.monotonic() - started
        self.stdout.write(f"Reference data loaded in {elapsed:.1f} s: {summary}.")
