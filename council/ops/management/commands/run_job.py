from __future__ import annotations

import signal
import sys
from types import FrameType
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from council.ops.services import FAILED, UnknownJob, job_run


def _exit(signum: int, frame: FrameType | None) -> None:
    sys.exit(128 + signum)  # SystemExit: job_run frees the job's lease on its way out


class Command(BaseCommand):
    help = (
        "Run one periodic job of the registry (council/ops/jobs.py) unless another run of it is "
        "going on (then skip it), and record the run in its JobRun row. Exits non-zero when "
        "the job fails. The systemd timers run it (deploy/systemd/council-job@.service)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("name", help="the job, as named in council/ops/jobs.py")

    def handle(self, *args: Any, name: str, **options: Any) -> None:
        previous = signal.signal(signal.SIGTERM, _exit)
        try:
            outcome = job_run(name=name)
        except UnknownJob as error:
            raise CommandError(str(error)) from None
        finally:
            signal.signal(signal.SIGTERM, previous)
        if outcome.outcome == FAILED:
            raise CommandError(f"{name} failed after {outcome.duration_ms} ms: {outcome.error}")
        self.stdout.write(
            f"{name} {outcome.outcome}: count {outcome.count}, {outcome.duration_ms} ms"
        )
