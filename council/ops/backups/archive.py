"""Making, checking, pruning and restoring backups. A backup is a folder of BACKUP_DIR named by
its UTC time (`20261206T023000Z`) holding the custom-format dump of the database, a tar archive
of the private files (signed copies of agreements) and one of the media, and `manifest.json`:
when, which database and server, each file's size and SHA-256, and the row count of every table
in the dump's own snapshot. A folder with that name is complete: it is written under a
`.partial-` name and renamed at the end."""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import re
import shutil
import subprocess
import tarfile
import tempfile
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import psycopg
from django.core.files.storage import FileSystemStorage, storages
from django.utils import timezone

from council.ops.backups.postgres import (
    BackupError,
    backup_database,
    connect,
    pg_environment,
    require_postgresql,
    table_row_counts,
)

MANIFEST = "manifest.json"
DUMP = "database.dump"
# Archive name → the storage whose folder it holds.
ARCHIVES = {"private.tar": "private", "media.tar": "default"}
NAME_FORMAT = "%Y%m%dT%H%M%SZ"
NAME_PATTERN = re.compile(r"^\d{8}T\d{6}Z(-\d+)?$")
PARTIAL_PREFIX = ".partial-"
_CHUNK = 1 << 20


@dataclass
class Backup:
    path: Path
    manifest: dict[str, Any]
    removed: list[Path] = field(default_factory=list)


def backup_create(*, dest: Path, keep: int, database: Mapping[str, Any] | None = None) -> Backup:
    """Write a new backup into `dest`, then remove all but the newest `keep` complete ones.
    Two runs at once take turns (a lock file in `dest`); a failed run leaves no folder and
    removes nothing."""
    if keep < 1:
        raise BackupError("Keep at least one backup (--keep 1 or more).")
    database = dict(database or backup_database())
    require_postgresql(database)
    dest.mkdir(parents=True, exist_ok=True)
    with _locked(dest):
        # Left by a run that was killed: no other run writes while we hold the lock.
        for leftover in dest.glob(PARTIAL_PREFIX + "*"):
            shutil.rmtree(leftover, ignore_errors=True)
        started = time.monotonic()
        created_at = timezone.now()
        partial = Path(tempfile.mkdtemp(prefix=PARTIAL_PREFIX, dir=dest))
        try:
            manifest = _write(partial, database, created_at)
            manifest["duration_seconds"] = round(time.monotonic() - started, 3)
            _write_file(partial / MANIFEST, json.dumps(manifest, indent=2).encode())
            final = _free_name(dest, created_at)
            os.rename(partial, final)
            _fsync(dest)
        except BaseException:
            shutil.rmtree(partial, ignore_errors=True)
            raise
        removed = backups_prune(dest=dest, keep=keep)
    return Backup(final, manifest, removed)


def backups_list(*, dest: Path) -> list[Path]:
    """The complete backups in `dest`, oldest first."""
    if not dest.is_dir():
        return []
    complete = [
        path
        for path in dest.iterdir()
        if path.is_dir() and NAME_PATTERN.match(path.name) and (path / MANIFEST).is_file()
    ]
    return sorted(complete, key=_order)


def _order(path: Path) -> tuple[str, int]:
    # Backups of the same second are numbered: …Z, …Z-1, …Z-2, … -10.
    time, _, number = path.name.partition("-")
    return time, int(number or 0)


def backups_prune(*, dest: Path, keep: int) -> list[Path]:
    """Remove all but the newest `keep` complete backups; other folders are left alone."""
    old = backups_list(dest=dest)[:-keep]
    for path in old:
        shutil.rmtree(path)
    return old


def backup_check(*, backup: Path) -> dict[str, Any]:
    """The backup's manifest, once every file it lists has its recorded size and SHA-256."""
    try:
        manifest: dict[str, Any] = json.loads((backup / MANIFEST).read_text())
    except (OSError, ValueError) as error:
        raise BackupError(f"{backup} has no readable {MANIFEST}: {error}") from error
    for name, recorded in manifest["files"].items():
        path = backup / name
        if not path.is_file():
            raise BackupError(f"{path} is missing.")
        size, digest = _size_and_sha256(path)
        if (size, digest) != (recorded["size"], recorded["sha256"]):
            raise BackupError(
                f"{path} is damaged: {size} bytes, SHA-256 {digest}; the manifest recorded "
                f"{recorded['size']} bytes, SHA-256 {recorded['sha256']}."
            )
    return manifest


def backup_restore_database(
    *, backup: Path, database: Mapping[str, Any], name: str, jobs: int = 2
) -> None:
    """Restore the dump into the existing, empty database `name` on `database`'s server."""
    _run(
        [
            "pg_restore",
            "--exit-on-error",
            "--no-owner",
            "--no-privileges",
            "--no-password",
            f"--jobs={jobs}",
            f"--dbname={name}",
            str(backup / DUMP),
        ],
        pg_environment(database, name=name),
    )


def backup_restore_files(*, backup: Path, private_root: Path, media_root: Path) -> None:
    """Unpack the private files and the media into empty (or new) folders."""
    for archive, root in (("private.tar", private_root), ("media.tar", media_root)):
        root.mkdir(parents=True, exist_ok=True)
        if any(root.iterdir()):
            raise BackupError(f"{root} is not empty; restore the files into an empty folder.")
        with tarfile.open(backup / archive) as tar:
            # The "data" filter refuses absolute names, links out of the folder and devices.
            tar.extractall(root, filter="data")


def _write(folder: Path, database: Mapping[str, Any], created_at: datetime) -> dict[str, Any]:
    try:
        connection = connect(database)
    except psycopg.Error as error:
        raise BackupError(f"Cannot connect to the database: {error}".strip()) from error
    with connection:
        # The counts and the dump read one snapshot: pg_dump imports the one this open
        # transaction exports, so the manifest counts exactly the rows the dump holds.
        connection.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
        connection.read_only = True
        with connection.cursor() as cursor:
            snapshot = _one(cursor.execute("select pg_export_snapshot()"))
            server_version = _one(cursor.execute("show server_version"))
            name = _one(cursor.execute("select current_database()"))
        tables = table_row_counts(connection)
        _run(
            [
                "pg_dump",
                "--format=custom",
                "--no-password",
                f"--snapshot={snapshot}",
                f"--file={folder / DUMP}",
            ],
            pg_environment(database),
        )
        connection.rollback()
    _fsync(folder / DUMP)
    archives = {
        archive: _archive(storages[alias], folder / archive) for archive, alias in ARCHIVES.items()
    }
    return {
        "format": "council-backup",
        "version": 1,
        "created_at": created_at.isoformat(),
        "database": {
            "name": name,
            "host": database.get("HOST") or "",
            "port": str(database.get("PORT") or ""),
            "server_version": server_version,
            "pg_dump": _run(["pg_dump", "--version"], {}).strip(),
        },
        "files": {
            path.name: dict(zip(("size", "sha256"), _size_and_sha256(path), strict=True))
            for path in sorted(folder.iterdir())
        },
        "archives": archives,
        "tables": tables,
        "rows": sum(tables.values()),
    }


def _archive(storage: Any, target: Path) -> dict[str, Any]:
    """A tar of a file-system storage's folder, with the number of files and their bytes."""
    if not isinstance(storage, FileSystemStorage):
        # Object storage (S3) keeps its own copies: versioning and replication of the bucket.
        _write_file(target, b"")
        return {"skipped": f"{type(storage).__name__} is not on this machine's disk"}
    root = Path(storage.location)
    files = size = 0
    with tarfile.open(target, "w") as tar:
        if root.is_dir():
            for path in sorted(root.rglob("*")):
                tar.add(path, arcname=str(path.relative_to(root)), recursive=False)
                if path.is_file() and not path.is_symlink():
                    files += 1
                    size += path.stat().st_size
    _fsync(target)
    return {"source": str(root), "files": files, "bytes": size}


def _run(arguments: list[str], environment: Mapping[str, str]) -> str:
    try:
        finished = subprocess.run(  # noqa: S603 (fixed programs, arguments of our own)
            arguments,
            env={**os.environ, **environment},
            capture_output=True,
            text=True,
            check=False,
        )
    except FileNotFoundError as error:
        raise BackupError(
            f"{arguments[0]} was not found: install the PostgreSQL client of the server's "
            "version (postgresql-client-15)."
        ) from error
    if finished.returncode:
        raise BackupError(
            f"{arguments[0]} failed (exit {finished.returncode}): {finished.stderr.strip()}"
        )
    return finished.stdout


def _one(cursor: psycopg.Cursor[Any]) -> str:
    row = cursor.fetchone()
    assert row is not None
    return str(row[0])


def _size_and_sha256(path: Path) -> tuple[int, str]:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        while chunk := file.read(_CHUNK):
            digest.update(chunk)
    return path.stat().st_size, digest.hexdigest()


def _free_name(dest: Path, created_at: datetime) -> Path:
    # A backup made in the same second as an existing one sorts after all of them, even when
    # an earlier one of that second has been pruned: the next number is past the highest.
    base = created_at.astimezone(UTC).strftime(NAME_FORMAT)
    taken = [
        _order(path)[1]
        for path in dest.iterdir()
        if NAME_PATTERN.match(path.name) and _order(path)[0] == base
    ]
    if not taken:
        return dest / base
    return dest / f"{base}-{max(taken) + 1}"


def _write_file(path: Path, data: bytes) -> None:
    with path.open("wb") as file:
        file.write(data)
        file.flush()
        os.fsync(file.fileno())


def _fsync(path: Path) -> None:
    """Flush a file or a folder's entries (a rename) to the disk."""
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


@contextmanager
def _locked(dest: Path) -> Iterator[None]:
    with (dest / ".lock").open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
