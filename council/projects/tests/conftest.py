"""Fixtures for projects, opportunities and shifts."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

import pytest
from django.utils import timezone

from council.orgs.models import Organisation
from council.projects.models import (
    ApplicationMode,
    Opportunity,
    OpportunityLanguage,
    Project,
    ProjectStatus,
    Shift,
)
from council.projects.services.index import opportunity_refresh, project_refresh
from council.reference.models import IscoGroup, Skill, SkillGroup
from council.volunteers.models import VolunteerProfile


def make_project(owner: Organisation, **fields: Any) -> Project:
    fields.setdefault("status", ProjectStatus.PUBLISHED)
    fields.setdefault("title_en", "Clean shores")
    fields.setdefault("title_ru", "Чистые берега")
    project = Project.objects.create(owner=owner, **fields)
    project_refresh(project=project)
    return project


def make_opportunity(
    project: Project,
    *,
    shifts: int = 1,
    capacity: int = 10,
    skills: Iterable[Skill] = (),
    languages: Iterable[tuple[str, str]] = (),
    **fields: Any,
):
    """A published opportunity with `shifts` shifts a week ahead, its required skills and its
    (language, minimum level) requirements, refreshed as the services leave it."""
    fields.setdefault("title_en", "Beach clean-up volunteer")
    fields.setdefault("title_ru", "Волонтёр уборки пляжа")
    fields.setdefault("application_mode", ApplicationMode.INSTANT)
    opportunity = Opportunity.objects.create(project=project, capacity=capacity, **fields)
    start = timezone.now().replace(minute=0, second=0, microsecond=0) + timedelta(days=7)
    for number in range(shifts):
        Shift.objects.create(
            opportunity=opportunity,
            start=start + timedelta(days=number),
            end=start + timedelta(days=number, hours=4),
            capacity=capacity,
        )
    opportunity.skills.add(*skills)
    for code, level in languages:
        OpportunityLanguage.objects.create(
            opportunity=opportunity, language_id=code, min_level=level
        )
    return opportunity_refresh(opportunity=opportunity)


def adult(user: Any) -> Any:
    VolunteerProfile.objects.update_or_create(
        user=user, defaults={"date_of_birth": date(1990, 5, 17)}
    )
    return user


@pytest.fixture
def project(org: Organisation) -> Project:
    return make_project(org)


@pytest.fixture
def opportunity(project: Project) -> Opportunity:
    return make_opportunity(project, capacity=2)


@pytest.fixture
def shift(opportunity: Opportunity) -> Shift:
    return opportunity.shifts.get()


# --- Fixtures of the organiser pages (projects, opportunities, shifts) ---------------------


@pytest.fixture
def moscow(russia: Any) -> Any:
    from council.conftest import known_city

    return known_city(russia, "moscow")


@pytest.fixture
def ru_partner(russia: Any) -> Organisation:
    from council.conftest import make_org

    return make_org("Moscow Volunteer Centre", russia, kind="volunteer_centre")


@pytest.fixture
def org_coordinator(org: Organisation, kazakhstan: Any) -> Any:
    from council.conftest import make_member
    from council.orgs.models import MembershipRole

    return make_member(
        "coordinator@example.org", kazakhstan, org, MembershipRole.COORDINATOR, "Saule"
    )


@pytest.fixture
def reference(db: Any) -> dict[str, Any]:
    """A little of each catalogue: two SDG goals with targets, causes, skills, languages."""
    from council.reference.models import (
        Cause,
        IscoGroup,
        Language,
        SdgGoal,
        SdgTarget,
        Skill,
        SkillGroup,
    )

    water = SdgGoal.objects.create(number=14, short_name_en="Life below water", colour="#0A97D9")
    school = SdgGoal.objects.create(number=4, short_name_en="Quality education", colour="#C5192D")
    major = IscoGroup.objects.create(code="2", name_en="Professionals")
    group = SkillGroup.objects.create(slug="care", name_en="Care", position=1)
    return {
        "marine": SdgTarget.objects.create(
            code="14.1", goal=water, position=1, title_en="Reduce marine pollution"
        ),
        "ecosystems": SdgTarget.objects.create(
            code="14.2", goal=water, position=2, title_en="Protect marine ecosystems"
        ),
        "literacy": SdgTarget.objects.create(
            code="4.6", goal=school, position=6, title_en="Literacy and numeracy"
        ),
        "environment": Cause.objects.create(slug="environment", name_en="Environment"),
        "education": Cause.objects.create(slug="education", name_en="Education", position=2),
        "first_aid": Skill.objects.create(
            slug="first-aid", group=group, name_en="First aid", isco_major=major
        ),
        "russian": Language.objects.create(code="ru", name_en="Russian", position=1),
        "kazakh": Language.objects.create(code="kk", name_en="Kazakh", position=2),
        "english": Language.objects.create(code="en", name_en="English", position=3),
    }


def interpreting_skill() -> Skill:
    """The skill of interpreting, in a group of its own (communication), ISCO major group 2."""
    group = SkillGroup.objects.create(slug="communication", name_en="Communication", position=1)
    return Skill.objects.create(
        slug="interpreting",
        group=group,
        name_ru="Устный перевод",
        name_kk="Ауызша аударма",
        name_en="Interpreting",
        isco_major=IscoGroup.objects.create(code="2", name_en="Professionals"),
    )
