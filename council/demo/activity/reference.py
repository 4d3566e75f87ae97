"""The constants of the synthetic activity and the reference rows it draws from (skills,
causes, SDG targets, languages, cities), loaded once per run."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from council.demo.scale import (
    Places,
    ScaleError,
    _places,
)
from council.reference.models import Cause, City, Language, SdgGoal, SdgTarget, Skill

PROFILE_PERCENT = 30
PROJECTS_PER_ORGANISATION = 2
OPPORTUNITIES_PER_ORGANISATION = 10
MAX_SHIFTS = 10
BLOCK_PERCENT = 60  # applicants from the organisation's own 50 volunteers
# Project start days, relative to today: the last 18 months and the next four.
FIRST_START_DAY = -540
LAST_START_DAY = 120

# Hash streams (the people use 1 and 2).
S_PROFILE, S_PROFILE_MORE, S_PROJECT, S_PROJECT_MORE, S_PAIR = 10, 11, 20, 21, 22
S_PROFILE_EVEN_MORE, S_CITY = 12, 13
S_OPPORTUNITY, S_OPPORTUNITY_MORE, S_SHIFT, S_PICK, S_APPLICATION = 30, 31, 40, 50, 51

LANGUAGES = ("ru", "kk", "en")
KEY_SLOTS = 16  # shifts per opportunity key (≤ MAX_SHIFTS, plus the shiftless pool)
SHIFTLESS_POOL = 15
PICK_SLOTS = 512  # application attempts per pool key


# --- Reference data --------------------------------------------------------------------------


@dataclass(frozen=True)
class CityInfo:
    pk: int
    country: str
    region_id: int | None
    latitude: float
    longitude: float
    timezone: str
    names: tuple[str, str, str]


@dataclass(frozen=True)
class Reference:
    skills: dict[str, int]
    causes: dict[str, int]
    targets: dict[str, int]
    goals: tuple[int, ...]
    languages: frozenset[str]
    cities: dict[int, CityInfo]
    places: dict[str, Places]
    # (ru, kk, en) names as stored, for the search documents: ("cause" | "goal" | "skill" |
    # "city", pk) → names; and the goal of each SDG target.
    names: dict[tuple[str, int], tuple[str, str, str]]
    target_goals: dict[int, int]

    @classmethod
    def load(cls) -> Reference:
        skills = dict(Skill.objects.values_list("slug", "pk"))
        causes = dict(Cause.objects.values_list("slug", "pk"))
        targets = dict(SdgTarget.objects.values_list("code", "pk"))
        languages = frozenset(Language.objects.values_list("code", flat=True))
        if not (skills and causes and targets) or not {"ru", "kk", "en"} <= languages:
            raise ScaleError(
                "Skills, causes, SDG targets or languages are missing: run "
                "`manage.py load_reference` first."
            )
        cities = {
            row["pk"]: CityInfo(
                row["pk"],
                row["country_id"],
                row["region_id"],
                row["latitude"],
                row["longitude"],
                row["timezone"],
                (
                    row["name_ru"] or row["name_en"] or "",
                    row["name_kk"] or row["name_ru"] or "",
                    row["name_en"] or row["name_ru"] or "",
                ),
            )
            for row in City.objects.filter(country_id__in=("RU", "KZ")).values(
                "pk",
                "country_id",
                "region_id",
                "latitude",
                "longitude",
                "timezone",
                "name_ru",
                "name_kk",
                "name_en",
            )
        }
        names: dict[tuple[str, int], tuple[str, str, str]] = {}
        named: tuple[tuple[str, QuerySet[Any], str], ...] = (
            ("cause", Cause.objects.all(), "name"),
            ("goal", SdgGoal.objects.all(), "short_name"),
            ("skill", Skill.objects.all(), "name"),
            ("city", City.objects.filter(pk__in=cities), "name"),
        )
        for kind, rows, column in named:
            for pk, ru, kk, en in rows.values_list(
                "pk", f"{column}_ru", f"{column}_kk", f"{column}_en"
            ):
                names[(kind, pk)] = (ru or "", kk or "", en or "")
        return cls(
            skills=skills,
            causes=causes,
            targets=targets,
            goals=tuple(SdgGoal.objects.order_by("pk").values_list("pk", flat=True)),
            languages=languages,
            cities=cities,
            places={country: _places(country) for country in ("RU", "KZ")},
            names=names,
            target_goals=dict(SdgTarget.objects.values_list("pk", "goal_id")),
        )
