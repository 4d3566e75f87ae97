"""Volunteer profiles of the demo people, keyed on their email (see personas.py).

Ages are ages on the day the demo is seeded: the date of birth is computed then and kept
afterwards (a profile already there is left alone unless `seed_demo --reset`)."""

from __future__ import annotations

from dataclasses import dataclass

from council.demo.datafiles import table
from council.volunteers.models import Availability

WEEKDAYS = Availability.WEEKDAYS
EVENINGS = Availability.EVENINGS
WEEKENDS = Availability.WEEKENDS
REMOTE = Availability.REMOTE


@dataclass(frozen=True)
class ProfileSpec:
    email: str
    city: str  # key in catalogue.CITIES
    age: int
    skills: tuple[str, ...]  # reference skill slugs
    causes: tuple[str, ...]  # reference cause slugs
    languages: tuple[tuple[str, str], ...]  # (language code, CEFR level or "native")
    availability: tuple[str, ...] = (WEEKENDS,)
    sdg_goals: tuple[int, ...] = ()
    medical: bool = False
    bio: tuple[str, str, str] = ("", "", "")  # ru, kk, en
    discoverable: bool = True
    guardian: tuple[str, str] | None = None  # name, contact
    birthday_in: int = 100  # days until the next birthday, so the age holds for a while


# The rows: council/demo/data/profiles.json.
PROFILES: tuple[ProfileSpec, ...] = table("profiles", "PROFILES", ProfileSpec)


def profile_spec(email: str) -> ProfileSpec:
    return next(p for p in PROFILES if p.email == email)
