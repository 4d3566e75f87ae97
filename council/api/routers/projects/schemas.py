"""What the API answers about projects, opportunities, shifts and matches."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, cast

from django.utils import timezone
from ninja import Field, Schema

from council.api.routers.orgs import CountryRef, PlaceRef
from council.api.schemas import (
    LanguageTag,
    Names,
    ShownText,
    attribute,
    in_every_language,
    translated_text,
)
from council.orgs.models import Organisation
from council.projects.models import (
    ApplicationMode,
    Opportunity,
    Project,
    ProjectStatus,
    RestrictedCategory,
    Shift,
)
from council.projects.selectors.matching import OpportunityMatch, VolunteerMatch
from council.reference.models import Cause, CefrLevel, SdgTarget
from council.volunteers.models import AgeBand


class OrganisationRef(Schema):
    id: int
    name: str
    country: str = Field(description="ISO 3166-1 alpha-2 code")

    resolve_country = attribute("country_id")


class _SlugNamed(Schema):
    slug: str
    name: str


class CauseRef(_SlugNamed):
    pass


class SdgTargetRef(Schema):
    code: str
    goal: int
    title: str

    resolve_goal = attribute("goal_id")


class SkillRef(_SlugNamed):
    pass


class LanguageRequirement(Schema):
    language: LanguageTag = Field(description="BCP 47 tag, as in /reference/languages")
    min_level: CefrLevel


class ProjectRef(Schema):
    id: int
    title: str
    status: ProjectStatus


class ProgrammeRef(Schema):
    id: int
    name: str


class ProjectOut(Schema):
    id: int
    status: ProjectStatus
    title: ShownText
    titles: Names
    description: str
    descriptions: Names
    programmes: list[ProgrammeRef] = Field(description="The programmes it belongs to")
    owner: OrganisationRef
    partners: list[OrganisationRef]
    countries: list[CountryRef] = Field(description="Of the owner and the partners")
    is_joint: bool = Field(description="Its organisations span more than one country")
    is_flagship: bool
    causes: list[CauseRef]
    sdg_targets: list[SdgTargetRef]
    start_date: date | None
    end_date: date | None
    created_at: datetime

    resolve_titles = in_every_language("title")
    resolve_description, resolve_descriptions = translated_text("description")

    @staticmethod
    def resolve_partners(obj: Project) -> list[Organisation]:
        return sorted(obj.partners.all(), key=lambda partner: (str(partner.name), partner.pk))

    @staticmethod
    def resolve_countries(obj: Project) -> list[dict[str, str]]:
        names: dict[str, str] = getattr(obj, "country_names", {})
        return [{"code": code, "name": names.get(code, code)} for code in obj.countries]

    @staticmethod
    def resolve_causes(obj: Project) -> list[Cause]:
        return sorted(obj.causes.all(), key=lambda cause: (cause.position, cause.slug))

    @staticmethod
    def resolve_sdg_targets(obj: Project) -> list[SdgTarget]:
        return sorted(obj.sdg_targets.all(), key=lambda target: (target.goal_id, target.position))

    @staticmethod
    def resolve_programmes(obj: Project) -> list[dict[str, Any]]:
        programmes = obj.programmes.all()  # type: ignore[attr-defined]
        return [{"id": programme.pk, "name": str(programme.name)} for programme in programmes]


class ShiftOut(Schema):
    id: int
    start: datetime = Field(description="UTC")
    end: datetime = Field(description="UTC")
    timezone: str = Field(description="IANA time zone of the place, for showing local times")
    capacity: int
    confirmed: int
    waiting: int = Field(description="On the waiting list")
    free_seats: int

    resolve_timezone = attribute("opportunity.timezone")

    @staticmethod
    def resolve_free_seats(obj: Any) -> int:
        return max(obj.capacity - obj.confirmed, 0)


class OpportunityOut(Schema):
    id: int
    project: ProjectRef
    title: ShownText
    titles: Names
    is_online: bool
    country: str | None = Field(description="ISO 3166-1 alpha-2 code")
    region: int | None = Field(description="Region id")
    city: PlaceRef | None
    address: str
    latitude: float | None
    longitude: float | None
    timezone: str = Field(description="IANA time zone; shift times are shown in it")
    application_mode: ApplicationMode
    min_age: int
    medical_required: bool
    restricted_category: RestrictedCategory | None = Field(
        description="Work barred to volunteers under 18"
    )
    first_start: datetime | None = Field(description="Start of the first shift, UTC")
    last_end: datetime | None = Field(description="End of the last shift, UTC")
    next_start: datetime | None = Field(None, description="Start of the next upcoming shift")
    free_seats: int | None = Field(
        None, description="Over the upcoming shifts, or of the opportunity without shifts"
    )
    distance_km: float | None = Field(
        None, description="In search results, from the city or coordinates given"
    )

    resolve_titles = in_every_language("title")

    resolve_country = attribute("country_id")

    resolve_region = attribute("region_id")

    @staticmethod
    def resolve_restricted_category(obj: Opportunity) -> str | None:
        return obj.restricted_category or None

    @staticmethod
    def resolve_next_start(obj: Opportunity) -> datetime | None:
        return getattr(obj, "next_start", None)

    @staticmethod
    def resolve_distance_km(obj: Opportunity) -> float | None:
        distance = getattr(obj, "distance_km", None)
        return round(distance, 1) if distance is not None else None


class OpportunityDetailOut(OpportunityOut):
    description: str
    descriptions: Names
    questions: list[str] = Field(description="Questions for applicants, one answer each")
    skills: list[SkillRef]
    credentials: list[int] = Field(description="Ids of the credentials required to apply")
    languages: list[LanguageRequirement]
    capacity: int = Field(description="Used when the opportunity has no shifts")
    team_max_size: int = Field(description="Largest team that may sign up together; 0: none")
    team_split_allowed: bool
    team_names_days: int = Field(description="Members are named up to this many days before")
    handover_needs_approval: bool
    is_published: bool
    shifts: list[ShiftOut] = Field(description="Upcoming shifts, with their seats")

    resolve_description, resolve_descriptions = translated_text("description")

    resolve_questions = attribute("question_list")

    @staticmethod
    def resolve_skills(obj: Opportunity) -> list[Any]:
        return list(obj.skills.order_by("slug"))

    @staticmethod
    def resolve_credentials(obj: Opportunity) -> list[int]:
        return sorted(row.pk for row in obj.credentials.all())

    @staticmethod
    def resolve_languages(obj: Opportunity) -> list[dict[str, str]]:
        rows = obj.languages.order_by("language__position", "language_id")
        return [{"language": row.language_id, "min_level": row.min_level} for row in rows]

    @staticmethod
    def resolve_shifts(obj: Opportunity) -> list[Shift]:
        return cast(list[Shift], getattr(obj, "shift_rows", []))


class OpportunityMatchOut(Schema):
    opportunity: OpportunityOut
    score: int
    reasons: list[str] = Field(description="Why it fits, in the request's language")

    @staticmethod
    def resolve_opportunity(obj: OpportunityMatch) -> Opportunity:
        opportunity = obj.opportunity
        opportunity.next_start = obj.next_start  # type: ignore[attr-defined]
        return opportunity


class SuggestedVolunteer(Schema):
    id: int
    name: str
    city: PlaceRef | None
    age_band: AgeBand | None


class VolunteerMatchOut(Schema):
    volunteer: SuggestedVolunteer
    score: int
    reasons: list[str] = Field(description="Why they fit, in the request's language")

    @staticmethod
    def resolve_volunteer(obj: VolunteerMatch) -> dict[str, Any]:
        profile = obj.profile
        band = profile.age_band(timezone.localdate())
        return {
            "id": profile.user_id,
            "name": profile.user.display_name,
            "city": profile.city,
            "age_band": band,
        }
