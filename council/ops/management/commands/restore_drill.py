from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from council.ops.backups import BackupError
from council.ops.backups.drill import drill_prepare, drill_verify, restore_drill
from council.ops.backups.postgres import backup_database


class Command(BaseCommand):
    help = (
        "Prove that a backup restores: on the PostgreSQL server of the default database (or "
        "BACKUP_DATABASE_URL), fill a new database drill_src_<random> with the demo data, a "
        "signed record book and a signed copy of an agreement; back it up with `manage.py "
        "backup`; restore it with pg_restore into a new database drill_restored_<random> and "
        "the files into a new folder; compare every table's row count, verify the record book "
        "against the restored key and data and open the signed copy. Both databases and the "
        "folders are removed at the end; any failure exits non-zero."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--step",
            choices=["prepare", "verify"],
            help="Internal: the part of the drill that runs inside one of its databases.",
        )
        parser.add_argument("evidence", nargs="?", type=Path, help="Internal: with --step.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            if options["step"]:
                if options["evidence"] is None:
                    raise CommandError("--step needs the evidence file.")
                step = drill_prepare if options["step"] == "prepare" else drill_verify
                for line in step(evidence=options["evidence"]):
                    self.stdout.write(line)
                return
            server = backup_database()
            if not str(server["ENGINE"]).endswith("postgresql"):
                raise CommandError(
                    "The restore drill needs a PostgreSQL server, where it makes databases of "
                    "its own: set DATABASE_URL=postgres://… (`make restore-drill` uses PG_URL)."
                )
            started = time.monotonic()
            report = restore_drill(server=server, write=self.stdout.write)
        except BackupError as error:
            raise CommandError(f"Restore drill failed: {error}") from error
        sizes = ", ".join(f"{name} {size / 1000:,.0f} kB" for name, size in report.sizes.items())
        self.stdout.write(
            f"Restore drill passed in {time.monotonic() - started:.1f} s: {report.tables} tables, "
            f"{report.rows:,} rows, the same on both sides; backup {sizes}."
        )
        for name, seconds in report.durations.items():
            self.stdout.write(f"  {name:<45} {seconds:6.1f} s")
