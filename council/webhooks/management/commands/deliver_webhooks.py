from __future__ import annotations

from argparse import ArgumentParser
from datetime import UTC, datetime
from typing import Any

from django.core.management.base import CommandError
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from council.lib.commands import JobCommand
from council.webhooks.services.delivery import deliveries_send_due


class Command(JobCommand):
    help = (
        "Send every webhook delivery that is due: new ones the task queue has not sent yet and "
        "retries whose back-off has run out (5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h), of "
        "active endpoints. Safe to run twice at once (each delivery is claimed first). Run it "
        "every minute."
    )
    done = "Webhook deliveries sent: {}."
    job = staticmethod(deliveries_send_due)

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--now",
            help="Send what is due at this ISO 8601 time instead of now (for tests and drills).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        now: datetime | None = None
        if options.get("now"):
            now = parse_datetime(options["now"])
            if now is None:
                raise CommandError("--now must be an ISO 8601 date and time.")
            if timezone.is_naive(now):
                now = timezone.make_aware(now, UTC)
        self.stdout.write(self.done.format(deliveries_send_due(now=now)))
