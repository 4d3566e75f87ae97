"""The restore drill: prove on the demo data that a backup restores. A fresh database gets the
demo data, a signed record book and a signed copy of an agreement; `manage.py backup` backs it
up; the backup is restored into a new database and a new folder; then every table's row count,
the record book's signature and data, and the signed copy are checked against what was there
before. Both databases and the folders are removed at the end, whatever happened.

The steps that use the platform's own code run as `manage.py` processes whose DATABASE_URL,
PRIVATE_ROOT and MEDIA_ROOT point at one side of the drill, as an operator would run them."""

from __future__ import annotations

import base64
import hashlib
import io
import json
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

import psycopg
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from psycopg import sql
from pypdf import PdfReader

from council.accounts.models import User
from council.cooperation.models import Agreement, AgreementDocument
from council.cooperation.services.agreements import document_add
from council.hours.documents import record_book_document, record_book_signed
from council.hours.models import EntryStatus, HoursEntry
from council.hours.selectors import record_book_for
from council.hours.services.signing import published_keys
from council.lib.pdf import Document
from council.lib.signing import verify
from council.ops.backups.archive import (
    backup_check,
    backup_restore_database,
    backup_restore_files,
    backups_list,
)
from council.ops.backups.postgres import (
    BackupError,
    compare_row_counts,
    connect,
    format_comparison,
    require_postgresql,
    table_row_counts,
)

Write = Callable[[str], None]


@dataclass
class Side:
    """One side of the drill: a database and its folders."""

    name: str
    folder: Path

    @property
    def private_root(self) -> Path:
        return self.folder / "private"

    @property
    def media_root(self) -> Path:
        return self.folder / "media"


@dataclass
class DrillReport:
    tables: int = 0
    rows: int = 0
    sizes: dict[str, int] = field(default_factory=dict)
    durations: dict[str, float] = field(default_factory=dict)


def restore_drill(*, server: Mapping[str, Any], write: Write) -> DrillReport:
    """Run the drill on `server` (Django settings of a PostgreSQL database: its host, port and
    user are used; the drill makes databases of its own there). Raises BackupError on any
    failure, after cleaning up."""
    require_postgresql(server)
    server = dict(server)
    token = secrets.token_hex(4)
    work = Path(tempfile.mkdtemp(prefix="drill-", dir="/tmp"))
    source = Side(f"drill_src_{token}", work / "source")
    restored = Side(f"drill_restored_{token}", work / "restored")
    evidence = work / "evidence.json"
    report = DrillReport()
    created: list[str] = []
    try:
        with _timed(report, "source: migrate, reference and demo data"):
            _create_database(server, source.name, created)
            for command in (["migrate", "--noinput", "-v", "0"], ["load_reference"], ["seed_demo"]):
                _manage(server, source, command)
        with _timed(report, "source: signed record book and signed copy"):
            write(_manage(server, source, ["restore_drill", "--step", "prepare", str(evidence)]))
        with _timed(report, "backup"):
            backups = work / "backups"
            write(_manage(server, source, ["backup", "--dest", str(backups), "--keep", "1"]))
            (backup,) = backups_list(dest=backups)
            manifest = backup_check(backup=backup)
            report.sizes = {name: entry["size"] for name, entry in manifest["files"].items()}
        with _timed(report, "restore: pg_restore and files"):
            _create_database(server, restored.name, created)
            backup_restore_database(backup=backup, database=server, name=restored.name)
            backup_restore_files(
                backup=backup, private_root=restored.private_root, media_root=restored.media_root
            )
        with _timed(report, "compare row counts"):
            with connect(server, name=source.name) as left:
                before = table_row_counts(left)
            with connect(server, name=restored.name) as right:
                after = table_row_counts(right)
            rows = compare_row_counts(before, after)
            for line in format_comparison(rows, left="source", right="restored"):
                write(line)
            report.tables, report.rows = len(rows), sum(after.values())
            differing = [row.table for row in rows if not row.matches]
            if differing:
                raise BackupError(
                    f"Row counts differ after the restore in {len(differing)} table(s): "
                    + ", ".join(differing)
                )
            if manifest["tables"] != before:
                raise BackupError("The manifest's row counts differ from the source database's.")
            if not before.get("hours_hoursentry") or not before.get("accounts_user"):
                raise BackupError("The source database has no demo data to compare.")
        with _timed(report, "restored: record book and signed copy"):
            write(_manage(server, restored, ["restore_drill", "--step", "verify", str(evidence)]))
    except psycopg.Error as error:
        raise BackupError(f"PostgreSQL: {error}") from error
    finally:
        with _timed(report, "clean up"):
            try:
                _drop_databases(server, created)
            finally:
                shutil.rmtree(work, ignore_errors=True)
    return report


def _manage(server: Mapping[str, Any], side: Side, command: list[str]) -> str:
    """Run `manage.py command` against one side of the drill; its output, or BackupError."""
    environment = {
        **_child_environment(),
        "DATABASE_URL": _database_url(server, side.name),
        "PRIVATE_ROOT": str(side.private_root),
        "MEDIA_ROOT": str(side.media_root),
    }
    started = time.monotonic()
    finished = subprocess.run(  # noqa: S603 (our own manage.py, arguments of our own)
        [sys.executable, str(Path(settings.BASE_DIR) / "manage.py"), *command],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    if finished.returncode:
        raise BackupError(
            f"`manage.py {' '.join(command)}` on {side.name} failed "
            f"(exit {finished.returncode}, {time.monotonic() - started:.1f} s):\n"
            f"{finished.stdout.strip()}\n{finished.stderr.strip()}".rstrip()
        )
    return finished.stdout.rstrip()


def _child_environment() -> dict[str, str]:
    # A development process of its own: no production secrets needed, mail kept in memory, the
    # record book signed with a key kept in the drill's database (so that the restored key is
    # the one checked), no cache shared with a running site.
    dropped = {"SIGNING_PRIVATE_KEY", "REDIS_URL", "BACKUP_DATABASE_URL", "BACKUP_DIR"}
    environment = {key: value for key, value in os.environ.items() if key not in dropped}
    environment.update(
        COUNCIL_ENV="development",
        DEBUG="false",
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        TASKS_BACKEND="django_tasks.backends.immediate.ImmediateBackend",
    )
    return environment


def _database_url(server: Mapping[str, Any], name: str) -> str:
    user = quote(str(server.get("USER") or ""), safe="")
    password = server.get("PASSWORD") or ""
    credentials = f"{user}:{quote(str(password), safe='')}@" if password else f"{user}@"
    host = server.get("HOST") or "localhost"
    port = f":{server['PORT']}" if server.get("PORT") else ""
    options = {
        key: value
        for key, value in (server.get("OPTIONS") or {}).items()
        if key in {"sslmode", "sslrootcert", "sslcert", "sslkey"}
    }
    query = "?" + "&".join(f"{key}={quote(str(value))}" for key, value in options.items())
    return f"postgres://{credentials}{host}{port}/{name}" + (query if options else "")


def _create_database(server: Mapping[str, Any], name: str, created: list[str]) -> None:
    with connect(server, name="postgres", autocommit=True) as connection:
        connection.execute(sql.SQL("create database {}").format(sql.Identifier(name)))
    created.append(name)


def _drop_databases(server: Mapping[str, Any], names: list[str]) -> None:
    if not names:
        return
    with connect(server, name="postgres", autocommit=True) as connection:
        for name in names:
            connection.execute(
                sql.SQL("drop database if exists {} with (force)").format(sql.Identifier(name))
            )


@contextmanager
def _timed(report: DrillReport, step: str) -> Iterator[None]:
    started = time.monotonic()
    try:
        yield
    finally:
        report.durations[step] = time.monotonic() - started


# --- The steps that run inside one side (manage.py restore_drill --step …) ------------------


def drill_prepare(*, evidence: Path) -> list[str]:
    """On the source: sign the record book of a volunteer with verified hours, make sure a
    signed copy of an agreement is on file (adding one through the service if the demo has
    none), and write down what the restored side must show."""
    entry = HoursEntry.objects.filter(status=EntryStatus.VERIFIED).order_by("pk").first()
    if entry is None:
        raise BackupError("The demo data has no verified hours: no record book to sign.")
    volunteer = User.objects.get(pk=entry.volunteer_id)
    signed = record_book_signed(user=volunteer, book=record_book_for(user=volunteer))
    document = AgreementDocument.objects.order_by("pk").first()
    if document is None:
        agreement = Agreement.objects.order_by("pk").first()
        if agreement is None:
            raise BackupError("The demo data has no agreement to attach a signed copy to.")
        secretariat = User.objects.filter(is_secretariat=True).order_by("pk").first()
        if secretariat is None:
            raise BackupError("The demo data has no secretariat to file a signed copy.")
        pdf = Document(f"Signed copy: {agreement.title}", lang="en")
        pdf.heading(str(agreement.title))
        pdf.paragraph("Signed copy kept for the restore drill.")
        document = document_add(
            actor=secretariat,
            agreement=agreement,
            title="Signed copy (restore drill)",
            upload=SimpleUploadedFile("signed.pdf", pdf.output(), "application/pdf"),
        )
    with document.file.open("rb") as file:
        content = file.read()
    facts = {
        "record_book": signed,
        "document": {
            "pk": document.pk,
            "name": document.file.name,
            "size": len(content),
            "sha256": hashlib.sha256(content).hexdigest(),
        },
    }
    evidence.write_text(json.dumps(facts, ensure_ascii=False))
    entries = len(signed["record_book"]["entries"])
    return [
        f"Signed the record book of volunteer {volunteer.pk} ({entries} verified entries) "
        f"with key {signed['signature']['key_id']}.",
        f"Signed copy {document.file.name}: {len(content):,} bytes, SHA-256 "
        f"{facts['document']['sha256'][:16]}….",
    ]


def drill_verify(*, evidence: Path) -> list[str]:
    """On the restored side: the schema is at the latest migration, the record book signed
    before the backup verifies with the restored key and matches the restored data, and the
    signed copy opens from the restored files with its recorded size and SHA-256."""
    facts = json.loads(evidence.read_text())
    lines = []
    connection = connections[DEFAULT_DB_ALIAS]
    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        raise BackupError("The restored database is missing migrations.")
    lines.append("Restored schema: every migration applied.")

    signed = facts["record_book"]
    signature = signed["signature"]
    key = next((k for k in published_keys() if k["kid"] == signature["key_id"]), None)
    if key is None:
        raise BackupError(f"The restored database lacks the signing key {signature['key_id']}.")
    public = base64.b64encode(base64.urlsafe_b64decode(key["x"] + "==")).decode()
    if not verify(signed["record_book"], signature, public):
        raise BackupError("The record book signed before the backup does not verify.")
    volunteer = User.objects.get(pk=signed["record_book"]["volunteer"]["id"])
    now = record_book_document(user=volunteer, book=record_book_for(user=volunteer))
    then = {key: value for key, value in signed["record_book"].items() if key != "issued_at"}
    if {key: value for key, value in now.items() if key != "issued_at"} != then:
        raise BackupError("The restored data no longer gives the record book that was signed.")
    lines.append(
        f"Record book of volunteer {volunteer.pk}: the signature verifies with the restored "
        f"key {key['kid']} and the restored data gives the same "
        f"{len(now['entries'])} entries and totals."
    )

    recorded = facts["document"]
    document = AgreementDocument.objects.get(pk=recorded["pk"])
    with document.file.open("rb") as file:
        content = file.read()
    digest = hashlib.sha256(content).hexdigest()
    if (document.file.name, len(content), digest) != (
        recorded["name"],
        recorded["size"],
        recorded["sha256"],
    ):
        raise BackupError(f"The restored signed copy {document.file.name} is not the original.")
    if len(content) != document.size:
        raise BackupError("The restored signed copy is not the size its row records.")
    pages = len(PdfReader(io.BytesIO(content)).pages)
    lines.append(
        f"Signed copy {document.file.name}: opens ({pages} page(s)), {len(content):,} bytes, "
        f"the SHA-256 taken before the backup."
    )
    return lines
