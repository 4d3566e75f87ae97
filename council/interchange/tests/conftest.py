"""Fixtures for the exchange format: two organisations of Kazakhstan's network with projects
for SDG goals 3 and 4, an opportunity, and verified hours of three volunteers — one of
Kazakhstan, one of Russia with the cross-border consent, one of Russia without it."""

from __future__ import annotations

import io
import json
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from council.accounts.models import Consent, ConsentPurpose, User
from council.conftest import make_org, make_user
from council.hours.models import EntryStatus, HoursEntry
from council.hours.services.entries import hours_verify, volunteer_entry
from council.interchange.access import OPERATOR
from council.interchange.exports import Scope, file_lines
from council.interchange.models import ExchangeFormat, ExchangeKind
from council.interchange.services.importer import Report
from council.interchange.services.imports import exchange_import
from council.orgs.models import Organisation
from council.projects.models import Opportunity, Project
from council.projects.tests.conftest import make_opportunity, make_project
from council.reference.models import Country, IscoGroup, SdgGoal, SdgTarget


@pytest.fixture
def targets(db: Any) -> dict[str, SdgTarget]:
    found = {}
    for number, code, position, name in [
        (3, "3.4", 4, "Non-communicable diseases"),
        (3, "3.d", 13, "Health risks"),
        (4, "4.6", 6, "Literacy"),
    ]:
        goal, _ = SdgGoal.objects.update_or_create(
            number=number, defaults={"short_name_en": f"Goal {number}", "colour": "#4C9F38"}
        )
        found[code], _ = SdgTarget.objects.update_or_create(
            code=code, defaults={"goal": goal, "position": position, "title_en": name}
        )
    return found


@pytest.fixture
def isco_32(db: Any) -> IscoGroup:
    IscoGroup.objects.update_or_create(code="3", defaults={"name_en": "Technicians"})
    group, _ = IscoGroup.objects.update_or_create(
        code="32", defaults={"parent_id": "3", "name_en": "Health associate professionals"}
    )
    return group


@pytest.fixture
def second_org(kazakhstan: Country, kz_network: Organisation) -> Organisation:
    return make_org(
        "Almaty Help", kazakhstan, parent=kz_network, registration_number="987654321098"
    )


@pytest.fixture
def health(org: Organisation, targets: dict[str, SdgTarget]) -> Project:
    Organisation.objects.filter(pk=org.pk).update(registration_number="123456789012")
    org.refresh_from_db()
    project = make_project(org, title_en="First aid", title_ru="Первая помощь")
    project.sdg_targets.set([targets["3.4"], targets["3.d"]])
    return project


@pytest.fixture
def reading(second_org: Organisation, targets: dict[str, SdgTarget]) -> Project:
    project = make_project(second_org, title_en="Reading club", title_ru="Клуб чтения")
    project.sdg_targets.set([targets["4.6"]])
    return project


@pytest.fixture
def first_aid(health: Project, isco_32: IscoGroup) -> Opportunity:
    return make_opportunity(health, title_en="First-aid post", isco_group=isco_32)


def verified(
    volunteer: User,
    project: Project,
    verifier: User,
    day: date,
    hours: str,
    opportunity: Opportunity | None = None,
) -> HoursEntry:
    entry = volunteer_entry(
        volunteer, project, day, Decimal(hours), "Work", actor=volunteer, opportunity=opportunity
    )
    return hours_verify(actor=verifier, entry=entry)


@pytest.fixture
def people(kazakhstan: Country, russia: Country) -> dict[str, User]:
    consenting = make_user(
        "natasha@example.org",
        russia,
        given_name="Наталья",
        family_name="Иванова",
        given_name_latin="Natalia",
        family_name_latin="Ivanova",
    )
    Consent.objects.create(user=consenting, purpose=ConsentPurpose.CROSS_BORDER, text_version="1")
    return {
        "kz": make_user("aliya@example.org", kazakhstan, given_name="Әлия", family_name="Сейтқали"),
        "ru_consent": consenting,
        "ru": make_user("pavel@example.org", russia, given_name="Павел"),
    }


@pytest.fixture
def hours(
    people: dict[str, User],
    health: Project,
    reading: Project,
    first_aid: Opportunity,
    org_admin: User,
    kz_coordinator: User,
) -> list[HoursEntry]:
    """Verified hours: 5.5 + 2 + 3 for health (goal 3), 4 + 1.25 for reading (goal 4); and
    one entry awaiting verification, which no export carries."""
    entries = [
        verified(people["kz"], health, org_admin, date(2026, 3, 11), "5.5", first_aid),
        verified(people["ru_consent"], health, org_admin, date(2026, 3, 12), "2"),
        verified(people["ru"], health, org_admin, date(2026, 4, 2), "3"),
        verified(people["kz"], reading, kz_coordinator, date(2026, 4, 3), "4"),
        verified(people["ru"], reading, kz_coordinator, date(2026, 5, 1), "1.25"),
    ]
    volunteer_entry(people["kz"], reading, date(2026, 5, 2), Decimal("7"), "x", actor=None)
    assert HoursEntry.objects.filter(status=EntryStatus.SUBMITTED).count() == 1
    return entries


def export_bytes(export_format: str = ExchangeFormat.JSONL, **scope: Any) -> bytes:
    scope.setdefault("kind", ExchangeKind.ALL)
    return b"".join(file_lines(Scope(**scope), export_format))


def jsonl(data: bytes) -> list[dict[str, Any]]:
    return [json.loads(line) for line in data.decode().splitlines()]


def import_bytes(
    data: bytes, *, dry_run: bool = False, keys: dict[str, str] | None = None, **options: Any
) -> Report:
    options.setdefault("actor", None)
    options.setdefault("reach", OPERATOR)
    return exchange_import(stream=io.BytesIO(data), keys=keys or {}, dry_run=dry_run, **options)
