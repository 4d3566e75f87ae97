from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand
from django.db import connection

from council.projects.models import Opportunity
from council.projects.search_backend import reindex


class Command(BaseCommand):
    help = (
        "Rebuild the full-text index of every opportunity (after a change to the search keys; "
        "services keep it up to date otherwise)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        done = reindex(connection, Opportunity.objects.all())
        self.stdout.write(f"{done} opportunities indexed in {time.monotonic() - started:.1f} s.")
