from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from council.ops.backups import BackupError, backup_create


def _size(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB" if size >= 100_000 else f"{size / 1000:.1f} kB"


class Command(BaseCommand):
    help = (
        "Back up the PostgreSQL database (pg_dump, custom format) with the private files (signed "
        "copies of agreements) and the media into a new timestamped folder of --dest, with a "
        "manifest of sizes, SHA-256 sums and the row count of every table; then keep the newest "
        "--keep backups and remove older ones. Safe to run twice at once (they take turns). "
        "Refuses SQLite (docs/backups.md says how to copy it)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dest",
            type=Path,
            default=None,
            help="Folder of the backups (default: the BACKUP_DIR setting, data/backups).",
        )
        parser.add_argument(
            "--keep",
            type=int,
            default=None,
            help="How many backups to keep (default: the BACKUP_KEEP setting, 7).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        dest = options["dest"] or settings.BACKUP_DIR
        keep = options["keep"] if options["keep"] is not None else settings.BACKUP_KEEP
        try:
            backup = backup_create(dest=Path(dest), keep=keep)
        except BackupError as error:
            raise CommandError(str(error)) from error
        manifest = backup.manifest
        files = ", ".join(f"{name} {_size(f['size'])}" for name, f in manifest["files"].items())
        self.stdout.write(
            f"Backup {backup.path}: database {manifest['database']['name']} "
            f"(PostgreSQL {manifest['database']['server_version']}), "
            f"{len(manifest['tables'])} tables, {manifest['rows']:,} rows; {files}; "
            f"{manifest['duration_seconds']:.1f} s."
        )
        for path in backup.removed:
            self.stdout.write(f"Removed the older backup {path}.")
