"""The demo's projects, opportunities, shifts and applications.

Inspired by the two news items the product started from: the international programme
“Volunteers of the World” (since 2017), the International Forum of “silver” volunteers and of
medical volunteers, the International Volunteer Forum in Sochi, the Year of the Volunteer in
Kazakhstan. Texts are in ru/kk/en and use their words in several forms, so that the search
demo finds “посадка деревьев” by “посадить дерево” and “ағаш отырғызу” by “ағаштарды”.

Dates are days from the day the demo is seeded; times are local to the opportunity's city (or
the owner's city when online) and are stored in UTC.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from council.demo.datafiles import table

Texts = tuple[str, str, str]  # ru, kk, en


@dataclass(frozen=True)
class ShiftSpec:
    days: int  # from today
    at: str  # local "HH:MM"
    hours: float
    capacity: int
    weekday: int | None = None  # move to the first such weekday (0 = Monday) on or after


@dataclass(frozen=True)
class OpportunitySpec:
    key: str
    title: Texts
    description: Texts
    city: str | None  # key in catalogue.CITIES; None: online
    mode: str  # ApplicationMode
    skills: tuple[str, ...]
    shifts: tuple[ShiftSpec, ...] = ()
    capacity: int = 0  # without shifts
    min_age: int = 0
    medical: bool = False
    restricted: str = ""  # RestrictedCategory
    languages: tuple[tuple[str, str], ...] = ()
    questions: Texts = ("", "", "")
    address: str = ""


@dataclass(frozen=True)
class ProjectSpec:
    key: str
    owner: str  # organisation key in catalogue.ORGANISATIONS
    title: Texts
    description: Texts
    causes: tuple[str, ...]
    sdg_targets: tuple[str, ...]
    starts: int  # days from today
    ends: int
    opportunities: tuple[OpportunitySpec, ...]
    partners: tuple[str, ...] = ()
    programme: str = ""
    flagship: bool = False


@dataclass(frozen=True)
class ApplicationSpec:
    volunteer: str  # email
    project: str
    opportunity: str
    shift: int | None = None  # position in the opportunity's shifts
    accept: bool = False  # the owner's admin accepts it (review mode)


def _opportunity(shifts: tuple[dict[str, Any], ...] = (), **cells: Any) -> OpportunitySpec:
    return OpportunitySpec(shifts=tuple(ShiftSpec(**shift) for shift in shifts), **cells)


def _project(opportunities: tuple[dict[str, Any], ...], **cells: Any) -> ProjectSpec:
    return ProjectSpec(opportunities=tuple(_opportunity(**o) for o in opportunities), **cells)


# The rows: council/demo/data/projects.json. A shift's `weekday` is 5 for Saturday, 6 for
# Sunday. The first forum registration shift has three seats and four applicants: the fourth
# waits.
PROJECTS: tuple[ProjectSpec, ...] = table("projects", "PROJECTS", _project)
APPLICATIONS: tuple[ApplicationSpec, ...] = table("projects", "APPLICATIONS", ApplicationSpec)
