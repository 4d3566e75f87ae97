"""The synthetic rows (profile facts, organisations, projects, opportunities, shifts) and the
small pure helpers the generators share."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache
from typing import Any
from zoneinfo import ZoneInfo

from council.demo import words
from council.demo.activity.reference import (
    CityInfo,
)
from council.lib.stemming import document_keys

# --- Synthetic rows --------------------------------------------------------------------------


@dataclass(frozen=True)
class ProfileFacts:
    """What eligibility needs to know about a profile holder."""

    birth: date
    medical: bool


@dataclass(frozen=True)
class OrganisationInfo:
    index: int
    pk: int
    country: str
    city: CityInfo
    status: str
    created_at: datetime
    admin_id: int
    name: tuple[str, str, str]


@dataclass
class SyntheticShift:
    key: int
    start: datetime
    end: datetime
    capacity: int
    pk: int = 0


@dataclass
class SyntheticOpportunity:
    key: int
    theme: words.Theme
    texts: dict[str, str]  # title_ru … description_en
    min_age: int
    medical: bool
    restricted: str
    online: bool
    city: CityInfo | None
    country: str
    address: str
    latitude: float | None
    longitude: float | None
    timezone: str
    mode: str
    capacity: int
    created_at: datetime
    skills: list[int]
    languages: list[tuple[str, str]]
    shifts: list[SyntheticShift] = field(default_factory=list)
    pk: int = 0


@dataclass
class SyntheticProject:
    index: int
    organisation: OrganisationInfo
    texts: dict[str, str]
    start: date
    end: date
    status: str
    flagship: bool
    countries: list[str]
    partners: list[int]
    causes: list[int]
    targets: list[int]
    created_at: datetime
    opportunities: list[SyntheticOpportunity] = field(default_factory=list)
    pk: int = 0


@cache
def _zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


@cache
def _keys(text: str, language: str) -> str:
    return document_keys(text, language)


def _joined_keys(parts: Iterable[str], language: str) -> str:
    """The keys of `" ".join(parts)`: document_keys works word by word, so the keys of a text
    are the keys of its parts, and the parts repeat a lot."""
    return " ".join(keys for keys in (_keys(part, language) for part in parts) if keys)


def _pick(draw: int, values: tuple[Any, ...], count: int) -> list[Any]:
    """`count` distinct values, deterministic in `draw`."""
    count = min(count, len(values))
    chosen: list[Any] = []
    step = 0
    while len(chosen) < count:
        value = values[(draw + step * 7919) % len(values)]
        if value not in chosen:
            chosen.append(value)
        step += 1
    return chosen


def _description_keys(text: str, language: str) -> str:
    # Descriptions are sentences joined by spaces; each sentence ends with a full stop.
    return _joined_keys(_split_sentences(text), language)


@cache
def _split_sentences(text: str) -> tuple[str, ...]:
    parts, current = [], []
    for word in text.split(" "):
        current.append(word)
        if word.endswith("."):
            parts.append(" ".join(current))
            current = []
    if current:
        parts.append(" ".join(current))
    return tuple(parts)


def _age(birth: date, day: date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def _clamp(value: datetime, low: datetime, high: datetime, fallback: datetime) -> datetime:
    if low > high:
        return fallback
    return min(max(value, low), high)


def _languages(country: str, draw: int, level_draw: int) -> list[tuple[str, str]]:
    levels = ("A2", "B1", "B2", "C1")
    if country == "KZ":
        if draw < 60:
            result = [("kk", "native"), ("ru", "C1" if level_draw < 50 else "native")]
        else:
            result = [("ru", "native"), ("kk", levels[level_draw % 4])]
    else:
        result = [("ru", "native")]
        if draw < 5:
            result.append(("kk", "A2" if level_draw < 50 else "B1"))
    if draw % 2 == 0:
        result.append(("en", levels[(draw + level_draw) % 4]))
    return result
