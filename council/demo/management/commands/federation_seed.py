from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from council.demo.personas import DEMO_PASSWORD
from council.demo.seed_federation import COUNTRIES, seed_node


class Command(BaseCommand):
    help = (
        "A national node's own demo data (council/demo/seed_federation.py): its national "
        "network, an organisation with a published project (an opportunity of instant "
        "confirmation, a shift starting shortly and one two weeks ahead with --seats places), "
        "a forum with quotas, the node's secretariat, an organiser and --volunteers volunteers "
        "with both consents. Idempotent; prints the logins."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--country", required=True, choices=COUNTRIES)
        parser.add_argument("--volunteers", type=int, default=10, help="How many (default 10).")
        parser.add_argument(
            "--seats", type=int, default=50, help="Places on the shift ahead (default 50)."
        )
        parser.add_argument(
            "--quiet", action="store_true", help="Print nothing but the counts of new rows."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        country = options["country"]
        if settings.NODE_COUNTRY and country != settings.NODE_COUNTRY:
            raise CommandError(
                f"This is the {settings.NODE_COUNTRY} node (NODE_COUNTRY): "
                f"it does not hold {country} data."
            )
        if options["volunteers"] < 0 or options["seats"] < 1:
            raise CommandError("--volunteers must be 0 or more and --seats 1 or more.")
        seeded = seed_node(
            country=country, volunteers=options["volunteers"], seats=options["seats"]
        )
        made = ", ".join(
            f"{count} {what}" for what, count in sorted(seeded.created.items()) if count
        )
        self.stdout.write(f"{country} node: {made or 'nothing new'}.")
        if options["quiet"]:
            return
        self.stdout.write(
            f"Opportunity {seeded.opportunity.pk} “{seeded.opportunity.title}”: shift "
            f"{seeded.soon.pk} at {seeded.soon.start:%Y-%m-%d %H:%M} UTC ({seeded.soon.capacity} "
            f"places), shift {seeded.ahead.pk} at {seeded.ahead.start:%Y-%m-%d %H:%M} UTC "
            f"({seeded.ahead.capacity} places); forum {seeded.forum.pk} “{seeded.forum.title}”."
        )
        self.stdout.write(f"Logins ({settings.SITE_URL}, password {DEMO_PASSWORD}):")
        shown = seeded.logins[:5]
        for login in shown:
            self.stdout.write(f"  {login.role:<17} {login.email:<32} {login.name}")
        if len(seeded.logins) > len(shown):
            self.stdout.write(f"  … and {len(seeded.logins) - len(shown)} more volunteers.")
