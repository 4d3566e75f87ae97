from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from council.accounts.models import User
from council.demo.duties import duties
from council.demo.personas import DEMO_PASSWORD, PERSONAS


class Command(BaseCommand):
    help = "List the demo logins that `seed_demo` creates and what each person can do."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--all",
            action="store_true",
            help="Also list the admins of every demo organisation and the demo volunteers.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        personas = [p for p in PERSONAS if p.main or options["all"]]
        users = {u.email: u for u in User.objects.filter(email__in=[p.email for p in personas])}
        rows = [("role", "email", "language", "can do")]
        rows += [
            (p.role, p.email, p.language, "; ".join(duties(users[p.email])))
            if p.email in users
            else (p.role, p.email, p.language, "")
            for p in personas
        ]
        widths = [max(len(row[i]) for row in rows) for i in range(3)]
        # SITE_URL is the address `make run` serves (HOST and PORT).
        self.stdout.write(f"Demo logins — open {settings.SITE_URL} — password: {DEMO_PASSWORD}")
        if settings.EMAIL_BACKEND.endswith("console.EmailBackend"):
            self.stdout.write(
                "Mail (sign-up confirmation, password reset, notices) is printed in the "
                "terminal the server runs in."
            )
        self.stdout.write("")
        for number, row in enumerate(rows):
            cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
            self.stdout.write("  ".join([*cells, row[3]]).rstrip())
            if number == 0:
                self.stdout.write("  ".join("-" * width for width in [*widths, 6]))
        hidden = len(PERSONAS) - len(personas)
        if hidden:
            self.stdout.write(
                f"\n{hidden} more logins (organisation admins, volunteers): demo_logins --all."
            )
        missing = [p for p in personas if p.email not in users]
        if missing:
            self.stdout.write(
                self.style.WARNING(
                    f"{len(missing)} of these are not in the database yet: "
                    "run `manage.py seed_demo`."
                )
            )
