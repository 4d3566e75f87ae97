"""manage.py import_file: the journey from the command line."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from council.imports.models import ImportJob, ImportStatus
from council.imports.tests.conftest import csv_bytes
from council.orgs.models import Organisation
from council.volunteers.models import Contact

pytestmark = pytest.mark.django_db

ROWS = [
    ["Фамилия", "Имя", "Email"],
    ["Иванов", "Иван", "ivan@example.org"],
    ["Петрова", "Мария", "bad"],
]


def _file(tmp_path: Path, rows: Any = ROWS) -> str:
    path = tmp_path / "people.csv"
    path.write_bytes(csv_bytes(rows, delimiter=";"))
    return str(path)


def _run(path: str, org_admin: Any, org: Organisation, *extra: str) -> str:
    out = io.StringIO()
    call_command(
        "import_file", path, "--kind", "volunteers", "--organisation", str(org.pk),
        "--source", "DOBRO.RF", "--as", org_admin.email, *extra, stdout=out,
    )  # fmt: skip
    return out.getvalue()


def test_a_dry_run_prints_the_report_and_writes_nothing(
    tmp_path: Path, org_admin: Any, org: Organisation
) -> None:
    printed = _run(_file(tmp_path), org_admin, org, "--dry-run")
    assert "2 rows, 1 valid, 1 rejected" in printed
    assert "row 3, Email: “bad” is not an email address." in printed
    assert not Contact.objects.exists()
    assert ImportJob.objects.get().status == ImportStatus.CHECKED


def test_valid_rows_only_with_a_mapping_by_header(
    tmp_path: Path, org_admin: Any, org: Organisation
) -> None:
    mapping = '{"Фамилия": "family_name", "Имя": "given_name", "2": ""}'
    printed = _run(
        _file(tmp_path), org_admin, org, "--mapping", mapping, "--mode", "valid_rows_only"
    )
    assert "Finished: 2 rows, 2 valid, 0 rejected" in printed
    assert Contact.objects.filter(email="").count() == 2


def test_all_or_nothing_is_refused_after_problems(
    tmp_path: Path, org_admin: Any, org: Organisation
) -> None:
    with pytest.raises(CommandError, match="1 rows have problems"):
        _run(_file(tmp_path), org_admin, org)
    assert not Contact.objects.exists()


def test_a_bad_file_is_a_clear_error(tmp_path: Path, org_admin: Any, org: Organisation) -> None:
    path = tmp_path / "people.csv"
    path.write_bytes(b"%PDF-1.7 not a table")
    with pytest.raises(CommandError, match="PDF"):
        _run(str(path), org_admin, org)
