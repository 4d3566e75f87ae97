"""How well one volunteer and one opportunity fit: the weights, the facts of each side, the
score and the reasons a person can read (the same rules both ways)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.utils.translation import gettext as _

from council.lib.geo import distance_km
from council.lib.timezones import place_zone
from council.projects.models import Opportunity
from council.volunteers.models import CEFR_ORDER, Availability, VolunteerProfile

CANDIDATES_PER_RESULT = 3
MIN_CANDIDATES = 60
UPCOMING_SHIFTS = 10
EVENING_HOUR = 17

SKILL = 3
LANGUAGE = 2
LANGUAGE_UNMET = -3
CAUSE = 2
SDG_GOAL = 1
ONLINE_REMOTE = 2
IN_REACH = 1
NEAR = 2
AVAILABILITY = 2
# Per required credential the volunteer holds, valid today; per one they lack (they may not
# apply until they earn it, so such offers sink below the ones they can take).
CREDENTIAL = 3
CREDENTIAL_MISSING = -4
REACH_KM = 300
NEAR_KM = 50
# Points by distance (km, points); farther places within reach get none.
DISTANCE_POINTS = ((10.0, 3), (float(NEAR_KM), 2), (150.0, 1))


@dataclass
class OpportunityMatch:
    """An opportunity offered to a volunteer."""

    opportunity: Opportunity
    score: int
    reasons: list[str]
    next_start: datetime | None


@dataclass
class VolunteerMatch:
    """A volunteer suggested to an organiser."""

    profile: VolunteerProfile
    score: int
    reasons: list[str]


def speaks_well_enough(level: str | None, minimum: str) -> bool:
    """Whether a volunteer's level of a language (None: not spoken) meets a requirement."""
    return level is not None and CEFR_ORDER.get(level, 0) >= CEFR_ORDER.get(minimum, 99)


def levels_at_least(level: str) -> list[str]:
    return [name for name, rank in CEFR_ORDER.items() if rank >= CEFR_ORDER.get(level, 99)]


def levels_at_most(level: str) -> list[str]:
    return [name for name, rank in CEFR_ORDER.items() if rank <= CEFR_ORDER.get(level, 0)]


@dataclass
class Side:
    """What one side of a pair brings to the score: ids, levels, place, times."""

    skills: set[int] = field(default_factory=set)
    # Language code → the volunteer's level, or the opportunity's minimum level.
    languages: dict[str, str] = field(default_factory=dict)
    causes: set[int] = field(default_factory=set)
    goals: set[int] = field(default_factory=set)
    # Credentials the volunteer holds valid today, or the opportunity requires.
    credentials: set[int] = field(default_factory=set)
    latitude: float | None = None
    longitude: float | None = None
    online: bool = False
    availability: frozenset[str] = frozenset()
    starts: list[datetime] = field(default_factory=list)
    timezone: str = "UTC"


@dataclass
class Names:
    """Translated names of the catalogue entries the reasons may mention."""

    skills: dict[int, str] = field(default_factory=dict)
    languages: dict[str, str] = field(default_factory=dict)
    causes: dict[int, str] = field(default_factory=dict)
    goals: dict[int, str] = field(default_factory=dict)


def _fitting_time(opportunity: Side, availability: frozenset[str]) -> Availability | None:
    """The first of the volunteer's times (weekends, evenings, weekdays) that an upcoming
    shift falls in, in the local time of the place."""
    zone = place_zone(opportunity.timezone)
    for start in opportunity.starts:
        local = start.astimezone(zone)
        if Availability.WEEKENDS in availability and local.weekday() >= 5:
            return Availability.WEEKENDS
        if Availability.EVENINGS in availability and local.hour >= EVENING_HOUR:
            return Availability.EVENINGS
        if (
            Availability.WEEKDAYS in availability
            and local.weekday() < 5
            and local.hour < EVENING_HOUR
        ):
            return Availability.WEEKDAYS
    return None


def _distance_points(km: float) -> int:
    for limit, points in DISTANCE_POINTS:
        if km <= limit:
            return points
    return 0


def _credential_points(
    volunteer: Side, opportunity: Side, reasons: list[str], *, for_organiser: bool
) -> int:
    """Points for the required credentials held, a penalty for each one lacking, and a
    reason for either."""
    held = opportunity.credentials & volunteer.credentials
    missing = opportunity.credentials - volunteer.credentials
    if held:
        reasons.append(
            _("holds the credentials it requires")
            if for_organiser and not missing
            else _("holds a credential it requires")
            if for_organiser
            else _("you hold a credential it requires")
        )
    if missing:
        reasons.append(
            _("lacks a credential it requires")
            if for_organiser
            else _("requires a credential you do not hold yet")
        )
    return CREDENTIAL * len(held) + CREDENTIAL_MISSING * len(missing)


def pair_score(
    volunteer: Side, opportunity: Side, names: Names, *, for_organiser: bool
) -> tuple[int, list[str]]:
    """Score and reasons of one pair."""
    score, reasons = 0, []
    for skill in sorted(volunteer.skills & opportunity.skills):
        score += SKILL
        name = names.skills.get(skill, "")
        reasons.append(
            _("has %(skill)s") % {"skill": name}
            if for_organiser
            else _("needs %(skill)s — you have it") % {"skill": name}
        )
    for code, minimum in sorted(opportunity.languages.items()):
        level = volunteer.languages.get(code)
        if level is not None and speaks_well_enough(level, minimum):
            score += LANGUAGE
            values = {
                "language": names.languages.get(code, code),
                "level": _("native") if level == "native" else level,
            }
            reasons.append(
                _("speaks %(language)s %(level)s") % values
                if for_organiser
                else _("you speak %(language)s %(level)s") % values
            )
        else:
            score += LANGUAGE_UNMET
    score += _credential_points(volunteer, opportunity, reasons, for_organiser=for_organiser)
    for cause in sorted(volunteer.causes & opportunity.causes):
        score += CAUSE
        reasons.append(_("cares about %(cause)s") % {"cause": names.causes.get(cause, "")})
    for goal in sorted(volunteer.goals & opportunity.goals):
        score += SDG_GOAL
        reasons.append(
            _("SDG %(number)d: %(goal)s") % {"number": goal, "goal": names.goals.get(goal, "")}
        )
    if opportunity.online:
        if Availability.REMOTE in volunteer.availability:
            score += ONLINE_REMOTE
            reasons.append(
                _("volunteers remotely") if for_organiser else _("online — you volunteer remotely")
            )
    elif None not in (
        volunteer.latitude,
        volunteer.longitude,
        opportunity.latitude,
        opportunity.longitude,
    ):
        km = distance_km(
            volunteer.latitude,  # type: ignore[arg-type]
            volunteer.longitude,  # type: ignore[arg-type]
            opportunity.latitude,  # type: ignore[arg-type]
            opportunity.longitude,  # type: ignore[arg-type]
        )
        if km <= REACH_KM:
            score += _distance_points(km)
            reasons.append(_("%(distance)d km away") % {"distance": round(km)})
    fitting = _fitting_time(opportunity, volunteer.availability)
    if fitting is not None:
        score += AVAILABILITY
        if for_organiser:
            reasons.append(
                {
                    Availability.WEEKENDS: _("free at weekends, when a shift is"),
                    Availability.EVENINGS: _("free in the evenings, when a shift is"),
                    Availability.WEEKDAYS: _("free on weekdays, when a shift is"),
                }[fitting]
            )
        else:
            reasons.append(
                {
                    Availability.WEEKENDS: _("a shift at the weekend, when you are free"),
                    Availability.EVENINGS: _("an evening shift, when you are free"),
                    Availability.WEEKDAYS: _("a weekday shift, when you are free"),
                }[fitting]
            )
    return score, reasons
