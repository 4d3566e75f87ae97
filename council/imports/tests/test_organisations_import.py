"""Organisations imported by a national coordinator under their network."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from council.audit.models import AuditEvent
from council.conftest import make_org
from council.imports import services
from council.imports.models import ImportDuplicate, ImportedObject, ImportJob, ImportStatus
from council.orgs.models import Organisation, OrganisationKind, OrganisationStatus

pytestmark = pytest.mark.django_db

HEADERS = ["Название", "Тип", "Город", "Эл. почта"]


def test_it_guesses_the_mapping_from_russian_headers(
    uploaded: Callable[..., ImportJob], kz_coordinator: Any, kz_network: Organisation
) -> None:
    job = uploaded(kz_coordinator, kz_network, [HEADERS, ["Добро", "НКО", "", "a@example.org"]])
    assert job.mapping == {"0": "name_ru", "1": "kind", "2": "city", "3": "email"}
    assert job.file_format == "csv"
    assert job.samples[0] == ["Добро"]
    assert job.status == ImportStatus.UPLOADED


def test_it_creates_the_organisations_verified_under_the_network(
    imported: Callable[..., ImportJob], kz_coordinator: Any, kz_network: Organisation
) -> None:
    rows = [
        HEADERS,
        ["Добрые руки", "НКО", "", "hands@example.org"],
        ["Jas Qanat", "company", "", ""],
    ]
    job = imported(kz_coordinator, kz_network, rows)
    assert job.status == ImportStatus.FINISHED
    assert (job.rows_created, job.rows_rejected) == (2, 0)
    made = Organisation.objects.get(name_ru="Добрые руки")
    assert made.parent == kz_network
    assert made.country_id == "KZ"
    assert made.status == OrganisationStatus.VERIFIED
    assert Organisation.objects.get(name_ru="Jas Qanat").kind == OrganisationKind.COMPANY
    assert ImportedObject.objects.filter(job=job).count() == 2
    events = AuditEvent.objects.filter(action="organisation.imported", target_id=str(made.pk))
    assert [event.data for event in events] == [{"import": job.pk}]
    actions = set(
        AuditEvent.objects.filter(target_type="imports.importjob").values_list("action", flat=True)
    )
    assert {
        "import.uploaded",
        "import.mapped",
        "import.checked",
        "import.confirmed",
        "import.finished",
    } <= actions


def test_a_member_organisation_admin_may_not_import_organisations(
    uploaded: Callable[..., ImportJob], org_admin: Any, kz_network: Organisation
) -> None:
    with pytest.raises(PermissionDenied):
        uploaded(org_admin, kz_network, [HEADERS, ["Добро", "", "", ""]])


def test_the_same_name_is_a_likely_duplicate(
    checked: Callable[..., ImportJob],
    run_now: Callable[..., Any],
    kz_coordinator: Any,
    kz_network: Organisation,
    kazakhstan: Any,
) -> None:
    existing = make_org("ТОО «Добро»", kazakhstan)
    job = checked(
        kz_coordinator, kz_network, [HEADERS, ["Добро", "", "", ""], ["Новая", "", "", ""]]
    )
    assert job.status == ImportStatus.CHECKED
    duplicate = ImportDuplicate.objects.get(job=job)
    assert (duplicate.row_number, duplicate.candidate_id) == (2, existing.pk)
    run_now(services.import_confirm, actor=kz_coordinator, job=job, mode="all_or_nothing")
    job.refresh_from_db()
    assert (job.rows_created, job.rows_skipped) == (1, 1)
    assert not Organisation.objects.filter(name_ru="Добро").exists()


def test_a_row_decided_different_is_imported(
    checked: Callable[..., ImportJob],
    run_now: Callable[..., Any],
    kz_coordinator: Any,
    kz_network: Organisation,
    kazakhstan: Any,
) -> None:
    make_org("Добро", kazakhstan)
    job = checked(kz_coordinator, kz_network, [HEADERS, ["Добро", "", "", ""]])
    duplicate = ImportDuplicate.objects.get(job=job)
    services.duplicate_decide(actor=kz_coordinator, duplicate=duplicate, decision="different")
    run_now(services.import_confirm, actor=kz_coordinator, job=job, mode="all_or_nothing")
    job.refresh_from_db()
    assert job.rows_created == 1
    assert Organisation.objects.filter(name_ru="Добро").count() == 2


def test_all_or_nothing_is_refused_after_a_dry_run_with_problems(
    checked: Callable[..., ImportJob], kz_coordinator: Any, kz_network: Organisation
) -> None:
    job = checked(
        kz_coordinator,
        kz_network,
        [HEADERS, ["Добро", "", "", "not an address"], ["Ok", "", "", ""]],
    )
    assert (job.rows_valid, job.rows_rejected) == (1, 1)
    issue = job.issues.get()
    assert (issue.row_number, issue.column, issue.code) == (2, "Эл. почта", "email")
    with pytest.raises(ValidationError) as refused:
        services.import_confirm(actor=kz_coordinator, job=job, mode="all_or_nothing")
    assert "1 rows have problems" in str(refused.value)


def test_valid_rows_only_skips_the_rows_with_problems(
    imported: Callable[..., ImportJob], kz_coordinator: Any, kz_network: Organisation
) -> None:
    rows = [
        HEADERS,
        ["Добро", "", "", "not an address"],
        ["Ok", "", "Nowhere", ""],
        ["Fine", "", "", ""],
    ]
    job = imported(kz_coordinator, kz_network, rows, mode="valid_rows_only")
    assert (job.rows_created, job.rows_rejected) == (1, 2)
    assert list(
        Organisation.objects.filter(parent=kz_network).values_list("name_ru", flat=True)
    ) == ["Fine"]
    assert sorted(job.issues.values_list("row_number", "code")) == [(2, "email"), (3, "city")]


def _bin(first_eleven: str) -> str:
    from council.lib.regnumbers import kz_check_digit

    return first_eleven + str(kz_check_digit(first_eleven))


def test_registration_numbers_are_checked_and_matched(
    checked: Callable[..., ImportJob],
    kz_coordinator: Any,
    kz_network: Organisation,
    kazakhstan: Any,
) -> None:
    number = next(
        _bin(f"0101400{n:04d}") for n in range(100) if _bin(f"0101400{n:04d}")[-1:] != "N"
    )
    existing = make_org("Old name", kazakhstan, registration_number=number)
    rows = [["Атауы", "БИН"], ["Жаңа атау", number], ["Басқа", "123456789012"]]
    job = checked(kz_coordinator, kz_network, rows)
    assert job.mapping == {"0": "name_kk", "1": "registration_number"}
    duplicate = ImportDuplicate.objects.get(job=job)
    assert (duplicate.row_number, duplicate.candidate_id, duplicate.certain) == (
        2,
        existing.pk,
        True,
    )
    assert duplicate.decision == "same"
    issue = job.issues.get()
    assert (issue.row_number, issue.code) == (3, "registration_number")
