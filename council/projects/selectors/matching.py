"""Matching volunteers and opportunities, both ways, with the reasons a person can read.

Two stages, each a fixed number of queries whatever the number of rows:

1. Candidates, in one SQL statement. The universe is what may be offered, already narrowed by
   indexes: open, eligible (age, work barred to minors, a medical qualification), not applied
   to, and within reach — onsite within `REACH_KM` of the volunteer's city (a bounding box on
   indexed coordinates), online for a volunteer who works remotely; for organisers,
   discoverable people, from another country only with a live cross-border consent. Every
   signal (a shared skill, a language spoken well enough, a shared cause or SDG goal, a place
   near by, online work for a remote volunteer) joins the universe to one narrow table; the
   database adds up the weights per candidate and keeps the best
   `CANDIDATES_PER_RESULT` × limit. The work follows the size of the universe, not of the
   tables (migration 0002_search adds covering indexes for it on PostgreSQL).
2. Ranking, in Python over those few candidates with their relations prefetched: the exact
   score (distance, unmet language requirements, shift times in the place's local time
   against the volunteer's availability) and the reasons.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, NamedTuple

from django.db import connections, router
from django.db.models import (
    Exists,
    F,
    ManyToManyField,
    Model,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Window,
)
from django.db.models.functions import RowNumber
from django.utils import timezone
from django.utils.translation import gettext as _

from council.accounts.models import Consent, ConsentPurpose
from council.lib.geo import BoundingBox, bounding_box, distance_km
from council.lib.timezones import place_zone
from council.projects.models import (
    LIVE_STATUSES,
    Application,
    Opportunity,
    OpportunityLanguage,
    Project,
    Shift,
)
from council.projects.selectors.search import LONG_TEXTS
from council.reference.models import Cause, Language, SdgGoal, SdgTarget, Skill
from council.reference.selectors import reference_rows
from council.volunteers.models import (
    ADULT_AGE,
    CEFR_ORDER,
    Availability,
    LanguageSkill,
    VolunteerProfile,
)

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
class _Signal:
    """Rows of the universe `u` that show one signal: `SELECT <candidate> FROM universe u
    <joins_and_where>`; a row may show up more than once (two shared skills count twice)."""

    candidate: str
    joins_and_where: str
    params: list[Any]
    weight: int


def _placeholders(values: Sequence[Any]) -> str:
    return ", ".join(["%s"] * len(values))


def _m2m(model: type[Model], name: str) -> tuple[str, str, str]:
    """(table, column of `model`, column of the other side) of a many-to-many field."""
    m2m = model._meta.get_field(name)
    assert isinstance(m2m, ManyToManyField)
    return m2m.m2m_db_table(), m2m.m2m_column_name(), m2m.m2m_reverse_name()


def _box_sql(box: BoundingBox, latitude: str, longitude: str) -> tuple[str, list[Any]]:
    longitudes = " OR ".join(f"{longitude} BETWEEN %s AND %s" for _range in box.longitude_ranges)
    params: list[Any] = [box.min_latitude, box.max_latitude]
    for west, east in box.longitude_ranges:
        params += [west, east]
    return f"{latitude} BETWEEN %s AND %s AND ({longitudes})", params


def _box_q(box: BoundingBox, prefix: str = "") -> Q:
    longitudes = Q()
    for west, east in box.longitude_ranges:
        longitudes |= Q(**{f"{prefix}longitude__gte": west, f"{prefix}longitude__lte": east})
    return longitudes & Q(
        **{f"{prefix}latitude__gte": box.min_latitude, f"{prefix}latitude__lte": box.max_latitude}
    )


def _rank(
    *,
    model: type[Model],
    universe: Sequence[QuerySet[Any]],
    columns: Sequence[str],
    signals: Sequence[_Signal],
    limit: int,
    base: tuple[str, list[Any]] | None = None,
    returning: Sequence[str] = (),
) -> list[Any]:
    """The keys of the universe with the highest sum of signal weights, best first.

    `base` is an SQL expression over the universe row `u` (with its parameters) for points
    every row may earn from its own columns (place, online work): added in one pass over the
    universe rather than as signals that would put every row through the aggregation.
    With `returning` (columns of `model`'s table; only with `base`), each key comes as a
    tuple (key, *columns), read for the kept rows only."""
    if not universe or not (signals or base):
        return []
    names = ("id", *(column.rsplit("__", 1)[-1] for column in columns[1:]))
    parts: list[str] = []
    params: list[Any] = []
    for queryset in universe:
        # The CTE names the columns by position. modeltranslation's queryset shuffles the
        # columns of values_list() in SQL (and puts them back in Python): compile a plain one.
        plain: QuerySet[Any] = QuerySet(model=queryset.model, query=queryset.query.chain())
        sql, part_params = plain.order_by().values_list(*columns).query.sql_with_params()
        parts.append(sql)
        params += part_params
    selects = []
    for signal in signals:
        selects.append(
            f"SELECT {signal.candidate} AS candidate, {int(signal.weight)} AS weight "  # noqa: S608
            f"FROM universe u {signal.joins_and_where}"
        )
        params += signal.params
    universe_sql = f"WITH universe({', '.join(names)}) AS ({' UNION ALL '.join(parts)})"
    if base is None:
        sql = (
            f"{universe_sql} SELECT candidate, SUM(weight) AS score "  # noqa: S608
            f"FROM ({' UNION ALL '.join(selects)}) signals "
            "GROUP BY candidate ORDER BY score DESC, candidate LIMIT %s"
        )
    else:
        base_sql, base_params = base
        found = " UNION ALL ".join(selects) or "SELECT 0 AS candidate, 0 AS weight WHERE 1 = 0"
        sql = (
            f"{universe_sql}, found AS (SELECT candidate, SUM(weight) AS score "  # noqa: S608
            f"FROM ({found}) signals GROUP BY candidate) "
            f"SELECT id, total FROM (SELECT u.id, ({base_sql}) + COALESCE(f.score, 0) AS total "
            "FROM universe u LEFT JOIN found f ON f.candidate = u.id) ranked "
            "WHERE total > 0 ORDER BY total DESC, id LIMIT %s"
        )
        params += base_params
        if returning:
            # The universe's covering indexes lack these columns: read them for the kept
            # rows only, by key.
            extra = ", ".join(f"m.{column}" for column in returning)
            sql = (
                f"SELECT k.id, {extra} FROM ({sql}) k "  # noqa: S608
                f"JOIN {model._meta.db_table} m ON m.id = k.id ORDER BY k.total DESC, k.id"
            )
    assert base is not None or not returning
    with connections[router.db_for_read(model)].cursor() as cursor:
        cursor.execute(sql, [*params, limit])
        rows = cursor.fetchall()
    return [tuple(row) for row in rows] if returning else [row[0] for row in rows]


@dataclass
class _Side:
    """What one side of a pair brings to the score: ids, levels, place, times."""

    skills: set[int] = field(default_factory=set)
    # Language code → the volunteer's level, or the opportunity's minimum level.
    languages: dict[str, str] = field(default_factory=dict)
    causes: set[int] = field(default_factory=set)
    goals: set[int] = field(default_factory=set)
    latitude: float | None = None
    longitude: float | None = None
    online: bool = False
    availability: frozenset[str] = frozenset()
    starts: list[datetime] = field(default_factory=list)
    timezone: str = "UTC"


@dataclass
class _Names:
    """Translated names of the catalogue entries the reasons may mention."""

    skills: dict[int, str] = field(default_factory=dict)
    languages: dict[str, str] = field(default_factory=dict)
    causes: dict[int, str] = field(default_factory=dict)
    goals: dict[int, str] = field(default_factory=dict)


def _fitting_time(opportunity: _Side, availability: frozenset[str]) -> Availability | None:
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


def _score(
    volunteer: _Side, opportunity: _Side, names: _Names, *, for_organiser: bool
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


# --- What one opportunity asks, and whether one volunteer has it --------------------------


@dataclass
class Requirement:
    """One thing an opportunity asks of a volunteer, as its page shows it: `met` is None when
    nobody is asking, or the profile does not say (no date of birth)."""

    kind: str
    value: str
    met: bool | None = None


def _level_name(level: str) -> str:
    return _("native") if level == "native" else level


def opportunity_requirements(
    *, opportunity: Opportunity, user: Any = None, on: date
) -> list[Requirement]:
    """Languages with their minimum level, skills, minimum age, a medical qualification and
    work barred to minors, in the reader's language; for a volunteer with a profile each is
    marked met or not (by the rules of matching and of applying, the age on the day `on`)."""
    wanted_languages = opportunity.languages.select_related("language").order_by(
        "language__position", "language_id"
    )
    facts = _volunteer_facts(user) if user is not None and user.is_authenticated else None
    profile, side = (facts[0], facts[1]) if facts is not None else (None, None)
    age = profile.age(on) if profile is not None else None

    def when_known(met: bool) -> bool | None:
        return met if side is not None else None

    items = []
    for wanted in wanted_languages:
        level = side.languages.get(wanted.language_id) if side is not None else None
        values = {"language": wanted.language.name, "level": _level_name(wanted.min_level)}
        items.append(
            Requirement(
                _("Language"),
                _("%(language)s — %(level)s") % values,
                when_known(speaks_well_enough(level, wanted.min_level)),
            )
        )
    for skill in opportunity.skills.order_by("name"):
        met = side is not None and skill.pk in side.skills
        items.append(Requirement(_("Skill"), str(skill.name), when_known(met)))
    if opportunity.min_age:
        items.append(
            Requirement(
                _("Minimum age"),
                str(opportunity.min_age),
                None if age is None else age >= opportunity.min_age,
            )
        )
    if opportunity.medical_required:
        met = profile is not None and profile.medical_qualification
        items.append(Requirement(_("Medical qualification"), _("required"), when_known(met)))
    if opportunity.restricted_category:
        items.append(
            Requirement(
                _("Not for minors"),
                str(opportunity.get_restricted_category_display()),
                None if age is None else age >= ADULT_AGE,
            )
        )
    return items


# --- One volunteer or one opportunity, with names ------------------------------------------


def _volunteer_facts(user: Any) -> tuple[VolunteerProfile, _Side, _Names] | None:
    """The profile, and its skills, causes, goals and languages in one statement; the names
    the reasons quote come from reference data in memory."""
    profile = VolunteerProfile.objects.filter(user=user).select_related("city").first()
    if profile is None:
        return None
    skills, skills_owner, skill = _m2m(VolunteerProfile, "skills")
    causes, causes_owner, cause = _m2m(VolunteerProfile, "causes")
    goals, goals_owner, goal = _m2m(VolunteerProfile, "sdg_goals")
    spoken = LanguageSkill._meta.db_table
    sql = (
        f"SELECT 's', {skill}, NULL, NULL FROM {skills} WHERE {skills_owner} = %s "  # noqa: S608
        f"UNION ALL SELECT 'c', {cause}, NULL, NULL FROM {causes} WHERE {causes_owner} = %s "
        f"UNION ALL SELECT 'g', {goal}, NULL, NULL FROM {goals} WHERE {goals_owner} = %s "
        f"UNION ALL SELECT 'l', NULL, language_id, level FROM {spoken} WHERE profile_id = %s"
    )
    side = _Side(
        latitude=profile.city.latitude if profile.city else None,
        longitude=profile.city.longitude if profile.city else None,
        availability=frozenset(profile.availability or ()),
    )
    with connections[router.db_for_read(VolunteerProfile)].cursor() as cursor:
        cursor.execute(sql, [profile.pk] * 4)
        for kind, number, code, level in cursor.fetchall():
            if kind == "s":
                side.skills.add(number)
            elif kind == "c":
                side.causes.add(number)
            elif kind == "g":
                side.goals.add(number)
            else:
                side.languages[code] = level
    catalogue = {model: reference_rows(model) for model in (Skill, Cause, SdgGoal, Language)}
    names = _Names(
        skills={pk: catalogue[Skill][pk].name for pk in side.skills if pk in catalogue[Skill]},
        languages={
            code: catalogue[Language][code].name
            for code in side.languages
            if code in catalogue[Language]
        },
        causes={pk: catalogue[Cause][pk].name for pk in side.causes if pk in catalogue[Cause]},
        goals={
            pk: catalogue[SdgGoal][pk].short_name for pk in side.goals if pk in catalogue[SdgGoal]
        },
    )
    return profile, side, names


def _opportunity_with_names(pk: int) -> Opportunity:
    return (
        Opportunity.objects.filter(pk=pk)
        .select_related("project", "city")
        .prefetch_related(
            "skills",
            Prefetch("languages", OpportunityLanguage.objects.select_related("language")),
            "project__causes",
            Prefetch("project__sdg_targets", SdgTarget.objects.select_related("goal")),
        )
        .get()
    )


def _offer_side(opportunity: Opportunity, at: datetime) -> _Side:
    """The facts of an opportunity loaded by `_opportunity_with_names`."""
    starts = opportunity.shifts.filter(start__gt=at).order_by("start", "pk")
    return _Side(
        skills={skill.pk for skill in opportunity.skills.all()},
        languages={item.language_id: item.min_level for item in opportunity.languages.all()},
        causes={cause.pk for cause in opportunity.project.causes.all()},
        goals={target.goal_id for target in opportunity.project.sdg_targets.all()},
        latitude=opportunity.latitude,
        longitude=opportunity.longitude,
        online=opportunity.is_online,
        starts=list(starts.values_list("start", flat=True)[:UPCOMING_SHIFTS]),
        timezone=opportunity.timezone,
    )


def _opportunity_names(opportunity: Opportunity) -> _Names:
    return _Names(
        skills={skill.pk: skill.name for skill in opportunity.skills.all()},
        languages={item.language_id: item.language.name for item in opportunity.languages.all()},
        causes={cause.pk: cause.name for cause in opportunity.project.causes.all()},
        goals={t.goal_id: t.goal.short_name for t in opportunity.project.sdg_targets.all()},
    )


# --- Many opportunities or many volunteers, as plain facts (a few queries, whatever the number)


def _opportunity_sides(opportunities: Sequence[Any], at: datetime) -> dict[int, _Side]:
    """Scoring facts of many opportunities (objects with the fields of `_Offer`): skills,
    language requirements, the project's causes and SDG goals in one statement, the next
    shifts in another."""
    sides = {
        o.pk: _Side(
            latitude=o.latitude, longitude=o.longitude, online=o.is_online, timezone=o.timezone
        )
        for o in opportunities
    }
    by_project: dict[int, list[_Side]] = {}
    for o in opportunities:
        by_project.setdefault(o.project_id, []).append(sides[o.pk])
    if not sides:
        return sides
    keys, projects = list(sides), list(by_project)
    skills, skills_owner, skill = _m2m(Opportunity, "skills")
    causes, causes_owner, cause = _m2m(Project, "causes")
    targets, targets_owner, target = _m2m(Project, "sdg_targets")
    in_keys, in_projects = _placeholders(keys), _placeholders(projects)
    sql = (
        f"SELECT 's', {skills_owner}, {skill}, NULL, NULL FROM {skills} "  # noqa: S608
        f"WHERE {skills_owner} IN ({in_keys}) "
        "UNION ALL SELECT 'l', opportunity_id, NULL, language_id, min_level "
        f"FROM {OpportunityLanguage._meta.db_table} WHERE opportunity_id IN ({in_keys}) "
        f"UNION ALL SELECT 'c', {causes_owner}, {cause}, NULL, NULL FROM {causes} "
        f"WHERE {causes_owner} IN ({in_projects}) "
        f"UNION ALL SELECT 'g', pt.{targets_owner}, t.goal_id, NULL, NULL FROM {targets} pt "
        f"JOIN {SdgTarget._meta.db_table} t ON t.id = pt.{target} "
        f"WHERE pt.{targets_owner} IN ({in_projects})"
    )
    with connections[router.db_for_read(Opportunity)].cursor() as cursor:
        cursor.execute(sql, [*keys, *keys, *projects, *projects])
        for kind, owner, number, code, level in cursor.fetchall():
            if kind == "s":
                sides[owner].skills.add(number)
            elif kind == "l":
                sides[owner].languages[code] = level
            elif kind == "c":
                for side in by_project[owner]:
                    side.causes.add(number)
            else:
                for side in by_project[owner]:
                    side.goals.add(number)
    upcoming = (
        Shift.objects.filter(opportunity_id__in=sides, start__gt=at)
        .annotate(
            number=Window(RowNumber(), partition_by=F("opportunity_id"), order_by=("start", "pk"))
        )
        .filter(number__lte=UPCOMING_SHIFTS)
        .order_by("opportunity_id", "start")
    )
    for pk, start in upcoming.values_list("opportunity_id", "start"):
        sides[pk].starts.append(start)
    return sides


def _volunteer_sides(profiles: Sequence[VolunteerProfile]) -> dict[int, _Side]:
    sides = {
        p.pk: _Side(
            latitude=p.city.latitude if p.city else None,
            longitude=p.city.longitude if p.city else None,
            availability=frozenset(p.availability or ()),
        )
        for p in profiles
    }
    skill_links = VolunteerProfile.skills.through.objects.filter(volunteerprofile_id__in=sides)
    for pk, skill in skill_links.values_list("volunteerprofile_id", "skill_id"):
        sides[pk].skills.add(skill)
    cause_links = VolunteerProfile.causes.through.objects.filter(volunteerprofile_id__in=sides)
    for pk, cause in cause_links.values_list("volunteerprofile_id", "cause_id"):
        sides[pk].causes.add(cause)
    goal_links = VolunteerProfile.sdg_goals.through.objects.filter(volunteerprofile_id__in=sides)
    for pk, goal in goal_links.values_list("volunteerprofile_id", "sdggoal_id"):
        sides[pk].goals.add(goal)
    spoken = LanguageSkill.objects.filter(profile_id__in=sides)
    for pk, code, level in spoken.values_list("profile_id", "language_id", "level"):
        sides[pk].languages[code] = level
    return sides


# --- The two questions ---------------------------------------------------------------------


class _Offer(NamedTuple):
    """The columns of a candidate opportunity that scoring reads."""

    pk: int
    project_id: int
    latitude: float | None
    longitude: float | None
    is_online: bool
    timezone: str


def opportunities_for_you(*, user: Any, limit: int = 20) -> list[OpportunityMatch]:
    """Open opportunities this volunteer may take, best first, each with its reasons. Onsite
    ones within `REACH_KM` of the volunteer's city (or without a place, in its country; in the
    home country when the profile has no city), online ones for a volunteer who works remotely
    (or has no city). Empty without a volunteer profile or without anything to match on."""
    facts = _volunteer_facts(user)
    if facts is None:
        return []
    profile, volunteer, names = facts
    at = timezone.now()
    rows = _rank(
        model=Opportunity,
        universe=_opportunity_universe(user=user, profile=profile, at=at),
        columns=("pk", "project_id", "is_online", "latitude", "longitude"),
        signals=_opportunity_signals(volunteer),
        limit=max(limit * CANDIDATES_PER_RESULT, MIN_CANDIDATES),
        base=_opportunity_base(profile),
        returning=_Offer._fields[1:],  # after the key
    )
    # Score the candidates on the few columns scoring reads, then load the ones shown.
    candidates = [_Offer(*row) for row in rows]
    sides = _opportunity_sides(candidates, at)
    scored = []
    for candidate in candidates:
        side = sides[candidate.pk]
        score, reasons = _score(volunteer, side, names, for_organiser=False)
        scored.append((score, side.starts[0] if side.starts else None, candidate.pk, reasons))
    far_future = datetime.max.replace(tzinfo=at.tzinfo)
    scored.sort(key=lambda row: (-row[0], row[1] or far_future, row[2]))
    scored = scored[:limit]
    shown = Opportunity.objects.filter(pk__in=[row[2] for row in scored])
    # The page and the API show these rows: everything but the long texts.
    full = {o.pk: o for o in shown.select_related("project", "city").defer(*LONG_TEXTS)}
    matches = [
        OpportunityMatch(full[pk], score, reasons, next_start)
        for score, next_start, pk, reasons in scored
        if pk in full
    ]
    return matches[:limit]


def _opportunity_universe(
    *, user: Any, profile: VolunteerProfile, at: datetime
) -> list[QuerySet[Opportunity]]:
    """Pieces whose union is what may be offered; each piece fits one index (PostgreSQL
    cannot use an index for `last_end > now OR last_end IS NULL` in one go)."""
    eligible = Opportunity.objects.filter(is_published=True, members_only=False).exclude(
        pk__in=Application.objects.filter(volunteer=user, status__in=LIVE_STATUSES).values(
            "opportunity_id"
        )
    )
    age = profile.age(at.date())
    if age is not None:
        eligible = eligible.filter(min_age__lte=age)
        if age < ADULT_AGE:
            eligible = eligible.filter(restricted_category="")
    if not profile.medical_qualification:
        eligible = eligible.filter(medical_required=False)
    city = profile.city
    still_open = (Q(last_end__gt=at), Q(last_end__isnull=True))
    pieces: list[QuerySet[Opportunity]] = []
    if city is not None:
        box = bounding_box(city.latitude, city.longitude, REACH_KM)
        # One pass over the box (the coordinates index carries `last_end`): scanning it once
        # per open-ended and dated half read the same entries twice.
        pieces.append(
            eligible.filter(Q(is_online=False) & _box_q(box), still_open[0] | still_open[1])
        )
        # Onsite without a place of its own: somewhere in the country.
        place = Q(is_online=False, latitude__isnull=True, country_id=city.country_id)
        pieces += [eligible.filter(place, half) for half in still_open]
    elif user.home_country_id:
        place = Q(is_online=False, country_id=user.home_country_id)
        pieces += [eligible.filter(place, half) for half in still_open]
    if city is None or Availability.REMOTE in (profile.availability or []):
        pieces += [eligible.filter(is_online=True).filter(half) for half in still_open]
    return pieces


def _opportunity_signals(volunteer: _Side) -> list[_Signal]:
    signals = []
    skills = sorted(volunteer.skills)
    if skills:
        table, opportunity, skill = _m2m(Opportunity, "skills")
        signals.append(
            _Signal(
                "u.id",
                f"JOIN {table} s ON s.{opportunity} = u.id "
                f"WHERE s.{skill} IN ({_placeholders(skills)})",
                skills,
                SKILL,
            )
        )
    spoken: list[str] = []
    spoken_params: list[Any] = []
    for code, level in sorted(volunteer.languages.items()):
        levels = levels_at_most(level)
        spoken.append(f"(l.language_id = %s AND l.min_level IN ({_placeholders(levels)}))")
        spoken_params += [code, *levels]
    if spoken:
        table = OpportunityLanguage._meta.db_table
        signals.append(
            _Signal(
                "u.id",
                f"JOIN {table} l ON l.opportunity_id = u.id WHERE {' OR '.join(spoken)}",
                spoken_params,
                LANGUAGE,
            )
        )
    causes = sorted(volunteer.causes)
    if causes:
        table, project, cause = _m2m(Project, "causes")
        signals.append(
            _Signal(
                "u.id",
                f"JOIN {table} pc ON pc.{project} = u.project_id "
                f"WHERE pc.{cause} IN ({_placeholders(causes)})",
                causes,
                CAUSE,
            )
        )
    goals = sorted(volunteer.goals)
    if goals:
        table, project, target = _m2m(Project, "sdg_targets")
        signals.append(
            _Signal(
                "u.id",
                f"JOIN {table} pt ON pt.{project} = u.project_id "
                f"JOIN {SdgTarget._meta.db_table} t ON t.id = pt.{target} "
                f"WHERE t.goal_id IN ({_placeholders(goals)})",
                goals,
                SDG_GOAL,
            )
        )
    return signals


def _opportunity_base(profile: VolunteerProfile) -> tuple[str, list[Any]]:
    """Points an opportunity earns from its own row: within reach and near by for onsite
    work (the universe holds only what is in reach), online work for a remote volunteer."""
    onsite = "0"
    params: list[Any] = []
    if profile.city is not None:
        box = bounding_box(profile.city.latitude, profile.city.longitude, NEAR_KM)
        near, params = _box_sql(box, "u.latitude", "u.longitude")
        onsite = f"{IN_REACH} + CASE WHEN {near} THEN {NEAR} ELSE 0 END"
    online = ONLINE_REMOTE if Availability.REMOTE in (profile.availability or []) else 0
    return f"CASE WHEN u.is_online THEN {online} ELSE {onsite} END", params


def volunteers_suggested(*, opportunity: Opportunity, limit: int = 20) -> list[VolunteerMatch]:
    """Volunteers an organiser may invite to this opportunity, best first, with reasons.

    Only discoverable profiles, and a person whose home country is not the opportunity's only
    with a live cross-border consent. People who already applied, or may not take part (age,
    work barred to minors, a medical qualification), are left out; for onsite work, so are
    people known to live further than `REACH_KM` away."""
    at = timezone.now()
    opportunity = _opportunity_with_names(opportunity.pk)
    keys = _rank(
        model=VolunteerProfile,
        universe=_volunteer_universe(opportunity=opportunity, at=at),
        columns=("pk", "city__latitude", "city__longitude"),
        signals=_volunteer_signals(opportunity),
        limit=max(limit * CANDIDATES_PER_RESULT, MIN_CANDIDATES),
    )
    profiles = list(VolunteerProfile.objects.filter(pk__in=keys).select_related("user", "city"))
    sides = _volunteer_sides(profiles)
    offer = _offer_side(opportunity, at)
    names = _opportunity_names(opportunity)
    matches = []
    for profile in profiles:
        score, reasons = _score(sides[profile.pk], offer, names, for_organiser=True)
        matches.append(VolunteerMatch(profile, score, reasons))
    matches.sort(key=lambda match: (-match.score, match.profile.pk))
    return matches[:limit]


def _is_onsite_somewhere(opportunity: Opportunity) -> bool:
    return (
        not opportunity.is_online
        and opportunity.latitude is not None
        and opportunity.longitude is not None
    )


def _volunteer_universe(*, opportunity: Opportunity, at: datetime) -> list[QuerySet[Any]]:
    consented = Exists(
        Consent.objects.filter(
            user=OuterRef("user_id"),
            purpose=ConsentPurpose.CROSS_BORDER,
            withdrawn_at__isnull=True,
        )
    )
    reachable = Q(consented)
    if opportunity.country_id:
        reachable |= Q(user__home_country_id=opportunity.country_id)
    people = VolunteerProfile.objects.filter(
        reachable, discoverable=True, user__is_active=True, user__erased_at__isnull=True
    ).exclude(
        user_id__in=Application.objects.filter(
            opportunity=opportunity, status__in=LIVE_STATUSES
        ).values("volunteer_id")
    )
    today = at.date()
    if opportunity.min_age:
        people = people.filter(date_of_birth__lte=_born_by(today, opportunity.min_age))
    if opportunity.restricted_category:
        people = people.filter(date_of_birth__lte=_born_by(today, ADULT_AGE))
    if opportunity.medical_required:
        people = people.filter(medical_qualification=True)
    if _is_onsite_somewhere(opportunity):
        assert opportunity.latitude is not None and opportunity.longitude is not None
        box = bounding_box(opportunity.latitude, opportunity.longitude, REACH_KM)
        # Someone whose city is not known may live near by.
        people = people.filter(Q(city__isnull=True) | _box_q(box, "city__"))
    return [people]


def _volunteer_signals(opportunity: Opportunity) -> list[_Signal]:
    signals = []
    skills = [skill.pk for skill in opportunity.skills.all()]
    if skills:
        table, profile, skill = _m2m(VolunteerProfile, "skills")
        signals.append(
            _Signal(
                "u.id",
                f"JOIN {table} s ON s.{profile} = u.id "
                f"WHERE s.{skill} IN ({_placeholders(skills)})",
                skills,
                SKILL,
            )
        )
    spoken: list[str] = []
    spoken_params: list[Any] = []
    for requirement in opportunity.languages.all():
        levels = levels_at_least(requirement.min_level)
        spoken.append(f"(l.language_id = %s AND l.level IN ({_placeholders(levels)}))")
        spoken_params += [requirement.language_id, *levels]
    if spoken:
        table = LanguageSkill._meta.db_table
        signals.append(
            _Signal(
                "u.id",
                f"JOIN {table} l ON l.profile_id = u.id WHERE {' OR '.join(spoken)}",
                spoken_params,
                LANGUAGE,
            )
        )
    project = opportunity.project
    causes = [cause.pk for cause in project.causes.all()]
    if causes:
        table, profile, cause = _m2m(VolunteerProfile, "causes")
        signals.append(
            _Signal(
                "u.id",
                f"JOIN {table} c ON c.{profile} = u.id "
                f"WHERE c.{cause} IN ({_placeholders(causes)})",
                causes,
                CAUSE,
            )
        )
    goals = sorted({target.goal_id for target in project.sdg_targets.all()})
    if goals:
        table, profile, goal = _m2m(VolunteerProfile, "sdg_goals")
        signals.append(
            _Signal(
                "u.id",
                f"JOIN {table} g ON g.{profile} = u.id WHERE g.{goal} IN ({_placeholders(goals)})",
                goals,
                SDG_GOAL,
            )
        )
    if _is_onsite_somewhere(opportunity):
        assert opportunity.latitude is not None and opportunity.longitude is not None
        signals.append(_Signal("u.id", "WHERE u.latitude IS NOT NULL", [], IN_REACH))
        box = bounding_box(opportunity.latitude, opportunity.longitude, NEAR_KM)
        near, near_params = _box_sql(box, "u.latitude", "u.longitude")
        signals.append(_Signal("u.id", f"WHERE {near}", near_params, NEAR))
    return signals


def _born_by(today: date, age: int) -> date:
    """The latest birthday of someone who is at least `age` years old today."""
    try:
        return today.replace(year=today.year - age)
    except ValueError:  # 29 February
        return today.replace(year=today.year - age, day=28)
