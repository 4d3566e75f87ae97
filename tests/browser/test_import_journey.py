"""An organisation's administrator imports volunteers from a spreadsheet in a real browser,
in Russian, then reads the result in Kazakh: sign in, switch the page to Russian, open the
imports from the organisation's page, upload a CSV with Russian and Kazakh headers, check the
guessed mapping, start the dry run and watch its progress bar, read the problems (row,
column, problem in the page's language), decide a likely duplicate, confirm "valid rows
only", watch the import's progress bar, see the finished import in the list with its counts,
download the rejected rows, switch to Kazakh and undo the import.

Background steps run on the database task backend, as in production: a step the page starts
waits in the queue, so the page shows its bar at 0 while it runs; the test then runs the
worker (`db_worker --batch`, in this process) and the page, which polls every two seconds,
reloads itself on the finished step, its bar full. What is between 0 and full is not
asserted: the worker runs the whole step at once, and a bar caught half-way would depend on
timing.

Texts are asserted as the catalogues render them (`tr`): a string the lead has not yet
translated shows in English on the Russian page, and the test says so instead of failing.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.utils import translation
from django_tasks_db.management.commands.db_worker import Worker
from openpyxl import load_workbook
from playwright.sync_api import expect

from council.conftest import PASSWORD, make_user, member_country
from council.imports.issues import issue_message
from council.imports.models import ImportJob, ImportStatus
from council.orgs.models import (
    Membership,
    MembershipRole,
    Organisation,
    OrganisationKind,
    OrganisationStatus,
)
from council.volunteers.models import Contact

pytestmark = pytest.mark.browser

EMAIL = "dana.import@example.org"
SOURCE = "Таблица волонтёров"
HEADERS = ["ФИО", "Эл. почта", "Телефон", "Туған күні", "Примечание"]
ROWS = [
    ["Иванова Мария Сергеевна", "maria.ivanova@mail.ru", "+7 701 111 22 33", "12.03.1995", ""],
    ["Омаров Ерлан", "erlan@@mail.kz", "87022223344", "1990 жылғы 5 мамыр", "звонить вечером"],
    ["SARSENBAYEVA AIGERIM", "", "", "17.03.1994", ""],
    ["Петров Сергей", "s.petrov@mail.ru", "", "31.02.1990", ""],
    ["Anna Kim", "anna.kim@gmail.com", "8 (777) 123-45-67", "1 March 2000", "=1+2"],
]
# The file's rows as the spreadsheet numbers them (the header is row 1).
EMAIL_ROW, DUPLICATE_ROW, DATE_ROW = 3, 4, 5
EXPECTED_MAPPING = {
    "column_0": "full_name",
    "column_1": "email",
    "column_2": "phone",
    "column_3": "date_of_birth",
    "column_4": "",
}
untranslated: list[str] = []


def tr(text: str, language: str = "ru") -> str:
    """The text as the page shows it in `language`: the catalogue's translation, or the
    English text while it has none (noted)."""
    with translation.override(language):
        shown = translation.gettext(text)
    if shown == text and language != "en":
        untranslated.append(f"{language}: {text}")
    return shown


def problem(code: str, language: str = "ru", **params: Any) -> str:
    """A problem of the report as the page shows it in `language` (noted while the
    catalogue has no translation of it)."""
    with translation.override(language):
        shown = issue_message(code, params)
    with translation.override("en"):
        if shown == issue_message(code, params):
            untranslated.append(f"{language}: problem {code!r}")
    return shown


def csv_file() -> bytes:
    """The spreadsheet as a person saves it from Excel in Russia: semicolons, UTF-8 with a
    byte-order mark."""
    lines = [";".join(HEADERS), *(";".join(row) for row in ROWS)]
    return ("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8")


@pytest.fixture
def organisation(transactional_db: Any, settings: Any, tmp_path: Any) -> Iterator[Organisation]:
    """A verified organisation of Kazakhstan, its administrator (English pages for now), and
    a contact it holds already: Сарсенбаева Айгерим, born 17.03.1994. Private files in the
    test's folder; tasks in the database, run by the test's worker."""
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "private")},
        },
    }
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    kazakhstan = member_country("KZ")
    member_country("RU")
    organisation = Organisation.objects.create(
        name_en="Astana Volunteers",
        name_ru="Волонтёры Астаны",
        name_kk="Астана еріктілері",
        kind=OrganisationKind.VOLUNTEER_CENTRE,
        country=kazakhstan,
        status=OrganisationStatus.VERIFIED,
    )
    admin = make_user(
        EMAIL, kazakhstan, given_name="Дана", family_name="Сапарова", preferred_language="en"
    )
    Membership.objects.create(organisation=organisation, user=admin, role=MembershipRole.ADMIN)
    Contact.objects.create(
        organisation=organisation,
        given_name="Айгерим",
        family_name="Сарсенбаева",
        date_of_birth=date(1994, 3, 17),
        source="manual",
    )
    untranslated.clear()
    yield organisation


def run_worker() -> None:
    """`db_worker --batch` in this process: every queued task, then it returns."""
    Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="browser-test-worker",
        excluded_queue_names=[],
    ).run()


def switch_language(page: Any, language: str) -> None:
    button = page.locator(f'header form[action="/i18n/setlang/"] button[value="{language}"]')
    with page.expect_navigation():
        button.click()
    expect(page.locator("html")).to_have_attribute("lang", language)


def test_an_admin_imports_volunteers_checks_them_and_undoes_the_import(
    new_page: Callable[..., Any],
    organisation: Organisation,
    check_page: Callable[[Any, str], None],
    capsys: pytest.CaptureFixture[str],
) -> None:
    page = new_page()
    main = page.locator("main")
    status = page.locator("#import-status")
    bar = status.locator("progress")

    # --- Sign in, and read the site in Russian ---------------------------------------------
    page.goto("/accounts/login/")
    page.fill('[name="login"]', EMAIL)
    page.fill('[name="password"]', PASSWORD)
    page.locator('form:has([name="password"]) button[type="submit"]').first.click()
    expect(page.locator("header form[action='/accounts/logout/']")).to_have_count(1)
    switch_language(page, "ru")

    # --- The organisation's page leads to its imports ----------------------------------------
    page.goto(f"/orgs/{organisation.pk}/")
    main.get_by_role("link", name=tr("Imports"), exact=True).click()
    expect(page.locator("h1")).to_have_text(tr("Imports"))
    expect(main).to_contain_text(tr("No imports yet."))
    check_page(page, "imports, none yet")

    # --- Upload ---------------------------------------------------------------------------
    main.get_by_role("link", name=tr("New import"), exact=True).click()
    expect(page.locator("h1")).to_have_text(tr("New import"))
    page.select_option('[name="kind"]', "volunteers")
    page.select_option('[name="organisation"]', str(organisation.pk))
    page.fill('[name="source"]', SOURCE)
    page.set_input_files(
        '[name="file"]', {"name": "волонтёры.csv", "mimeType": "text/csv", "buffer": csv_file()}
    )
    check_page(page, "new import")
    main.get_by_role("button", name=tr("Upload"), exact=True).click()
    job = ImportJob.objects.get(organisation=organisation)
    page.wait_for_url(f"**/imports/{job.pk}/")

    # --- The mapping guessed from the Russian and Kazakh headers --------------------------
    expect(page.locator("#mapping-title")).to_have_text(tr("Which column holds what"))
    for name, field in EXPECTED_MAPPING.items():
        expect(page.locator(f'select[name="{name}"]')).to_have_value(field)
    expect(main).to_contain_text("maria.ivanova@mail.ru")  # the sample values under a column
    check_page(page, "mapping")
    main.get_by_role("button", name=tr("Save and start the dry run"), exact=True).click()

    # --- The dry run: the bar while it waits for the worker, full when it is done ------------
    expect(status.locator(".badge")).to_have_text(tr("Dry run in progress"))
    expect(bar).to_be_visible()
    expect(bar).to_have_attribute("max", "100")
    expect(bar).to_have_attribute("value", "0")
    check_page(page, "dry run running")
    run_worker()
    # The page polls, finds the step over and reloads itself with the report.
    expect(status.locator(".badge")).to_have_text(tr("Dry run done: confirm"))
    expect(bar).to_have_attribute("value", "100")
    figures = status.locator("dl.figures")
    expect(figures).to_contain_text(tr("Rejected"))

    # --- The report: row, column and problem, in Russian --------------------------------------
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    problems = main.locator("section[aria-labelledby='issues-title'] tbody tr")
    expect(problems).to_have_count(2)
    email_problem = problems.filter(has_text="erlan@@mail.kz")
    expect(email_problem.locator("td").nth(0)).to_have_text(str(EMAIL_ROW))
    expect(email_problem.locator("td").nth(1)).to_have_text("Эл. почта")
    expect(email_problem.locator("td").nth(3)).to_have_text(
        problem("email", value="erlan@@mail.kz")
    )
    date_problem = problems.filter(has_text="31.02.1990")
    expect(date_problem.locator("td").nth(0)).to_have_text(str(DATE_ROW))
    expect(date_problem.locator("td").nth(1)).to_have_text("Туған күні")
    expect(date_problem.locator("td").nth(3)).to_have_text(problem("date", value="31.02.1990"))
    check_page(page, "dry run report")

    # --- A likely duplicate: the contact held already, written in Latin capitals -------------
    duplicates = main.locator("section[aria-labelledby='duplicates-title'] tbody tr")
    expect(duplicates).to_have_count(1)
    duplicate = duplicates.first
    expect(duplicate.locator("td").nth(0)).to_have_text(str(DUPLICATE_ROW))
    expect(duplicate).to_contain_text("Сарсенбаева")
    expect(duplicate).to_contain_text(tr("Same date of birth"))
    duplicate.get_by_role("button", name=tr("The same"), exact=True).click()
    expect(duplicates.first.locator("td").nth(4)).to_contain_text(tr("The same (skip the row)"))

    # --- Confirm: valid rows only; the bar while the import waits, full when it is done ------
    page.locator('input[name="mode"][value="valid_rows_only"]').check()
    confirm = page.locator(f'form[action="/imports/{job.pk}/confirm/"]')
    confirm.get_by_role("button", name=tr("Import"), exact=True).click()
    expect(status.locator(".badge")).to_have_text(tr("Importing"))
    expect(bar).to_be_visible()
    expect(bar).to_have_attribute("max", "100")
    expect(bar).to_have_attribute("value", "0")
    expect(status).to_contain_text(
        tr("This page follows the import; you can also leave it and come back, or reload it.")
    )
    check_page(page, "import running")
    run_worker()
    expect(status.locator(".badge")).to_have_text(tr("Finished"))
    expect(bar).to_have_attribute("value", "100")
    job.refresh_from_db()
    assert job.status == ImportStatus.FINISHED
    assert (job.rows_created, job.rows_rejected, job.rows_skipped) == (2, 2, 1)
    imported = Contact.objects.filter(organisation=organisation, source=SOURCE)
    assert set(imported.values_list("email", flat=True)) == {
        "maria.ivanova@mail.ru",
        "anna.kim@gmail.com",
    }
    assert not imported.filter(user__isnull=False).exists()  # invited, not signed up
    check_page(page, "import finished")

    # --- The finished import in the list, with who ran it and its counts ----------------------
    main.get_by_role("link", name=tr("All imports"), exact=True).click()
    row = main.locator("tbody tr").filter(has_text="волонтёры.csv")
    expect(row).to_have_count(1)
    cells = row.locator("td")
    expect(cells.nth(3)).to_have_text("Дана Сапарова")
    expect(cells.nth(5)).to_have_text(tr("Finished"))
    expect(cells.nth(6)).to_have_text("2")  # created
    expect(cells.nth(7)).to_have_text("1")  # skipped: the same person
    expect(cells.nth(8)).to_have_text("2")  # rejected
    check_page(page, "imports list")

    # --- Download the rejected rows, to correct and upload again -------------------------------
    row.get_by_role("link", name="волонтёры.csv").click()
    with page.expect_download() as download_info:
        main.get_by_role("link", name=tr("Download the rejected rows (XLSX)")).click()
    download = download_info.value
    assert download.suggested_filename == f"rejected-rows-{job.pk}.xlsx"
    sheet = load_workbook(io.BytesIO(Path(download.path()).read_bytes())).active
    table = [[cell if cell is not None else "" for cell in row] for row in sheet.values]
    assert table[0] == [*HEADERS, tr("Problem")]
    assert [line[:5] for line in table[1:]] == [ROWS[EMAIL_ROW - 2], ROWS[DATE_ROW - 2]]
    assert table[1][5] == f"Эл. почта: {problem('email', value='erlan@@mail.kz')}"
    assert table[2][5] == f"Туған күні: {problem('date', value='31.02.1990')}"

    # --- In Kazakh: the same report in Kazakh, then undo ------------------------------------
    switch_language(page, "kk")
    expect(problems.filter(has_text="erlan@@mail.kz").locator("td").nth(3)).to_have_text(
        problem("email", "kk", value="erlan@@mail.kz")
    )
    check_page(page, "finished import in Kazakh")
    page.get_by_role("button", name=tr("Undo this import", "kk"), exact=True).click()
    expect(status.locator(".badge")).to_have_text(tr("Undone", "kk"))
    expect(main).to_contain_text(tr("Undone: the rows this import created are deleted.", "kk"))
    check_page(page, "import undone")
    assert not imported.exists()
    assert Contact.objects.filter(organisation=organisation).count() == 1  # the one held before
    if untranslated:
        with capsys.disabled():
            shown = sorted(set(untranslated))
            print(f"\nnote: {len(shown)} texts are not translated yet, shown in English: {shown}")
