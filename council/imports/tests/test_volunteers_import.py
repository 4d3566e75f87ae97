"""Volunteers imported into an organisation's contact list: invited, not signed up."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from council.accounts.models import User
from council.audit.models import AuditEvent
from council.imports import services
from council.imports.kinds import KINDS
from council.imports.kinds.base import guess_mapping
from council.imports.models import (
    ImportDuplicate,
    ImportJob,
    ImportMapping,
    ImportStatus,
)
from council.imports.services.run import import_run
from council.orgs.models import Organisation
from council.volunteers.models import Contact
from council.volunteers.services.contacts import contact_create, contact_update

pytestmark = pytest.mark.django_db

ROWS = [
    ["Фамилия", "Имя", "Эл. почта", "Телефон", "Дата рождения"],
    ["Сарсенбаева", "Айгерим", "aigerim@example.org", "8 701 234 56 78", "12.03.1998"],
    ["Петров", "Иван", "ivan@example.org", "", "1 мая 1990"],
]


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        (["Фамилия", "Имя", "Дата рождения"], ["family_name", "given_name", "date_of_birth"]),
        (["Тегі", "Аты", "Туған күні"], ["family_name", "given_name", "date_of_birth"]),
        (["Last name", "First name", "DOB"], ["family_name", "given_name", "date_of_birth"]),
        (["Surname", "E-mail", "Mobile"], ["family_name", "email", "phone"]),
        (["ФИО", "Эл почта", "Something else"], ["full_name", "email", ""]),
        (["Date of brith", "Emial"], ["date_of_birth", "email"]),  # typos: the nearest alias
    ],
)
def test_it_guesses_the_columns_from_headers_in_three_languages(
    headers: list[str], expected: list[str]
) -> None:
    mapping = guess_mapping(KINDS["volunteers"], headers)
    assert [mapping[str(i)] for i in range(len(headers))] == expected


def test_a_remembered_mapping_comes_first(
    uploaded: Callable[..., ImportJob], run_now: Any, org_admin: Any, org: Organisation
) -> None:
    job = uploaded(
        org_admin,
        org,
        [["Колонка 1", "Колонка 2"], ["Иван", "x@example.org"]],
        kind="volunteers",
        source="DOBRO.RF",
    )
    assert job.mapping == {"0": "", "1": ""}
    services.import_map(
        actor=org_admin, job=job, mapping={"0": "given_name", "1": "email"}, check=False
    )
    assert ImportMapping.objects.get().mapping == {"колонка 1": "given_name", "колонка 2": "email"}
    again = uploaded(
        org_admin,
        org,
        [["Колонка 2", "Колонка 1"], ["y@example.org", "Пётр"]],
        kind="volunteers",
        source="dobro.rf",
    )
    assert again.mapping == {"0": "email", "1": "given_name"}


def test_imported_volunteers_are_contacts_invited_not_signed_up(
    imported: Callable[..., ImportJob], org_admin: Any, org: Organisation, mailbox: list[Any]
) -> None:
    users_before = User.objects.count()
    job = imported(
        org_admin, org, ROWS, kind="volunteers", mode="all_or_nothing", send_invitations=True
    )
    assert job.status == ImportStatus.FINISHED, job.error
    assert job.rows_created == 2
    assert User.objects.count() == users_before  # nobody signed up, no password set
    aigerim = Contact.objects.get(email="aigerim@example.org")
    assert (aigerim.family_name, aigerim.given_name) == ("Сарсенбаева", "Айгерим")
    assert aigerim.phone == "+77012345678"
    assert aigerim.date_of_birth == date(1998, 3, 12)
    assert aigerim.user is None
    assert aigerim.source == "spreadsheet"
    assert Contact.objects.get(email="ivan@example.org").date_of_birth == date(1990, 5, 1)
    assert sorted(message.to[0] for message in mailbox) == [
        "aigerim@example.org",
        "ivan@example.org",
    ]
    assert aigerim.invited_at is not None
    event = AuditEvent.objects.get(action="contact.imported", target_id=str(aigerim.pk))
    assert event.data["import"] == job.pk


def test_an_xlsx_file_with_excel_dates_is_read(
    imported: Callable[..., ImportJob], org_admin: Any, org: Organisation
) -> None:
    rows = [
        ["Last name", "First name", "DOB"],
        ["Smith", "Anna", date(2001, 7, 4)],
        ["Ivanova", "Olga", "04.07.2002"],
    ]
    job = imported(org_admin, org, rows, kind="volunteers", name="people.xlsx")
    assert job.file_format == "xlsx"
    assert job.rows_created == 2
    assert Contact.objects.get(family_name="Smith").date_of_birth == date(2001, 7, 4)


def test_the_same_person_in_the_other_script_is_a_likely_duplicate(
    checked: Callable[..., ImportJob], run_now: Any, org_admin: Any, org: Organisation
) -> None:
    existing = contact_create(
        organisation=org, actor=org_admin, given_name="Айгерим", family_name="Сарсенбаева",
        date_of_birth=date(1998, 3, 12),
    )  # fmt: skip
    rows = [
        ["Full name", "DOB"],
        ["SARSENBAYEVA AIGERIM", "12.03.1998"],
        ["Ivan Petrov", "01.05.1990"],
    ]
    job = checked(org_admin, org, rows, kind="volunteers")
    duplicate = ImportDuplicate.objects.get(job=job)
    assert (duplicate.row_number, duplicate.candidate_id) == (2, existing.pk)
    assert "date_of_birth" in duplicate.reasons
    assert duplicate.score > 0.9
    page_text = duplicate.row_repr
    assert "Aigerim" in page_text
    run_now(services.import_confirm, actor=org_admin, job=job, mode="all_or_nothing")
    job.refresh_from_db()
    assert (job.rows_created, job.rows_skipped) == (1, 1)


def test_undo_deletes_what_the_import_created(
    imported: Callable[..., ImportJob], org_admin: Any, org: Organisation
) -> None:
    job = imported(org_admin, org, ROWS, kind="volunteers", send_invitations=True)
    services.import_undo(actor=org_admin, job=job)
    job.refresh_from_db()
    assert job.status == ImportStatus.UNDONE
    assert not Contact.objects.filter(organisation=org).exists()
    assert AuditEvent.objects.filter(action="import.undone", target_id=str(job.pk)).exists()


def test_undo_is_refused_when_a_row_was_touched(
    imported: Callable[..., ImportJob], org_admin: Any, org: Organisation
) -> None:
    job = imported(org_admin, org, ROWS, kind="volunteers")
    contact = Contact.objects.get(email="ivan@example.org")
    contact_update(contact=contact, actor=org_admin, patronymic="Сергеевич")
    with pytest.raises(ValidationError) as refused:
        services.import_undo(actor=org_admin, job=job)
    assert "changed since the import" in " ".join(refused.value.messages)
    assert Contact.objects.filter(organisation=org).count() == 2
    Contact.objects.filter(pk=contact.pk).update(accepted_at="2026-01-01T00:00Z")
    with pytest.raises(ValidationError) as refused:
        services.import_undo(actor=org_admin, job=job)
    assert "accepted their invitation" in " ".join(refused.value.messages)


PEOPLE = [
    ("Иванов", "Иван"),
    ("Петрова", "Мария"),
    ("Сидорова", "Анна"),
    ("Ахметов", "Ерлан"),
    ("Нуриева", "Дина"),
]


def _people() -> list[list[str]]:
    return [ROWS[0]] + [
        [family, given, f"p{n}@example.org", "", ""] for n, (family, given) in enumerate(PEOPLE)
    ]


def _confirmed_not_run(
    checked: Callable[..., ImportJob], org_admin: Any, org: Organisation, mode: str
) -> ImportJob:
    job = checked(org_admin, org, _people(), kind="volunteers")
    services.import_confirm(actor=org_admin, job=job, mode=mode)  # queued, not run: no on_commit
    services.import_cancel(actor=org_admin, job=job)
    return job


def test_cancel_stops_a_valid_rows_only_import_between_batches(
    checked: Callable[..., ImportJob], org_admin: Any, org: Organisation, monkeypatch: Any
) -> None:
    monkeypatch.setattr(KINDS["volunteers"], "batch_size", 2)
    job = _confirmed_not_run(checked, org_admin, org, "valid_rows_only")
    import_run(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == ImportStatus.CANCELLED
    assert job.rows_created == 2 == Contact.objects.filter(organisation=org).count()
    services.import_undo(actor=org_admin, job=job)  # what was written can be undone
    assert not Contact.objects.filter(organisation=org).exists()


def test_cancel_rolls_an_all_or_nothing_import_back(
    checked: Callable[..., ImportJob], org_admin: Any, org: Organisation, monkeypatch: Any
) -> None:
    monkeypatch.setattr(KINDS["volunteers"], "batch_size", 2)
    job = _confirmed_not_run(checked, org_admin, org, "all_or_nothing")
    import_run(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == ImportStatus.CANCELLED
    assert job.rows_created == 0
    assert not Contact.objects.filter(organisation=org).exists()


def test_a_duplicate_appearing_after_the_dry_run_is_skipped(
    checked: Callable[..., ImportJob],
    run_now: Any,
    org_admin: Any,
    org: Organisation,
    monkeypatch: Any,
) -> None:
    monkeypatch.setattr(KINDS["volunteers"], "batch_size", 2)
    job = checked(org_admin, org, _people(), kind="volunteers")
    # Between the dry run and the run, someone adds the fifth person by hand.
    contact_create(
        organisation=org,
        actor=org_admin,
        given_name="Дина",
        family_name="Нуриева",
        email="p4@example.org",
    )
    run_now(services.import_confirm, actor=org_admin, job=job, mode="all_or_nothing")
    job.refresh_from_db()
    assert job.status == ImportStatus.FINISHED
    assert job.rows_skipped == 1  # the new likely duplicate is skipped, not decided for
    assert Contact.objects.filter(organisation=org).count() == 5


def test_a_valid_rows_only_import_reports_each_bad_row(
    imported: Callable[..., ImportJob], org_admin: Any, org: Organisation
) -> None:
    rows = [
        ROWS[0],
        ["", "", "a@example.org", "", ""],
        ["Ok", "Fine", "bad", "12", "31.02.1990"],
        ["Good", "Row", "", "", ""],
    ]
    job = imported(org_admin, org, rows, kind="volunteers")
    assert (job.rows_created, job.rows_rejected) == (1, 2)
    codes = sorted((issue.row_number, issue.field, issue.code) for issue in job.issues.all())
    assert (2, "", "not_written") in codes or (2, "given_name", "not_written") in codes
    assert (3, "email", "email") in codes
    assert (3, "date_of_birth", "date") in codes
