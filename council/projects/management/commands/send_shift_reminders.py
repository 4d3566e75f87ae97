from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from council.projects.services.reminders import shift_reminders_send


class Command(BaseCommand):
    help = (
        "Mail a reminder to every confirmed volunteer of each shift that starts within the next "
        "24 hours, once per shift. Idempotent: run it every few minutes (cron or a task)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        sent = shift_reminders_send(now=timezone.now())
        self.stdout.write(f"{sent} reminder(s) sent.")
