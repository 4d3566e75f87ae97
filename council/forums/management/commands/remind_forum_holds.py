from typing import Any

from django.core.management.base import BaseCommand

from council.forums.services import holds_remind


class Command(BaseCommand):
    help = (
        "Mail everyone whose offered forum seat expires within 12 hours, once per offer. "
        "Idempotent: run it every few minutes, with expire_forum_holds."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        reminded = holds_remind()
        self.stdout.write(f"Hold reminders sent: {reminded}.")
