from typing import Any

from django.core.management.base import BaseCommand

from council.cooperation.services.plan import DUE_REMINDER_DAYS, commitments_remind


class Command(BaseCommand):
    help = (
        f"Mail the admins and coordinators of the organisations that own an open commitment "
        f"or action item of a joint plan due within {DUE_REMINDER_DAYS} days, each in their "
        f"language: once per commitment and due date (a new due date arms it again). Run daily."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"Commitments reminded: {commitments_remind()}.")
