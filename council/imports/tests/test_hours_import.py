"""Historical hours imported by an organisation's admins: verified at once, valued, counted in
the report totals, and undone with the totals back as they were."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.db.models import Sum
from django.utils import timezone

from council.accounts.models import User
from council.conftest import make_org, make_user
from council.hours.models import EntrySource, EntryStatus, HoursEntry, HoursRollup
from council.imports import services
from council.imports.issues import issue_message
from council.imports.kinds import KINDS
from council.imports.kinds.base import guess_mapping
from council.imports.models import ImportIssue, ImportJob, ImportStatus
from council.orgs.models import Organisation
from council.projects.models import Project
from council.projects.tests.conftest import make_project
from council.volunteers.models import Contact
from council.volunteers.services.contacts import contact_create

pytestmark = pytest.mark.django_db

HEADERS = ["Эл. почта", "Проект", "Дата", "Часы", "Описание", "ID"]


@pytest.fixture
def marathon(org: Organisation) -> Project:
    return make_project(org, title_en="Astana Marathon", title_ru="Астанинский марафон")


@pytest.fixture
def accepted(org: Organisation, org_admin: Any, kazakhstan: Any) -> User:
    """A volunteer known here through a contact who accepted (with another address)."""
    person = make_user("erlan.personal@example.org", kazakhstan, given_name="Erlan")
    contact = contact_create(
        organisation=org,
        actor=org_admin,
        given_name="Erlan",
        email="erlan@work.example.org",
        external_id="D-17",
    )
    Contact.objects.filter(pk=contact.pk).update(user=person, accepted_at=timezone.now())
    return person


def org_totals(org: Organisation) -> tuple[int, Decimal]:
    totals = HoursRollup.objects.filter(organisation=org.pk).aggregate(
        entries=Sum("entries"), hours=Sum("hours")
    )
    return totals["entries"] or 0, totals["hours"] or Decimal(0)


def problems(job: ImportJob) -> list[tuple[int, str, str]]:
    return [
        (issue.row_number, issue.column, issue_message(issue.code, issue.params))
        for issue in ImportIssue.objects.filter(job=job).order_by("row_number", "pk")
    ]


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        (["Эл. почта", "Проект", "Дата", "Часы"], ["email", "project", "date", "hours"]),
        (["Электрондық пошта", "Жоба", "Күні", "Сағат"], ["email", "project", "date", "hours"]),
        (["Volunteer email", "Project", "Date", "Hours"], ["email", "project", "date", "hours"]),
        (
            ["Volunteer id", "ISCO", "During paid work"],
            ["volunteer_id", "isco_group", "during_paid_work"],
        ),
    ],
)
def test_it_guesses_the_columns_in_three_languages(headers: list[str], expected: list[str]) -> None:
    mapping = guess_mapping(KINDS["hours"], headers)
    assert [mapping[str(i)] for i in range(len(headers))] == expected


def test_valid_rows_become_verified_hours_counted_in_the_totals(
    imported: Callable[..., ImportJob],
    checked: Callable[..., ImportJob],
    org_admin: Any,
    org: Organisation,
    marathon: Project,
    volunteer: Any,
    accepted: Any,
) -> None:
    rows = [
        [*HEADERS, "В рабочее время"],
        [
            "volunteer@example.org",
            "Astana Marathon",
            "12.03.2025",
            "4,5",
            "Water point",
            "A1",
            "нет",
        ],
        ["erlan@work.example.org", "астанинский МАРАФОН", "2025-03-13", "3", "", "A2", ""],
        ["", str(marathon.pk), "1 апреля 2025", "2", "", "A3", "да"],
    ]
    job = checked(org_admin, org, rows, kind="hours")
    assert job.rows_rejected == 1  # row 4 names nobody
    assert HoursEntry.objects.count() == 0  # the dry run writes nothing
    assert problems(job) == [
        (4, "Эл. почта", "Give the volunteer's email address or their id in the source system.")
    ]

    rows[3][0] = "ERLAN.personal@example.org"
    job = imported(org_admin, org, rows, kind="hours", mode="all_or_nothing")
    assert job.status == ImportStatus.FINISHED, (job.error, problems(job))
    assert job.rows_created == 3
    entries = {entry.external_id: entry for entry in HoursEntry.objects.all()}
    first = entries["A1"]
    assert (first.volunteer, first.project, first.date) == (volunteer, marathon, date(2025, 3, 12))
    assert first.hours == Decimal("4.5")
    assert first.status == EntryStatus.VERIFIED
    assert first.source == EntrySource.IMPORTED
    assert first.origin == f"import:{job.pk}"
    assert first.organisation == org
    assert first.decided_by == org_admin
    assert first.description == "Water point"
    assert entries["A2"].volunteer == accepted
    assert entries["A3"].volunteer == accepted
    assert entries["A3"].during_paid_work is True
    assert org_totals(org) == (3, Decimal("9.5"))


def test_rows_with_problems_are_reported_by_row_and_column(
    imported: Callable[..., ImportJob],
    org_admin: Any,
    org: Organisation,
    marathon: Project,
    volunteer: Any,
    kazakhstan: Any,
) -> None:
    other = make_org("Almaty Youth", kazakhstan)
    theirs = make_project(other, title_en="Almaty cleanup", title_ru="Уборка Алматы")
    contact_create(organisation=org, actor=org_admin, given_name="Asel", email="asel@example.org")
    tomorrow = (timezone.localdate() + timedelta(days=2)).strftime("%d.%m.%Y")
    rows = [
        HEADERS,
        ["volunteer@example.org", "Astana Marathon", "12.03.2025", "2", "", ""],
        ["nobody@example.org", "Astana Marathon", "12.03.2025", "2", "", ""],
        ["asel@example.org", "Astana Marathon", "12.03.2025", "2", "", ""],
        ["volunteer@example.org", "Astana Marathon", tomorrow, "2", "", ""],
        ["volunteer@example.org", "Astana Marathon", "12.03.2025", "0", "", ""],
        ["volunteer@example.org", "Astana Marathon", "12.03.2025", "25", "", ""],
        ["volunteer@example.org", str(theirs.pk), "12.03.2025", "2", "", ""],
        ["volunteer@example.org", "Almaty cleanup", "12.03.2025", "2", "", ""],
    ]
    job = imported(org_admin, org, rows, kind="hours")
    assert job.status == ImportStatus.FINISHED
    assert (job.rows_created, job.rows_rejected) == (1, 7)
    found = problems(job)
    assert found[0] == (
        3,
        "Эл. почта",
        "nobody@example.org has no account here yet: invite them first (their hours can be "
        "imported after they accept).",
    )
    assert found[1][:2] == (4, "Эл. почта")
    assert "has not accepted an invitation" in found[1][2]
    assert found[2][:2] == (5, "Дата") and "is in the future" in found[2][2]
    assert found[3] == (6, "Часы", "“0” hours: write more than 0 and at most 24 hours a row.")
    assert found[4][:2] == (7, "Часы")
    assert found[5][:2] == (8, "Проект") and str(theirs.pk) in found[5][2]
    assert found[6][:2] == (9, "Проект")
    assert HoursEntry.objects.get().volunteer == volunteer


def test_an_unknown_volunteer_id_and_a_reimported_record(
    imported: Callable[..., ImportJob],
    org_admin: Any,
    org: Organisation,
    marathon: Project,
    accepted: Any,
) -> None:
    rows = [
        ["Volunteer id", "Project", "Date", "Hours", "Id"],
        ["D-17", "Astana Marathon", "12.03.2025", "2", "R1"],
        ["D-99", "Astana Marathon", "12.03.2025", "2", "R2"],
    ]
    job = imported(org_admin, org, rows, kind="hours")
    assert job.rows_created == 1
    assert problems(job)[0][:2] == (3, "Volunteer id")
    again = imported(org_admin, org, rows[:2], kind="hours")
    assert again.status == ImportStatus.FINISHED
    assert (again.rows_created, again.rows_skipped) == (0, 1)  # the same record, never twice
    assert HoursEntry.objects.count() == 1


def test_only_the_organisations_admins_import_hours(
    org: Organisation, org_member: Any, kz_coordinator: Any, org_admin: Any
) -> None:
    kind = KINDS["hours"]
    assert list(kind.organisations(user=org_admin)) == [org]
    assert not kind.organisations(user=org_member).exists()
    assert not kind.organisations(user=kz_coordinator).exists()


def test_undo_removes_the_hours_and_the_totals_come_back(
    imported: Callable[..., ImportJob],
    org_admin: Any,
    org: Organisation,
    marathon: Project,
    volunteer: Any,
) -> None:
    rows = [
        HEADERS,
        ["volunteer@example.org", "Astana Marathon", "12.03.2025", "2", "", "U1"],
        ["volunteer@example.org", "Astana Marathon", "13.04.2025", "3", "", "U2"],
    ]
    job = imported(org_admin, org, rows, kind="hours")
    assert org_totals(org) == (2, Decimal(5))
    services.import_undo(actor=org_admin, job=job)
    assert not HoursEntry.objects.exists()
    assert org_totals(org) == (0, Decimal(0))
    job.refresh_from_db()
    assert job.status == ImportStatus.UNDONE
