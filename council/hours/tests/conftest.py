"""Fixtures for hours: a published project with SDG targets in Astana, a role whose work is
ISCO-08 group 32, a shift that has ended, and a volunteer confirmed on it."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import pytest

from council.hours.models import Certificate, CertificateKind, HoursEntry
from council.hours.services import entries
from council.hours.services.certificates import certificate_issue
from council.hours.services.entries import hours_log, hours_verify
from council.orgs.models import Organisation
from council.projects.models import Application, ApplicationStatus, Opportunity, Project, Shift
from council.projects.tests.conftest import make_opportunity, make_project
from council.reference.models import IscoGroup, SdgGoal, SdgTarget

UTC = UTC


@pytest.fixture
def isco(db: Any) -> dict[str, IscoGroup]:
    groups = {}
    for code, parent, name in [
        ("2", None, "Professionals"),
        ("22", "2", "Health professionals"),
        ("3", None, "Technicians and associate professionals"),
        ("32", "3", "Health associate professionals"),
        ("4", None, "Clerical support workers"),
        ("41", "4", "General and keyboard clerks"),
        ("5", None, "Service and sales workers"),
        ("53", "5", "Personal care workers"),
        ("9", None, "Elementary occupations"),
        ("91", "9", "Cleaners and helpers"),
    ]:
        groups[code], _ = IscoGroup.objects.update_or_create(
            code=code, defaults={"parent_id": parent, "name_en": name, "name_ru": name}
        )
    return groups


@pytest.fixture
def health_target(db: Any) -> SdgTarget:
    goal, _ = SdgGoal.objects.update_or_create(
        number=3, defaults={"short_name_en": "Good health", "colour": "#4C9F38"}
    )
    target, _ = SdgTarget.objects.update_or_create(
        code="3.4", defaults={"goal": goal, "position": 4, "title_en": "Non-communicable diseases"}
    )
    return target


@pytest.fixture
def project(org: Organisation, health_target: SdgTarget) -> Project:
    project = make_project(org, title_en="Astana Marathon first aid", title_ru="Первая помощь")
    project.sdg_targets.set([health_target])
    return project


@pytest.fixture
def opportunity(project: Project, astana: Any, isco: dict[str, IscoGroup]) -> Opportunity:
    opportunity = make_opportunity(
        project,
        capacity=5,
        city=astana,
        timezone="Asia/Almaty",
        title_en="First-aid post",
        title_ru="Пост первой помощи",
        isco_group=isco["32"],
    )
    Opportunity.objects.filter(pk=opportunity.pk).update(country_id="KZ")
    opportunity.refresh_from_db()
    return opportunity


@pytest.fixture
def past_shift(opportunity: Opportunity) -> Shift:
    """19:00–00:00 UTC on 10 March 2026: 00:00–05:00 on 11 March in Astana (UTC+5)."""
    return Shift.objects.create(
        opportunity=opportunity,
        start=datetime(2026, 3, 10, 19, 0, tzinfo=UTC),
        end=datetime(2026, 3, 11, 0, 0, tzinfo=UTC),
        capacity=5,
    )


def confirm(volunteer: Any, shift: Shift) -> Application:
    return Application.objects.create(
        volunteer=volunteer,
        opportunity=shift.opportunity,
        shift=shift,
        status=ApplicationStatus.CONFIRMED,
    )


@pytest.fixture
def place(volunteer: Any, past_shift: Shift) -> Application:
    return confirm(volunteer, past_shift)


def log_form(project: Project, **changes: Any) -> dict[str, Any]:
    """What the log form posts for three hours of bandaging in the organisation's `project`
    on 12 March 2026, with the fields given changed."""
    return {
        "project": project.pk,
        "day": "2026-03-12",
        "hours": "3",
        "description": "Bandages",
        "mode": "organisation",
        **changes,
    }


def at(hour: int, minute: int = 0, day: int = 10) -> datetime:
    return datetime(2026, 3, day, hour, minute, tzinfo=UTC)


def volunteer_entry(
    volunteer: Any,
    project: Project,
    day: date,
    hours: Decimal,
    description: str,
    *,
    actor: Any = None,
    during_paid_work: bool = False,
    opportunity: Any = None,
    shift: Any = None,
) -> HoursEntry:
    """An entry the volunteer logged for the project (no role and no shift unless given),
    made directly."""
    return entries.volunteer_entry(
        volunteer,
        project,
        day,
        hours,
        description,
        actor=actor,
        during_paid_work=during_paid_work,
        opportunity=opportunity,
        shift=shift,
    )


def verified_entry(
    volunteer: Any, project: Project, verifier: Any, *, description: str, hours: str = "6"
) -> HoursEntry:
    """Hours the volunteer logged on 11 March 2026, verified by the organisation."""
    entry = hours_log(
        volunteer=volunteer,
        project=project,
        day=date(2026, 3, 11),
        hours=hours,
        description=description,
    )
    return hours_verify(actor=verifier, entry=entry)


def project_certificate(issuer: Any, project: Project, volunteer: Any) -> Certificate:
    """The volunteer's certificate of participation in the project, issued by its owner."""
    return certificate_issue(
        actor=issuer,
        organisation=project.owner,
        volunteer=volunteer,
        kind=CertificateKind.PROJECT,
        project=project,
    )
