from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from council.demo.matching_set import SEED, build_pairs
from council.lib.matching.measure import measure, report


class Command(BaseCommand):
    help = (
        "Measure the person matcher (council/lib/matching) on the labelled set of "
        "council/demo/matching_set: at least 2,000 pairs of one person written twice or two "
        "people, in Russian Cyrillic, Kazakh Cyrillic and Latin. Prints precision, recall "
        "and F1 at the threshold (target: precision >= 0.98 at recall >= 0.90), recall per "
        "variation, the cost of one comparison, and with --verbose the worst mistakes. "
        "Needs no database."
    )
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seed", type=int, default=SEED, help="Another labelled set.")
        parser.add_argument(
            "--verbose", action="store_true", help="Also the worst false positives/negatives."
        )
        parser.add_argument("--worst", type=int, default=10, help="How many of each (10).")

    def handle(self, *args: Any, **options: Any) -> None:
        figures = measure(build_pairs(options["seed"]), worst=options["worst"])
        for line in report(figures, verbose=options["verbose"]):
            self.stdout.write(line)
