from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from council.accounts.models import User
from council.demo.personas import DEMO_PASSWORD, PERSONAS


class Command(BaseCommand):
    help = "List the demo logins that `seed_demo` creates."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--all",
            action="store_true",
            help="Also list the admins of every demo organisation and the demo volunteers.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        personas = [p for p in PERSONAS if p.main or options["all"]]
        present = set(
            User.objects.filter(email__in=[p.email for p in personas]).values_list(
                "email", flat=True
            )
        )
        rows = [("role", "email", "password", "language")]
        rows += [(p.role, p.email, DEMO_PASSWORD, p.language) for p in personas]
        widths = [max(len(row[i]) for row in rows) for i in range(4)]
        # SITE_URL is the address `make run` serves (HOST and PORT).
        self.stdout.write(f"Demo logins — open {settings.SITE_URL}")
        self.stdout.write("")
        for number, row in enumerate(rows):
            cells = (cell.ljust(width) for cell, width in zip(row, widths, strict=True))
            self.stdout.write("  ".join(cells).rstrip())
            if number == 0:
                self.stdout.write("  ".join("-" * width for width in widths))
        hidden = len(PERSONAS) - len(personas)
        if hidden:
            self.stdout.write(
                f"\n{hidden} more logins (organisation admins, volunteers): demo_logins --all."
            )
        missing = [p for p in personas if p.email not in present]
        if missing:
            self.stdout.write(
                self.style.WARNING(
                    f"{len(missing)} of these are not in the database yet: "
                    "run `manage.py seed_demo`."
                )
            )
