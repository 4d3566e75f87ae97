from typing import Any

from django.core.management.base import BaseCommand

from council.cooperation.services.agreements import agreements_close_expired


class Command(BaseCommand):
    help = (
        "Mark agreements in force whose term ended before today as expired (each audited "
        "once; an extension recorded later puts it in force again). Idempotent: run daily."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"Agreements expired: {agreements_close_expired()}.")
