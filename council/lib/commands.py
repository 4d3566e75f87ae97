"""Management commands that run one idempotent job and say how much it did.

A command module holds `Command = job_command(help, job, done)`: `job` takes no argument and
returns a count, `done` is the line written after it with the count in place of `{}`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.management.base import BaseCommand


def job_command(help: str, job: Callable[[], int], done: str) -> type[BaseCommand]:
    """The `Command` class of a management command that runs `job` and writes `done`."""

    class Command(BaseCommand):
        def handle(self, *args: Any, **options: Any) -> None:
            self.stdout.write(done.format(job()))

    Command.help = help
    return Command
