"""Management commands that run one idempotent job and say how much it did.

A command module holds `Command = job_command(help, job, done)`: `job` takes no argument and
returns a count, `done` is the line written after it with the count in place of `{}`. The
class keeps the job as `Command.job`, so `manage.py run_job` (council.ops) calls it directly
and records the count."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from django.core.management.base import BaseCommand


class JobCommand(BaseCommand):
    """A command built by `job_command`: `job()` does the work and returns how much it did."""

    job: ClassVar[Callable[[], int]]
    done: ClassVar[str]

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(self.done.format(type(self).job()))


def job_command(help: str, job: Callable[[], int], done: str) -> type[JobCommand]:
    """The `Command` class of a management command that runs `job` and writes `done`."""

    class Command(JobCommand):
        pass

    # staticmethod: a plain function stored on a class would be bound to the instance.
    Command.job = staticmethod(job)  # type: ignore[assignment]
    Command.done = done
    Command.help = help
    return Command
