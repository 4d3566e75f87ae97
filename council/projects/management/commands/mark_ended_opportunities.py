from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from council.projects.services.index import opportunities_mark_ended


class Command(BaseCommand):
    help = (
        "Mark the opportunities whose last shift has ended, so that lists of open ones skip "
        "them in their index. Idempotent: run it every few minutes or hourly (cron or a task); "
        "searches stay exact without it, only slower as ended rows pile up."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        marked = opportunities_mark_ended(at=timezone.now())
        self.stdout.write(f"Opportunities marked as ended: {marked}.")
