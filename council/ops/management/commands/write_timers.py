from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from council.ops.systemd import WRITTEN, units


class Command(BaseCommand):
    help = (
        "Write the systemd units of the periodic jobs into deploy/systemd/ from the registry "
        "(council/ops/jobs.py): the service template council-job@.service, one "
        "council-job@NAME.timer per job and the timeout of a job with a lease of its own; "
        "remove those of jobs no longer registered. "
        "--check writes nothing and exits non-zero when the files differ."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--check", action="store_true", help="compare, do not write")
        parser.add_argument(
            "--directory",
            type=Path,
            default=Path(settings.BASE_DIR) / "deploy" / "systemd",
            help="where the units are (default: deploy/systemd/)",
        )

    def handle(self, *args: Any, check: bool, directory: Path, **options: Any) -> None:
        wanted = units()
        found = {
            path.relative_to(directory).as_posix()
            for glob in WRITTEN
            for path in directory.glob(glob)
        }
        stale = sorted(found - wanted.keys())
        differing = sorted(
            name
            for name, text in wanted.items()
            if not (directory / name).is_file()
            or (directory / name).read_text(encoding="utf-8") != text
        )
        if check:
            if differing or stale:
                raise CommandError(
                    f"The units in {directory} differ from the registry "
                    f"(council/ops/jobs.py): {', '.join(differing + stale)}. "
                    "Run `manage.py write_timers`."
                )
            self.stdout.write(f"{len(wanted)} unit(s) in {directory} match the registry.")
            return
        directory.mkdir(parents=True, exist_ok=True)
        for name in differing:
            (directory / name).parent.mkdir(exist_ok=True)
            (directory / name).write_text(wanted[name], encoding="utf-8")
        for name in stale:
            path = directory / name
            path.unlink()
            if path.parent != directory and not any(path.parent.iterdir()):
                path.parent.rmdir()  # the drop-in folder of a job's own timeout
        self.stdout.write(
            f"{len(differing)} unit(s) written, {len(stale)} removed, in {directory}."
        )
