"""export_exchange and import_exchange: a file out and back in, and a refused one."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from council.hours.models import HoursEntry
from council.interchange.models import HeldHours


def test_export_then_import(hours: Any, tmp_path: Path, capsys: Any) -> None:
    path = tmp_path / "kz.jsonl"
    call_command(
        "export_exchange",
        "--network",
        "KZ",
        "--personal-data",
        "--recipient",
        "KZ",
        "--output",
        str(path),
    )
    HoursEntry.objects.all().delete()

    call_command("import_exchange", str(path), "--dry-run")
    assert HoursEntry.objects.count() == 0
    call_command("import_exchange", str(path))

    assert HoursEntry.objects.count() == 3
    assert HeldHours.objects.count() == 2
    assert "Imported." in capsys.readouterr().out


def test_a_bad_file_stops_with_its_problems(db: Any, tmp_path: Path, capsys: Any) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_bytes(b"nonsense\n")
    with pytest.raises(CommandError, match="nothing written"):
        call_command("import_exchange", str(path))
    assert "line 1: -: The line is not valid JSON." in capsys.readouterr().err
    with pytest.raises(CommandError):
        call_command("import_exchange", str(tmp_path / "missing.jsonl"))
    with pytest.raises(CommandError):
        call_command("export_exchange", "--from", "yesterday")
