from typing import Any

from django.core.management.base import BaseCommand

from council.forums.services import holds_expire


class Command(BaseCommand):
    help = (
        "Expire offered seats whose hold has run out and offer each freed seat to the next "
        "person waiting in the quota. Idempotent and safe to run twice at once (each hold is "
        "re-checked under the forum and quota locks): run it every few minutes."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        expired = holds_expire()
        self.stdout.write(f"Holds expired: {expired}.")
