"""Data for the search and matching tests: places at known distances, opportunities with
shifts at chosen times, volunteer profiles."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from django.utils import timezone

from council.conftest import city_in_region, make_user
from council.projects.models import Application, ApplicationStatus, Opportunity, Project, Shift
from council.projects.services.index import opportunity_refresh
from council.projects.tests.conftest import make_opportunity
from council.reference.models import City, Country
from council.volunteers.models import LanguageSkill, VolunteerProfile


def make_city(
    name: str,
    country: Country,
    latitude: float,
    longitude: float,
    *,
    geonames_id: int,
    timezone_name: str,
    region_code: str = "",
) -> City:
    return city_in_region(
        country,
        geonames_id,
        region_code,
        name_en=name,
        latitude=latitude,
        longitude=longitude,
        timezone=timezone_name,
    )


def almaty(kazakhstan: Country) -> City:
    return make_city(
        "Almaty",
        kazakhstan,
        43.2220,
        76.8512,
        geonames_id=1526384,
        timezone_name="Asia/Almaty",
        region_code="KZ-75",
    )


def st_petersburg(russia: Country) -> City:
    return make_city(
        "Saint Petersburg",
        russia,
        59.9343,
        30.3351,
        geonames_id=498817,
        timezone_name="Europe/Moscow",
        region_code="RU-SPE",
    )


def opportunity_with(project: Project, *, titles: dict[str, str] | None = None, **fields: Any):
    """An opportunity titled only in the languages given (the fixture's defaults dropped)."""
    for code in ("ru", "kk", "en"):
        fields.setdefault(f"title_{code}", (titles or {}).get(code, ""))
    return make_opportunity(project, **fields)


def opportunity_at(project: Project, starts: list[datetime], *, hours: int = 4, **fields: Any):
    """An opportunity whose shifts start at the given times."""
    opportunity = make_opportunity(project, shifts=0, **fields)
    capacity = fields.get("capacity", 10)
    for start in starts:
        Shift.objects.create(
            opportunity=opportunity,
            start=start,
            end=start + timedelta(hours=hours),
            capacity=capacity,
        )
    return opportunity_refresh(opportunity=opportunity)


def in_days(days: int, hour: int = 10) -> datetime:
    return (timezone.now() + timedelta(days=days)).replace(
        hour=hour, minute=0, second=0, microsecond=0
    )


def confirm(opportunity: Opportunity, email: str, *, shift: Shift | None = None) -> Application:
    return Application.objects.create(
        volunteer=make_user(email),
        opportunity=opportunity,
        shift=shift,
        status=ApplicationStatus.CONFIRMED,
    )


def make_profile(
    email: str,
    country: Country | None,
    *,
    city: City | None = None,
    skills: tuple[Any, ...] = (),
    causes: tuple[Any, ...] = (),
    sdg_goals: tuple[Any, ...] = (),
    languages: tuple[tuple[str, str], ...] = (),
    availability: tuple[str, ...] = (),
    discoverable: bool = True,
    born: date = date(1990, 5, 17),
    **fields: Any,
) -> VolunteerProfile:
    user = make_user(email, country, given_name=email.split("@")[0].title())
    profile = VolunteerProfile.objects.create(
        user=user,
        city=city,
        availability=list(availability),
        discoverable=discoverable,
        date_of_birth=born,
        **fields,
    )
    profile.skills.set(skills)
    profile.causes.set(causes)
    profile.sdg_goals.set(sdg_goals)
    for code, level in languages:
        LanguageSkill.objects.create(profile=profile, language_id=code, level=level)
    return profile
