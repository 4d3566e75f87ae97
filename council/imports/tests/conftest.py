"""What the import tests share: private files in the test's own folder, files made from
rows, and the journey run with its background steps executed at once."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from council.accounts.models import User
from council.imports import services
from council.imports.models import ImportJob
from council.orgs.models import Organisation


@pytest.fixture(autouse=True)
def private_files(settings: Any, tmp_path: Any) -> None:
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "private")},
        },
    }


def csv_bytes(
    rows: Sequence[Sequence[Any]], *, delimiter: str = ",", encoding: str = "utf-8"
) -> bytes:
    text = io.StringIO()
    csv.writer(text, delimiter=delimiter).writerows(rows)
    return text.getvalue().encode(encoding)


def xlsx_bytes(rows: Sequence[Sequence[Any]]) -> bytes:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def upload_of(content: bytes, name: str = "people.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


@pytest.fixture
def run_now(django_capture_on_commit_callbacks: Any) -> Callable[..., Any]:
    """Call a service and run the background steps it queues (the immediate backend)."""

    def call(service: Callable[..., Any], **arguments: Any) -> Any:
        with django_capture_on_commit_callbacks(execute=True):
            return service(**arguments)

    return call


@pytest.fixture
def uploaded(run_now: Callable[..., Any]) -> Callable[..., ImportJob]:
    """Upload rows (CSV unless `name` says otherwise) as `actor` into `organisation`."""

    def upload(
        actor: User,
        organisation: Organisation,
        rows: Sequence[Sequence[Any]],
        *,
        kind: str = "organisations",
        source: str = "spreadsheet",
        name: str = "rows.csv",
    ) -> ImportJob:
        content = xlsx_bytes(rows) if name.endswith(".xlsx") else csv_bytes(rows)
        return services.import_upload(
            actor=actor,
            organisation=organisation,
            kind=kind,
            source=source,
            upload=upload_of(content, name),
            filename=name,
        )

    return upload


@pytest.fixture
def checked(
    run_now: Callable[..., Any], uploaded: Callable[..., ImportJob]
) -> Callable[..., ImportJob]:
    """Upload, map as guessed and run the dry run."""

    def check(
        actor: User, organisation: Organisation, rows: Sequence[Sequence[Any]], **options: Any
    ) -> ImportJob:
        job = uploaded(actor, organisation, rows, **options)
        run_now(services.import_map, actor=actor, job=job, mapping=job.mapping)
        job.refresh_from_db()
        return job

    return check


@pytest.fixture
def imported(
    run_now: Callable[..., Any], checked: Callable[..., ImportJob]
) -> Callable[..., ImportJob]:
    """Upload, map as guessed, dry run and confirm in `mode`."""

    def run(
        actor: User,
        organisation: Organisation,
        rows: Sequence[Sequence[Any]],
        *,
        mode: str = "valid_rows_only",
        send_invitations: bool = False,
        **options: Any,
    ) -> ImportJob:
        job = checked(actor, organisation, rows, **options)
        run_now(
            services.import_confirm,
            actor=actor,
            job=job,
            mode=mode,
            send_invitations=send_invitations,
        )
        job.refresh_from_db()
        return job

    return run
