"""Backups that are proven to restore: `manage.py backup` and `manage.py restore_drill`
(docs/backups.md)."""

from council.ops.backups.archive import (
    Backup,
    backup_check,
    backup_create,
    backup_restore_database,
    backup_restore_files,
    backups_list,
    backups_prune,
)
from council.ops.backups.postgres import (
    BackupError,
    TableCount,
    compare_row_counts,
    format_comparison,
    table_row_counts,
)

__all__ = [
    "Backup",
    "BackupError",
    "TableCount",
    "backup_check",
    "backup_create",
    "backup_restore_database",
    "backup_restore_files",
    "backups_list",
    "backups_prune",
    "compare_row_counts",
    "format_comparison",
    "table_row_counts",
]
