from typing import Any

from django.core.management.base import BaseCommand

from council.cooperation.services.agreements import agreements_remind


class Command(BaseCommand):
    help = (
        "Mail the council's secretariat, in each person's language, about every agreement in "
        "force that ends within 90 days and again within 30 days: once per threshold and end "
        "date, so running it twice (or at once) sends nothing more, and an extension arms the "
        "reminders again. Run daily."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"Reminders sent: {agreements_remind()}.")
