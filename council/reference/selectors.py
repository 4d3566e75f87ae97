"""Reads of reference data for forms and the API.

Translated names are ordered and searched in the active language: django-modeltranslation
rewrites `name` in `order_by()` and `filter()` to `name_<language>`.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Model, Prefetch, Q, QuerySet

from council.lib.memo import memo
from council.reference import models as ref

CITY_NAME_FIELDS = ("name_ru", "name_kk", "name_en")


def reference_rows(model: type[Model], key: str = "pk") -> dict[Any, Any]:
    """Every row of a reference table by `key`, kept in memory (`council.lib.memo`): for
    look-ups on hot paths (search filters, the names in matching reasons)."""
    return memo(
        ("reference rows", model._meta.label, key),
        lambda: {getattr(row, key): row for row in model._default_manager.all()},
    )


def countries_ordered() -> QuerySet[ref.Country]:
    """Council members (Russia, Kazakhstan) first, then every country by name."""
    return ref.Country.objects.order_by("-is_council_member", "name", "code")


def regions_for_country(*, country: str) -> QuerySet[ref.Region]:
    """Regions of one country (ISO alpha-2 code), by name."""
    return ref.Region.objects.filter(country_id=country.upper()).order_by("name", "code")


def regions_ordered() -> QuerySet[ref.Region]:
    """Every region, by country, then by name."""
    return ref.Region.objects.order_by("country_id", "name", "code")


def cities_search(
    *,
    country: str | None = None,
    region: str | None = None,
    region_id: int | None = None,
    query: str | None = None,
) -> QuerySet[ref.City]:
    """Cities by country code, region (its ISO 3166-2 code or its id) and name in any language,
    largest first."""
    cities = ref.City.objects.select_related("country", "region")
    if country:
        cities = cities.filter(country_id=country.upper())
    if region:
        cities = cities.filter(region__code=region.upper())
    if region_id:
        cities = cities.filter(region_id=region_id)
    text = (query or "").strip()
    if text:
        # SQLite's LIKE folds case for ASCII only, so Cyrillic is also tried as typed people
        # usually mean it: "алматы", "Алматы", "санкт-петербург" → "Санкт-Петербург".
        match = Q()
        for variant in {text, text.lower(), text.capitalize(), text.title()}:
            for field in CITY_NAME_FIELDS:
                match |= Q(**{f"{field}__icontains": variant})
        cities = cities.filter(match)
    return cities.order_by("-population", "geonames_id")


def sdg_goals_with_targets() -> QuerySet[ref.SdgGoal]:
    """All 17 goals with their targets in UN order, in two queries."""
    targets = ref.SdgTarget.objects.order_by("position")
    return ref.SdgGoal.objects.order_by("number").prefetch_related(Prefetch("targets", targets))


def skills_grouped() -> QuerySet[ref.SkillGroup]:
    """Skill groups in display order, each with its skills (and ISCO group) by name."""
    skills = ref.Skill.objects.select_related("isco_major").order_by("name", "slug")
    return ref.SkillGroup.objects.order_by("position").prefetch_related(Prefetch("skills", skills))


def languages_all() -> QuerySet[ref.Language]:
    return ref.Language.objects.all()


def causes_with_goals() -> QuerySet[ref.Cause]:
    return ref.Cause.objects.prefetch_related("sdg_goals")


def skills_with_groups() -> QuerySet[ref.Skill]:
    return ref.Skill.objects.select_related("group")


def isco_groups_all() -> QuerySet[ref.IscoGroup]:
    return ref.IscoGroup.objects.all()


def pks_by_slug(model: type[Model], values: list[int | str]) -> list[int | str]:
    """Slugs replaced by primary keys; a key stays, and so does an unknown slug, for a form to
    refuse by name."""
    slugs = {value for value in values if isinstance(value, str)}
    found = dict(model._default_manager.filter(slug__in=slugs).values_list("slug", "pk"))
    return [found.get(value, value) if isinstance(value, str) else value for value in values]
