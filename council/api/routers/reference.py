"""Reference data: public, read-only. Small lists come whole; cities come a page at a time."""

from __future__ import annotations

from typing import Any

from django.db.models import Model, QuerySet
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from council.api.auth import PUBLIC
from council.api.pagination import CursorParams, page_of, paginate
from council.api.schemas import CountryCode, Id, Names, SearchText, names_of
from council.reference import models as ref
from council.reference.selectors import (
    causes_with_goals,
    cities_search,
    countries_ordered,
    isco_groups_all,
    languages_all,
    regions_for_country,
    regions_ordered,
    sdg_goals_with_targets,
    skills_with_groups,
)

router = Router(tags=["reference"], auth=PUBLIC)


class Named(Schema):
    """A reference row's name in the request's language, and in each language."""

    name: str
    names: Names

    @staticmethod
    def resolve_names(obj: Model) -> dict[str, str | None]:
        return names_of(obj)


class CountryOut(Named):
    code: str = Field(description="ISO 3166-1 alpha-2")
    code3: str
    numeric: str
    is_council_member: bool


class RegionOut(Named):
    id: int
    code: str = Field(description="ISO 3166-2")
    country: str
    kind: str

    @staticmethod
    def resolve_country(obj: ref.Region) -> str:
        return obj.country_id


class CityOut(Named):
    id: int
    geonames_id: Id
    country: str
    region: int | None
    latitude: float
    longitude: float
    population: int
    timezone: str = Field(description="IANA time zone")

    @staticmethod
    def resolve_country(obj: ref.City) -> str:
        return obj.country_id

    @staticmethod
    def resolve_region(obj: ref.City) -> int | None:
        return obj.region_id


class LanguageOut(Named):
    code: str = Field(description="BCP 47 tag")


class SdgTargetOut(Schema):
    code: str
    position: int
    title: str
    titles: Names

    @staticmethod
    def resolve_titles(obj: Any) -> dict[str, str | None]:
        return names_of(obj, "title")


class SdgGoalOut(Schema):
    number: int
    short_name: str
    short_names: Names
    colour: str
    targets: list[SdgTargetOut]

    @staticmethod
    def resolve_short_names(obj: ref.SdgGoal) -> dict[str, str | None]:
        return names_of(obj, "short_name")

    @staticmethod
    def resolve_targets(obj: ref.SdgGoal) -> list[Any]:
        return list(obj.targets.all())


class CauseOut(Named):
    slug: str
    sdg_goals: list[int]

    @staticmethod
    def resolve_sdg_goals(obj: ref.Cause) -> list[int]:
        return [goal.pk for goal in obj.sdg_goals.all()]


class SkillGroupOut(Named):
    slug: str


class SkillOut(Named):
    slug: str
    group: SkillGroupOut
    isco_major: str = Field(description="ISCO-08 major group code")

    @staticmethod
    def resolve_isco_major(obj: ref.Skill) -> str:
        return obj.isco_major_id


class IscoGroupOut(Named):
    code: str
    parent: str | None
    level: int = Field(description="1 for a major group, 2 for a sub-major group")

    @staticmethod
    def resolve_parent(obj: ref.IscoGroup) -> str | None:
        return obj.parent_id


class RegionFilter(Schema):
    country: CountryCode | None = Field(None, description="ISO 3166-1 alpha-2 code")


class CityFilter(CursorParams):
    country: CountryCode | None = Field(None, description="ISO 3166-1 alpha-2 code")
    region: Id | None = Field(None, description="Region id")
    q: SearchText | None = Field(None, description="Part of the name in any language")


@router.get("/countries", response=list[CountryOut])
def country_list(request: HttpRequest) -> QuerySet[ref.Country]:
    return countries_ordered()


@router.get("/regions", response=list[RegionOut])
def region_list(request: HttpRequest, filters: Query[RegionFilter]) -> QuerySet[ref.Region]:
    if filters.country:
        return regions_for_country(country=filters.country)
    return regions_ordered()


@router.get("/cities", response=page_of(CityOut))
def city_list(request: HttpRequest, filters: Query[CityFilter]) -> dict[str, Any]:
    cities = cities_search(country=filters.country, region_id=filters.region, query=filters.q)
    return paginate(cities, key="-population", params=filters)


@router.get("/languages", response=list[LanguageOut])
def language_list(request: HttpRequest) -> QuerySet[ref.Language]:
    return languages_all()


@router.get("/sdg-goals", response=list[SdgGoalOut])
def sdg_goal_list(request: HttpRequest) -> QuerySet[ref.SdgGoal]:
    return sdg_goals_with_targets()


@router.get("/causes", response=list[CauseOut])
def cause_list(request: HttpRequest) -> QuerySet[ref.Cause]:
    return causes_with_goals()


@router.get("/skills", response=list[SkillOut])
def skill_list(request: HttpRequest) -> QuerySet[ref.Skill]:
    return skills_with_groups()


@router.get("/isco-groups", response=list[IscoGroupOut])
def isco_group_list(request: HttpRequest) -> QuerySet[ref.IscoGroup]:
    return isco_groups_all()
