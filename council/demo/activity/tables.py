"""The tables the bulk path writes, with their columns, and the rows of a project and of an
opportunity in the order of those columns."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from council.accounts.models import Consent
from council.demo.activity.rows import (
    SyntheticOpportunity,
    SyntheticProject,
)
from council.demo.bulk import Table
from council.lib.forms import translated_fields
from council.projects.match_signals import match_signals
from council.projects.models import (
    Application,
    Opportunity,
    OpportunityLanguage,
    Project,
    ProjectStatus,
    Shift,
)
from council.projects.services.index import REFRESHED_FIELDS, ended_by
from council.volunteers.models import LanguageSkill, VolunteerProfile

# --- Tables ----------------------------------------------------------------------------------

# The title and the description, each followed by its column in every language.
_TEXTS = tuple(
    column for name in ("title", "description") for column in (name, *translated_fields(name))
)

PROFILE_FIELDS = (
    "user_id",
    "date_of_birth",
    "city_id",
    "availability",
    "medical_qualification",
    "bio",
    "bio_ru",
    "bio_kk",
    "bio_en",
    "discoverable",
    "guardian_name",
    "guardian_contact",
)
PROJECT_FIELDS = (
    "id",
    "owner_id",
    *_TEXTS,
    "start_date",
    "end_date",
    "status",
    "is_flagship",
    "countries",
    "created_by_id",
    "created_at",
)
OPPORTUNITY_FIELDS = (
    "id",
    "project_id",
    *_TEXTS,
    "min_age",
    "medical_required",
    "restricted_category",
    "is_online",
    "city_id",
    "address",
    "application_mode",
    "capacity",
    "created_at",
    *REFRESHED_FIELDS,
)
SHIFT_FIELDS = ("id", "opportunity_id", "start", "end", "capacity")
APPLICATION_FIELDS = (
    "volunteer_id",
    "opportunity_id",
    "shift_id",
    "status",
    "reason",
    "created_at",
    "decided_at",
    "decided_by_id",
)


def _through(model: Any, name: str) -> Table:
    through = model._meta.get_field(name).remote_field.through
    fields = [f.attname for f in through._meta.concrete_fields if not f.primary_key]
    return Table(through, fields)


class ActivityTables:
    """Made per run, so that callable defaults (timestamps) are fresh."""

    def __init__(self) -> None:
        self.profile = Table(VolunteerProfile, PROFILE_FIELDS)
        self.profile_skills = _through(VolunteerProfile, "skills")
        self.profile_causes = _through(VolunteerProfile, "causes")
        self.profile_goals = _through(VolunteerProfile, "sdg_goals")
        self.language_skill = Table(LanguageSkill, ("profile_id", "language_id", "level"))
        self.consent = Table(
            Consent, ("user_id", "purpose", "text_version", "given_at", "guardian_name")
        )
        self.project = Table(Project, PROJECT_FIELDS)
        self.project_partners = _through(Project, "partners")
        self.project_causes = _through(Project, "causes")
        self.project_targets = _through(Project, "sdg_targets")
        self.opportunity = Table(Opportunity, OPPORTUNITY_FIELDS)
        self.opportunity_skills = _through(Opportunity, "skills")
        self.opportunity_language = Table(
            OpportunityLanguage, ("opportunity_id", "language_id", "min_level")
        )
        self.shift = Table(Shift, SHIFT_FIELDS)
        self.application = Table(Application, APPLICATION_FIELDS)


def _text_cells(texts: dict[str, str]) -> list[str]:
    """The title and description columns: each the default (Russian) column, then ru, kk, en."""
    return [
        texts[f"{name}_{code}"]
        for name in ("title", "description")
        for code in ("ru", "ru", "kk", "en")
    ]


def project_row(project: SyntheticProject) -> tuple[Any, ...]:
    texts = project.texts
    return (
        project.pk,
        project.organisation.pk,
        *_text_cells(texts),
        project.start,
        project.end,
        project.status,
        project.flagship,
        project.countries,
        project.organisation.admin_id,
        project.created_at,
    )


def opportunity_row(
    project: SyntheticProject, opportunity: SyntheticOpportunity, target_goals: dict[int, int]
) -> tuple[Any, ...]:
    texts = opportunity.texts
    city = opportunity.city
    last_end = max(s.end for s in opportunity.shifts) if opportunity.shifts else None
    # What `opportunity_refresh` would write.
    refreshed = {
        "country": opportunity.country,
        "region": city.region_id if city else None,
        "latitude": opportunity.latitude,
        "longitude": opportunity.longitude,
        "timezone": opportunity.timezone,
        "first_start": opportunity.shifts[0].start if opportunity.shifts else None,
        "last_end": last_end,
        "has_ended": ended_by(last_end, datetime.now(UTC)),
        "is_published": project.status == ProjectStatus.PUBLISHED,
        "match_signals": match_signals(
            skills=opportunity.skills,
            languages=opportunity.languages,
            causes=project.causes,
            target_goals=[target_goals[pk] for pk in project.targets],
        ),
    }
    return (
        opportunity.pk,
        project.pk,
        *_text_cells(texts),
        opportunity.min_age,
        opportunity.medical,
        opportunity.restricted,
        opportunity.online,
        city.pk if city else None,
        opportunity.address,
        opportunity.mode,
        opportunity.capacity,
        opportunity.created_at,
        *(refreshed[name] for name in REFRESHED_FIELDS),
    )
