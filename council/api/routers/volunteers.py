"""The caller's own volunteer profile: read it, change it."""

from __future__ import annotations

from datetime import date, datetime

from django.utils import timezone
from ninja import Field, Router, Schema
from pydantic import ConfigDict

from council.accounts.http import AuthenticatedRequest
from council.api.routers.orgs import PlaceRef
from council.api.schemas import (
    Day,
    Flag,
    LanguageTag,
    Names,
    ShownText,
    Slug,
    StrictId,
    StrictSdgGoal,
    translated_text,
)
from council.lib.forms import valid_data
from council.reference.models import Cause, CefrLevel, Skill
from council.reference.selectors import pks_by_slug
from council.volunteers.forms import VolunteerProfileForm
from council.volunteers.models import AgeBand, Availability, VolunteerProfile
from council.volunteers.selectors import volunteer_age_band, volunteer_profile_for
from council.volunteers.services import volunteer_profile_update

router = Router(tags=["volunteers"])


class SpokenLanguage(Schema):
    language: LanguageTag = Field(description="BCP 47 tag, as in /reference/languages")
    level: CefrLevel


class VolunteerProfileOut(Schema):
    date_of_birth: date | None
    age_band: AgeBand | None = Field(description="Derived from the date of birth")
    city: PlaceRef | None
    skills: list[str] = Field(description="Skill slugs")
    causes: list[str] = Field(description="Cause slugs")
    sdg_goals: list[int] = Field(description="SDG goal numbers")
    availability: list[Availability]
    medical_qualification: bool
    bio: ShownText
    bios: Names
    discoverable: bool = Field(description="Organisers see the profile among suggestions")
    languages: list[SpokenLanguage]
    updated_at: datetime | None = Field(description="Null until the profile is first saved")

    @staticmethod
    def resolve_age_band(obj: VolunteerProfile) -> AgeBand | None:
        return volunteer_age_band(profile=obj, on=timezone.localdate())

    @staticmethod
    def resolve_skills(obj: VolunteerProfile) -> list[str]:
        return [] if obj._state.adding else sorted(skill.slug for skill in obj.skills.all())

    @staticmethod
    def resolve_causes(obj: VolunteerProfile) -> list[str]:
        return [] if obj._state.adding else sorted(cause.slug for cause in obj.causes.all())

    @staticmethod
    def resolve_sdg_goals(obj: VolunteerProfile) -> list[int]:
        return [] if obj._state.adding else sorted(goal.pk for goal in obj.sdg_goals.all())

    resolve_bio, resolve_bios = translated_text("bio")

    @staticmethod
    def resolve_languages(obj: VolunteerProfile) -> list[dict[str, str]]:
        if obj._state.adding:
            return []
        return [{"language": row.language_id, "level": row.level} for row in obj.languages.all()]

    @staticmethod
    def resolve_updated_at(obj: VolunteerProfile) -> datetime | None:
        return None if obj._state.adding else obj.updated_at


class VolunteerProfileIn(Schema):
    """The profile's fields to change; fields left out keep their value. Lists replace the
    whole list (send `[]` to clear one)."""

    model_config = ConfigDict(extra="forbid")

    date_of_birth: Day | None = None
    city: StrictId | None = Field(None, description="City id, in a council member country")
    skills: list[StrictId | Slug] = Field([], description="Skill slugs (or ids)")
    causes: list[StrictId | Slug] = Field([], description="Cause slugs (or ids)")
    sdg_goals: list[StrictSdgGoal] = Field([], description="SDG goal numbers")
    availability: list[Availability] = []
    medical_qualification: Flag = False
    bio_ru: str = Field("", max_length=2000)
    bio_kk: str = Field("", max_length=2000)
    bio_en: str = Field("", max_length=2000)
    discoverable: Flag = False
    languages: list[SpokenLanguage] = Field([], description="Languages spoken and their level")


@router.get("/me", response=VolunteerProfileOut)
def volunteer_me(request: AuthenticatedRequest) -> VolunteerProfile:
    """The caller's volunteer profile (empty until first saved)."""
    return volunteer_profile_for(user=request.user)


@router.put("/me", response=VolunteerProfileOut)
def volunteer_me_update(
    request: AuthenticatedRequest, payload: VolunteerProfileIn
) -> VolunteerProfile:
    """Change the caller's volunteer profile. Needs a write token or a signed-in session."""
    user = request.user
    profile = volunteer_profile_for(user=user)
    given = payload.model_dump(exclude_unset=True)
    # The profile page's form checks the choices (cities of member countries, known skills,
    # causes and goals, the length of the texts); it sees the stored values where the request
    # gives none.
    data = {
        **VolunteerProfileForm.initial_for(profile),
        **{name: value for name, value in given.items() if name != "languages"},
    }
    if "skills" in given:
        data["skills"] = pks_by_slug(Skill, payload.skills)
    if "causes" in given:
        data["causes"] = pks_by_slug(Cause, payload.causes)
    fields = valid_data(VolunteerProfileForm(data=data))
    languages = None
    if "languages" in given:
        languages = [(item.language, item.level) for item in payload.languages]
    volunteer_profile_update(user=user, actor=user, languages=languages, **fields)
    return volunteer_profile_for(user=user)
