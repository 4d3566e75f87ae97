from __future__ import annotations

import logging
import signal
import threading
from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import DatabaseError, close_old_connections
from django.utils import timezone

from council.ops.services import job_run, jobs_due

logger = logging.getLogger("council.jobs")

# Look at the JobRun rows at least this often: another runner may have run a job meanwhile.
POLL = timedelta(seconds=60)


class Command(BaseCommand):
    help = (
        "Run the periodic jobs of the registry (council/ops/jobs.py) as they fall due, each "
        "`every` after its last start, and sleep until the next one: the runner of development "
        "and of a Procfile; production uses the systemd timers. --once runs what is due and "
        "exits. SIGTERM or Ctrl-C stops it after the job that is running."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="run the due jobs and exit")

    def handle(self, *args: Any, once: bool, **options: Any) -> None:
        stop = threading.Event()
        signals = (signal.SIGTERM, signal.SIGINT)
        previous = {signum: signal.signal(signum, lambda *_: stop.set()) for signum in signals}
        try:
            self._loop(stop=stop, once=once)
        finally:
            for signum, handler in previous.items():
                signal.signal(signum, handler)

    def _loop(self, *, stop: threading.Event, once: bool) -> None:
        while True:
            now = timezone.now()
            try:
                due, next_at = jobs_due(now=now)
                for job in due:
                    if stop.is_set():
                        return
                    outcome = job_run(name=job.name)
                    self.stdout.write(
                        f"{job.name} {outcome.outcome}: count {outcome.count}, "
                        f"{outcome.duration_ms} ms"
                    )
            except DatabaseError:
                logger.exception("periodic jobs: the database failed; trying again later")
                due, next_at = [], now + POLL
            if once or stop.is_set():
                return
            if not due:
                stop.wait(min(next_at - now, POLL).total_seconds())
                if stop.is_set():
                    return
                close_old_connections()  # drop a connection that broke or aged while asleep
