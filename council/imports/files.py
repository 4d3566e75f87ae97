"""The uploaded file of an import, read through the one table reader
(council.lib.spreadsheets): on the disk of private storage where it lies there, or from a
temporary copy when private storage is a bucket."""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from council.imports.models import ImportJob
from council.lib.spreadsheets import Table, open_table

# Sample values shown per column on the mapping step.
SAMPLE_ROWS = 5


@contextmanager
def local_path(job: ImportJob) -> Iterator[Path]:
    storage = job.file.storage
    try:
        path = Path(storage.path(job.file.name))
    except NotImplementedError:  # a bucket: copy it down for the reader
        handle, name = tempfile.mkstemp(suffix=Path(job.filename).suffix)
        try:
            with os.fdopen(handle, "wb") as copy, storage.open(job.file.name, "rb") as stored:
                shutil.copyfileobj(stored, copy)
            yield Path(name)
        finally:
            os.unlink(name)
        return
    yield path


@contextmanager
def job_table(job: ImportJob) -> Iterator[Table]:
    with local_path(job) as path:
        yield open_table(path, filename=job.filename, sheet=job.sheet or None)


def digest(stream: IO[bytes]) -> tuple[str, int]:
    """(SHA-256 in hex, size in bytes) of a stream, read in chunks from its start."""
    sha = hashlib.sha256()
    size = 0
    stream.seek(0)
    for chunk in iter(lambda: stream.read(1024 * 1024), b""):
        sha.update(chunk)
        size += len(chunk)
    stream.seek(0)
    return sha.hexdigest(), size


def samples(table: Table) -> list[list[str]]:
    """A few values of each column (column by column), for the mapping step."""
    columns: list[list[str]] = [[] for _header in table.headers]
    for count, (_number, cells) in enumerate(table.rows(), start=1):
        for index, value in enumerate(cells[: len(columns)]):
            if value is not None and len(columns[index]) < 3:
                columns[index].append(_shown(value))
        if count >= SAMPLE_ROWS:
            break
    return columns


def _shown(value: Any) -> str:
    from council.imports.kinds.base import cell_text

    shown = cell_text(value)
    return shown if len(shown) <= 60 else shown[:59] + "…"
