"""Reference data: public, read-only. Small lists come whole; cities come a page at a time."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from council.api.auth import PUBLIC
from council.api.pagination import CursorParams, page_of, paginate
from council.api.schemas import (
    CountryCode,
    Id,
    Names,
    SearchText,
    attribute,
    in_every_language,
)
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

    resolve_names = in_every_language()


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

    resolve_country = attribute("country_id")


class CityOut(Named):
    id: int
    geonames_id: Id
    country: str
    region: int | None
    latitude: float
    longitude: float
    population: int
    timezone: str = Field(description="IANA time zone")

    resolve_country = attribute("country_id")

    resolve_region = attribute("region_id")


class LanguageOut(Named):
    code: str = Field(description="BCP 47 tag")


class SdgTargetOut(Schema):
    code: str
    position: int
    title: str
    titles: Names

    resolve_titles = in_every_language("title")


class SdgGoalOut(Schema):
    number: int
    short_name: str
    short_names: Names
    colour: str
    targets: list[SdgTargetOut]

    resolve_short_names = in_every_language("short_name")

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

    resolve_isco_major = attribute("isco_major_id")


class IscoGroupOut(Named):
    code: str
    parent: str | None
    level: int = Field(description="1 for a major group, 2 for a sub-major group")

    resolve_parent = attribute("parent_id")


class RegionFilter(Schema):
    country: CountryCode | None = Field(None, description="ISO 3166-1 alpha-2 code")


class CityFilter(CursorParams):
    country: CountryCode | None = Field(None, description="ISO 3166-1 alpha-2 code")
    region: Id | None = Field(None, description="Region id")
    q: SearchText | None = Field(None, description="Part of the name in any language")


def region_list(request: HttpRequest, filters: Query[RegionFilter]) -> QuerySet[ref.Region]:
    if filters.country:
        return regions_for_country(country=filters.country)
    return regions_ordered()


def city_list(request: HttpRequest, filters: Query[CityFilter]) -> dict[str, Any]:
    cities = cities_search(country=filters.country, region_id=filters.region, query=filters.q)
    return paginate(cities, key="-population", params=filters)


def whole(selector: Callable[[], QuerySet[Any]], name: str) -> Callable[..., QuerySet[Any]]:
    """The endpoint of a small list that comes whole, as the selector reads it."""

    def endpoint(request: HttpRequest) -> QuerySet[Any]:
        return selector()

    endpoint.__name__ = endpoint.__qualname__ = name
    return endpoint


# Path, response, endpoint (its name is the operation's).
ROUTES: tuple[tuple[str, Any, Callable[..., Any]], ...] = (
    ("/countries", list[CountryOut], whole(countries_ordered, "country_list")),
    ("/regions", list[RegionOut], region_list),
    ("/cities", page_of(CityOut), city_list),
    ("/languages", list[LanguageOut], whole(languages_all, "language_list")),
    ("/sdg-goals", list[SdgGoalOut], whole(sdg_goals_with_targets, "sdg_goal_list")),
    ("/causes", list[CauseOut], whole(causes_with_goals, "cause_list")),
    ("/skills", list[SkillOut], whole(skills_with_groups, "skill_list")),
    ("/isco-groups", list[IscoGroupOut], whole(isco_groups_all, "isco_group_list")),
)
for path, response, endpoint in ROUTES:
    router.get(path, response=response)(endpoint)
