"""Projects with their opportunities and shifts, imported by an organisation's organisers from
one sheet (a row a shift): created as drafts through the projects services, refused row by
row with the column named, undone while nobody has used them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, time, timedelta
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from council.conftest import make_member, reader
from council.imports import services
from council.imports.issues import issue_message
from council.imports.kinds import KINDS
from council.imports.kinds.base import guess_mapping
from council.imports.models import ImportedObject, ImportIssue, ImportJob, ImportStatus
from council.orgs.models import MembershipRole, Organisation
from council.projects.models import Opportunity, Project, ProjectStatus, Shift
from council.projects.services.shifts import local_datetime, shift_create
from council.projects.tests.conftest import make_project
from council.reference.models import Cause, City, SdgGoal, SdgTarget

pytestmark = pytest.mark.django_db

HEADERS = [
    "Проект",
    "Описание проекта",
    "ЦУР",
    "Направления",
    "Возможность",
    "Город",
    "Мест",
    "Дата",
    "Время начала",
    "Время окончания",
]


@pytest.fixture
def placed(org: Organisation, astana: City) -> Organisation:
    """The organisation in Astana, with a cause and an SDG target to name."""
    org.city = astana
    org.save(update_fields=["city"])
    water = SdgGoal.objects.create(number=14, short_name_en="Life below water", colour="#0A97D9")
    SdgTarget.objects.create(code="14.1", goal=water, position=1, title_en="Marine pollution")
    Cause.objects.create(slug="environment", name_en="Environment", name_ru="Экология")
    return org


def later(days: int) -> date:
    return timezone.localdate() + timedelta(days=days)


def day(days: int) -> str:
    return later(days).strftime("%d.%m.%Y")


def problems(job: ImportJob) -> list[tuple[int, str, str]]:
    return [
        (issue.row_number, issue.column, issue_message(issue.code, issue.params))
        for issue in ImportIssue.objects.filter(job=job).order_by("row_number", "pk")
    ]


def rows_of_two_projects() -> list[list[Any]]:
    """Texts in Russian (the language column); the importer reads English."""
    shift = [day(30), "09:00", "12:00"]
    rows = [
        ["Чистые берега", "Уборка Ишима", "14.1", "Экология", "Уборка", "Астана", "10", *shift],
        ["чистые  БЕРЕГА", "", "", "", "уборка", "Астана", "10", day(31), "09:00", "12:00"],
        ["Чистые берега", "", "", "", "Сортировка", "онлайн", "5", day(30), "14:00", "16:00"],
        ["Книги детям", "", "", "", "Чтение вслух", "", "3", day(30), "10:00", "11:30"],
        ["Книги детям", "", "", "", "Чтение вслух", "", "3", day(37), "10:00", "11:30"],
        ["Книги детям", "", "", "", "Сбор книг", "Astana", "2", f"{day(32)} 18:00", "", "20:00"],
    ]
    return [[*HEADERS, "Язык"], *([*row, "русский"] for row in rows)]


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        (
            ["Название проекта", "Возможность", "Город", "Мест", "Дата"],
            ["project_title", "opportunity_title", "city", "capacity", "start"],
        ),
        (
            ["Жоба атауы", "Мүмкіндік", "Қала", "Орын саны", "Басталу күні"],
            ["project_title", "opportunity_title", "city", "capacity", "start"],
        ),
        (
            ["Project title", "Opportunity", "City", "Capacity", "Start date", "End time"],
            ["project_title", "opportunity_title", "city", "capacity", "start", "end_time"],
        ),
    ],
)
def test_it_guesses_the_columns_in_three_languages(headers: list[str], expected: list[str]) -> None:
    mapping = guess_mapping(KINDS["projects"], headers)
    assert [mapping[str(i)] for i in range(len(headers))] == expected


def test_two_projects_of_two_opportunities_become_exactly_those_rows(
    imported: Callable[..., ImportJob], org_admin: Any, placed: Organisation, astana: City
) -> None:
    job = imported(org_admin, placed, rows_of_two_projects(), kind="projects", name="p.xlsx")
    assert job.status == ImportStatus.FINISHED, (job.error, problems(job))
    assert job.rows_created == 6
    assert ImportedObject.objects.filter(job=job).count() == 2 + 4 + 6

    shores, books = Project.objects.order_by("pk")
    assert (shores.title_ru, books.title_ru) == ("Чистые берега", "Книги детям")
    assert shores.status == books.status == ProjectStatus.DRAFT
    assert shores.owner == placed and shores.created_by == org_admin
    assert shores.description_ru == "Уборка Ишима"
    assert list(shores.sdg_targets.values_list("code", flat=True)) == ["14.1"]
    assert list(shores.causes.values_list("slug", flat=True)) == ["environment"]
    assert shores.countries == ["KZ"]

    opportunities = {o.title_ru: o for o in Opportunity.objects.all()}
    assert sorted(opportunities) == ["Сбор книг", "Сортировка", "Уборка", "Чтение вслух"]
    cleaning = opportunities["Уборка"]
    assert cleaning.project == shores and cleaning.city == astana and not cleaning.is_online
    assert cleaning.timezone == astana.timezone
    assert opportunities["Сортировка"].is_online and opportunities["Сортировка"].city is None
    assert opportunities["Чтение вслух"].city == astana  # the organisation's city
    assert [(s.start, s.capacity) for s in cleaning.shifts.all()] == [
        (local_datetime(later(30), time(9), astana.timezone), 10),
        (local_datetime(later(31), time(9), astana.timezone), 10),
    ]
    collecting = opportunities["Сбор книг"].shifts.get()
    assert collecting.start == local_datetime(later(32), time(18), astana.timezone)
    assert collecting.end == local_datetime(later(32), time(20), astana.timezone)
    assert Shift.objects.count() == 6
    assert Shift.objects.filter(opportunity__project=books).count() == 3


def test_bad_rows_are_reported_by_row_and_column_and_nothing_is_written(
    checked: Callable[..., ImportJob], org_admin: Any, placed: Organisation
) -> None:
    rows = [
        HEADERS,
        ["A", "", "99.9", "", "Role", "Астана", "3", day(5), "09:00", "10:00"],
        ["A", "", "", "Poetry", "Role", "Астана", "3", day(5), "09:00", "10:00"],
        ["A", "", "", "", "Role", "Атлантида", "3", day(5), "09:00", "10:00"],
        ["A", "", "", "", "Role", "Астана", "0", day(5), "09:00", "10:00"],
        ["A", "", "", "", "Role", "Астана", "3", day(5), "12:00", "10:00"],
        ["A", "", "", "", "Role", "Астана", "3", "01.01.2020", "09:00", "10:00"],
        ["A", "", "", "", "Role", "Астана", "3", day(5), "", "10:00"],
        ["A", "", "", "", "Role", "Астана", "3", day(5), "25:00", "10:00"],
        ["", "", "", "", "Role", "Астана", "3", day(5), "09:00", "10:00"],
        ["A\u202e", "", "", "", "Role", "Астана", "3", day(5), "09:00", "10:00"],
        ["A", "", "", "", "Role", "Астана", "3", day(5), "09:00", "10:00"],
    ]
    job = checked(org_admin, placed, rows, kind="projects")
    assert job.rows_valid == 1 and job.rows_rejected == 10
    found = problems(job)
    assert [(row, column) for row, column, _text in found] == [
        (2, "ЦУР"),
        (3, "Направления"),
        (4, "Город"),
        (5, "Мест"),
        (6, "Время окончания"),
        (7, "Дата"),
        (8, "Время начала"),
        (9, "Время начала"),
        (10, "Проект"),
        (11, "Проект"),
    ]
    assert found[0][2] == "“99.9” is not an SDG target: write its code, as 3.1 or 4.a."
    assert found[2][2] == "No city “Атлантида” in Kazakhstan."
    assert found[3][2] == "“0” volunteers: write a whole number from 1 to 100000."
    assert found[4][2] == "The shift must end after it starts."
    assert "in the past" in found[5][2]
    assert found[8][2] == "This field is required."
    assert not Project.objects.exists()


def test_without_a_language_column_the_texts_are_in_the_importers_language(
    imported: Callable[..., ImportJob], org_admin: Any, placed: Organisation
) -> None:
    rows = [HEADERS, ["Book drive", "", "", "", "Sorting", "Астана", "3", day(5), "9:00", "10:00"]]
    job = imported(org_admin, placed, rows, kind="projects")
    assert job.rows_created == 1
    project = Project.objects.get()
    assert (project.title_en, project.title_ru) == ("Book drive", None)
    assert project.opportunities.get().title_en == "Sorting"


def test_a_project_the_organisation_holds_is_a_likely_duplicate(
    imported: Callable[..., ImportJob], org_admin: Any, placed: Organisation
) -> None:
    held = make_project(placed, title_ru="Чистые берега", title_en="Clean shores")
    job = imported(org_admin, placed, rows_of_two_projects(), kind="projects")
    assert job.status == ImportStatus.FINISHED
    assert job.duplicates_found == 3 and job.rows_skipped == 3 and job.rows_created == 3
    assert list(Project.objects.exclude(pk=held.pk).values_list("title_ru", flat=True)) == [
        "Книги детям"
    ]
    assert not held.opportunities.exists()


def test_undo_removes_shifts_opportunities_and_projects(
    imported: Callable[..., ImportJob], org_admin: Any, placed: Organisation
) -> None:
    job = imported(org_admin, placed, rows_of_two_projects(), kind="projects")
    services.import_undo(actor=org_admin, job=job)
    assert not Shift.objects.exists()
    assert not Opportunity.objects.exists()
    assert not Project.objects.exists()
    job.refresh_from_db()
    assert job.status == ImportStatus.UNDONE


def test_undo_is_refused_once_a_shift_was_added(
    imported: Callable[..., ImportJob], org_admin: Any, placed: Organisation
) -> None:
    job = imported(org_admin, placed, rows_of_two_projects(), kind="projects")
    opportunity = Opportunity.objects.get(title_ru="Уборка")
    start = timezone.now() + timedelta(days=50)
    shift_create(
        actor=org_admin,
        opportunity=opportunity,
        start=start,
        end=start + timedelta(hours=2),
        capacity=4,
    )
    with pytest.raises(ValidationError) as refused:
        services.import_undo(actor=org_admin, job=job)
    assert "Opportunities or shifts have been added to the imported projects since." in str(
        refused.value.messages
    )
    assert Shift.objects.count() == 7


def test_coordinators_import_and_members_may_not(
    checked: Callable[..., ImportJob],
    uploaded: Callable[..., ImportJob],
    org_admin: Any,
    org_member: Any,
    placed: Organisation,
    kazakhstan: Any,
) -> None:
    coordinator = make_member(
        "coord@example.org", kazakhstan, placed, MembershipRole.COORDINATOR, "Coord"
    )
    job = checked(coordinator, placed, rows_of_two_projects(), kind="projects")
    assert job.status == ImportStatus.CHECKED and job.rows_valid == 6
    with pytest.raises(PermissionDenied):
        uploaded(org_member, placed, rows_of_two_projects(), kind="projects")
    client = reader("en", org_member)
    assert client.get(f"/imports/{job.pk}/").status_code == 200
    response = client.post(f"/imports/{job.pk}/confirm/", {"mode": "valid_rows_only"})
    assert response.status_code == 403
    job.refresh_from_db()
    assert job.status == ImportStatus.CHECKED
    assert not Project.objects.exists()
