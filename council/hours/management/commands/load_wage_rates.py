from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from council.hours.services.valuation import DEMO_WAGE_TABLE, wage_rates_import


class Command(BaseCommand):
    help = (
        "Load hourly wage rates from CSV (columns: country, isco_group, year, currency, "
        "hourly_rate, source; an empty isco_group is the country's average wage). Rows update "
        "the rate of the same country, group and year. All rows or none: a bad row stops the "
        "load with its row, column and reason. Without a path, loads the demo table."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", nargs="?", default=str(DEMO_WAGE_TABLE))

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            # Stray bytes of another encoding reach the import as lone surrogates, which it
            # reports with their row and column.
            with open(
                options["path"], encoding="utf-8-sig", errors="surrogateescape", newline=""
            ) as stream:
                result = wage_rates_import(actor=None, stream=stream)
        except OSError as error:
            raise CommandError(str(error)) from error
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(f"Wage rates: {result.created} added, {result.updated} updated.")
