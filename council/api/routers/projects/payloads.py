"""What the API takes about projects, opportunities and shifts (the pages' forms check it
again, so that errors name the field as on the pages), and the query parameters."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from ninja import Field, Schema
from pydantic import ConfigDict, StrictFloat

from council.api.pagination import CursorParams
from council.api.routers.projects.schemas import LanguageRequirement
from council.api.schemas import (
    JSON_NUMBER,
    CountryCode,
    Day,
    DescriptionsIn,
    Flag,
    Id,
    LanguageTag,
    LongText,
    PlainText,
    PlanDate,
    SdgGoalNumber,
    SdgTargetCode,
    SearchText,
    Slug,
    StrictId,
)
from council.projects.forms.search import MAX_RADIUS_KM
from council.projects.models import ApplicationMode, RestrictedCategory
from council.projects.services.opportunities import MAX_AGE, MAX_LANGUAGE_REQUIREMENTS
from council.projects.services.organising import MAX_CAPACITY, MAX_NAMES_DAYS, MAX_TEAM_SIZE

MAX_MATCHES = 50


class ProjectFilter(CursorParams):
    country: CountryCode | None = Field(
        None, description="ISO 3166-1 alpha-2 code of the owner or a partner"
    )
    owner: Id | None = Field(None, description="Id of the owner organisation")


class _TitlesIn(Schema):
    title_ru: PlainText | None = Field(None, max_length=200)
    title_kk: PlainText | None = Field(None, max_length=200)
    title_en: PlainText | None = Field(None, max_length=200)


class _TextsIn(DescriptionsIn, _TitlesIn):
    model_config = ConfigDict(extra="forbid")


class ProjectPatch(_TextsIn):
    """The fields to change; fields left out keep their value, lists replace the whole list."""

    causes: list[Slug] = Field([], description="Cause slugs")
    sdg_targets: list[SdgTargetCode] = Field([], description="SDG target codes, such as 14.1")
    partners: list[StrictId] = Field([], description="Ids of verified partner organisations")
    start_date: PlanDate | None = None
    end_date: PlanDate | None = None
    is_flagship: Flag = False


class ProjectIn(ProjectPatch):
    """A new project, saved as a draft. Give the title in at least one language."""

    owner: StrictId = Field(description="Id of an organisation the caller organises for")


class OpportunityIn(_TextsIn):
    """A new opportunity: onsite in a city of the owner's or a partner's country, or online.
    Fields left out take their defaults."""

    questions_ru: LongText | None = Field(None, description="One question per line")
    questions_kk: LongText | None = None
    questions_en: LongText | None = None
    min_age: Annotated[int, Field(ge=0, le=MAX_AGE), JSON_NUMBER] = 0
    medical_required: Flag = False
    restricted_category: RestrictedCategory | None = None
    members_only: Flag = Field(False, description="Only the owner's members (employees) see it")
    is_online: Flag = False
    city: StrictId | None = Field(None, description="City id")
    address: PlainText = Field("", max_length=300)
    latitude: StrictFloat | None = Field(
        None, ge=-90, le=90, description="Taken from the city when left out"
    )
    longitude: StrictFloat | None = Field(None, ge=-180, le=180)
    timezone: str | None = Field(
        None, max_length=64, description="IANA time zone; from the city if left out"
    )
    application_mode: ApplicationMode = ApplicationMode.REVIEW
    capacity: Annotated[int, Field(ge=0, le=MAX_CAPACITY), JSON_NUMBER] = Field(
        0, description="Used when the opportunity has no shifts"
    )
    team_max_size: Annotated[int, Field(ge=0, le=MAX_TEAM_SIZE), JSON_NUMBER] = Field(
        0, description="Teams of up to this many people may sign up together; 0: no teams"
    )
    team_split_allowed: Flag = Field(
        False, description="A team may get fewer seats than it asked for, the rest waiting"
    )
    team_names_days: Annotated[int, Field(ge=0, le=MAX_NAMES_DAYS), JSON_NUMBER] = Field(
        2, description="Team members are named up to this many days before the shift"
    )
    handover_needs_approval: Flag = Field(
        False, description="A shift handed on to a colleague waits for an organiser's approval"
    )
    skills: list[Slug] = Field([], description="Skill slugs")
    credentials: list[StrictId] = Field(
        [], description="Ids of the credentials required (the owner's or council-wide)"
    )
    languages: list[LanguageRequirement] = Field([], max_length=MAX_LANGUAGE_REQUIREMENTS)


class OpportunityPatch(OpportunityIn):
    """The fields to change; fields left out keep their value, lists replace the whole list."""


ShiftCapacity = Annotated[int, Field(ge=1, le=MAX_CAPACITY), JSON_NUMBER]


class ShiftIn(Schema):
    """Times in ISO 8601; a time without an offset is on the opportunity's local clock."""

    model_config = ConfigDict(extra="forbid")

    start: datetime
    end: datetime
    capacity: ShiftCapacity


class ShiftPatch(Schema):
    """The fields to change; fields left out keep their value."""

    model_config = ConfigDict(extra="forbid")

    start: datetime | None = None
    end: datetime | None = None
    capacity: ShiftCapacity | None = None


SearchSort = Literal["relevance", "date", "distance"]


class SearchParams(CursorParams):
    """The search page's filters, by the same names."""

    q: SearchText | None = Field(
        None, description="Words, in any form, in Russian, Kazakh or English"
    )
    country: CountryCode | None = Field(None, description="ISO 3166-1 alpha-2 code")
    region: Id | None = Field(None, description="Region id")
    city: Id | None = Field(None, description="City id")
    radius: int | None = Field(
        None, ge=1, le=MAX_RADIUS_KM, description="Kilometres around the city"
    )
    cause: Slug | None = Field(None, description="Cause slug")
    sdg: SdgGoalNumber | None = Field(None, description="SDG goal number")
    skill: Slug | None = Field(None, description="Skill slug")
    language: LanguageTag | None = Field(None, description="Working language, BCP 47 tag")
    date_from: Day | None = None
    date_to: Day | None = None
    online: bool = Field(False, description="Online only")
    minors: bool = Field(False, description="Open to volunteers under 18")
    free: bool = Field(False, description="With free seats")
    sort: SearchSort | None = Field(None, description="Relevance (the default) needs `q`")


class MatchParams(Schema):
    limit: int = Field(20, ge=1, le=MAX_MATCHES)
