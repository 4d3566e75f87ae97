from typing import Any

from django.core.management.base import BaseCommand

from council.hours.services.checkin import checkins_close_forgotten


class Command(BaseCommand):
    help = (
        "Close every check-in still open after its shift has ended, at the end of the shift, "
        "flagged for the organiser to verify. Idempotent: run it every few minutes (cron or a "
        "task)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        closed = checkins_close_forgotten()
        self.stdout.write(f"Check-ins closed automatically: {closed}.")
