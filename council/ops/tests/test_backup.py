"""`manage.py backup`: on PostgreSQL a folder with the dump, the private files, the media and a
manifest that counts every table; retention after a complete backup only; SQLite refused."""

from __future__ import annotations

import hashlib
import io
import json
import subprocess
import tarfile
from pathlib import Path
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.management import CommandError, call_command
from django.db import connection

from council.accounts.models import User
from council.conftest import make_user
from council.ops.backups import backup_check, backups_list

SIGNED_COPY = b"%PDF-1.4 a signed copy\n"


@pytest.fixture
def postgres(transactional_db: Any) -> None:
    # Transactional: pg_dump reads from its own connection, which sees committed rows only.
    if connection.vendor != "postgresql":
        pytest.skip("backups are made of PostgreSQL databases")


@pytest.fixture
def folders(settings: Any, tmp_path: Path) -> Path:
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "private")},
        },
    }
    settings.MEDIA_ROOT = tmp_path / "media"
    return tmp_path / "backups"


def backup(dest: Path, keep: int) -> str:
    out = io.StringIO()
    call_command("backup", dest=dest, keep=keep, stdout=out)
    return out.getvalue()


def test_it_writes_the_dump_the_files_and_a_manifest_of_every_table(
    postgres: None, folders: Path, kazakhstan: Any
) -> None:
    make_user("backed.up@example.org", kazakhstan)
    storages["private"].save("agreements/1/signed.pdf", ContentFile(SIGNED_COPY))
    storages["default"].save("logos/logo.png", ContentFile(b"png"))

    output = backup(folders, keep=2)

    (folder,) = backups_list(dest=folders)
    assert f"Backup {folder}: database {connection.settings_dict['NAME']}" in output
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["database"]["name"] == connection.settings_dict["NAME"]
    assert manifest["database"]["server_version"].startswith(str(connection.pg_version // 10000))
    with connection.cursor() as cursor:
        cursor.execute(
            "select count(*) from pg_tables where schemaname not in ('pg_catalog', "
            "'information_schema')"
        )
        (tables,) = cursor.fetchone()
    assert len(manifest["tables"]) == tables
    assert manifest["tables"]["accounts_user"] == User.objects.count() >= 1
    assert manifest["tables"]["hours_hoursentry"] == 0
    assert manifest["rows"] == sum(manifest["tables"].values())
    assert set(manifest["files"]) == {"database.dump", "private.tar", "media.tar"}
    for name, recorded in manifest["files"].items():
        content = (folder / name).read_bytes()
        assert recorded == {"size": len(content), "sha256": hashlib.sha256(content).hexdigest()}
    assert backup_check(backup=folder) == manifest
    # A custom-format dump whose table of contents pg_restore reads, with the user table's data.
    listing = subprocess.run(  # noqa: S603
        ["pg_restore", "--list", str(folder / "database.dump")],  # noqa: S607
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "TABLE DATA public accounts_user" in listing
    with tarfile.open(folder / "private.tar") as tar:
        member = tar.extractfile("agreements/1/signed.pdf")
        assert member is not None and member.read() == SIGNED_COPY
    with tarfile.open(folder / "media.tar") as tar:
        assert "logos/logo.png" in tar.getnames()
    assert manifest["archives"]["private.tar"]["files"] == 1


def test_it_keeps_the_newest_backups_and_nothing_else_of_its_own(
    postgres: None, folders: Path
) -> None:
    folders.mkdir(parents=True)
    (folders / "notes").mkdir()  # not a backup: left alone
    (folders / ".partial-killed").mkdir()  # a run that was killed: removed
    made = []
    for _ in range(3):
        backup(folders, keep=2)
        made.append(backups_list(dest=folders)[-1])
    output = backup(folders, keep=2)

    kept = backups_list(dest=folders)
    assert len(kept) == 2 and made[-1] in kept and kept[-1] not in made
    assert f"Removed the older backup {made[1]}." in output
    assert sorted(path.name for path in folders.iterdir() if not path.name.startswith("2")) == [
        ".lock",
        "notes",
    ]


def test_a_failed_backup_removes_no_older_one(postgres: None, folders: Path, settings: Any) -> None:
    backup(folders, keep=2)
    backup(folders, keep=2)
    before = backups_list(dest=folders)
    database = connection.settings_dict
    settings.BACKUP_DATABASE_URL = (
        f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/drill_no_such_db"
    )

    with pytest.raises(CommandError, match="Cannot connect to the database"):
        backup(folders, keep=1)

    assert backups_list(dest=folders) == before
    assert not list(folders.glob(".partial-*"))


def test_it_refuses_sqlite(db: Any, folders: Path, settings: Any, tmp_path: Path) -> None:
    if connection.vendor != "sqlite":
        settings.BACKUP_DATABASE_URL = f"sqlite:///{tmp_path / 'council.sqlite3'}"

    with pytest.raises(CommandError, match="this one is SQLite") as refusal:
        backup(folders, keep=2)

    assert ".backup(sqlite3.connect(" in str(refusal.value)
    assert backups_list(dest=folders) == []


def test_backups_of_the_same_second_are_listed_in_the_order_made(tmp_path: Path) -> None:
    for name in ["20261207T023000Z-10", "20261207T023000Z-2", "20261207T023000Z", "20261206T1"]:
        (tmp_path / name).mkdir()
        (tmp_path / name / "manifest.json").write_text("{}")
    (tmp_path / "20261208T023000Z").mkdir()  # no manifest: not complete

    assert [path.name for path in backups_list(dest=tmp_path)] == [
        "20261207T023000Z",
        "20261207T023000Z-2",
        "20261207T023000Z-10",
    ]


def test_a_backup_in_the_same_second_sorts_after_every_earlier_one(tmp_path: Path) -> None:
    # Four backups in one second with keep=2: the first of the second has been pruned, and the
    # fourth must not take its name, which would sort it before the two it should follow.
    from datetime import UTC, datetime

    from council.ops.backups.archive import MANIFEST, _free_name

    when = datetime(2026, 12, 7, 9, 54, 50, tzinfo=UTC)
    for name in ("20261207T095450Z-1", "20261207T095450Z-2"):
        (tmp_path / name).mkdir()
        (tmp_path / name / MANIFEST).write_text("{}")
    fourth = _free_name(tmp_path, when)
    assert fourth.name == "20261207T095450Z-3"
    fourth.mkdir()
    (fourth / MANIFEST).write_text("{}")
    assert backups_list(dest=tmp_path)[-1] == fourth
    assert _free_name(tmp_path, when.replace(second=51)).name == "20261207T095451Z"
