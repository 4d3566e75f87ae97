"""Opportunities for a volunteer ("for you"), best first, with the reasons."""

from __future__ import annotations

from datetime import datetime
from typing import Any, NamedTuple

from django.db import connections, router
from django.db.models import Q, QuerySet
from django.utils import timezone

from council.accounts.models import User
from council.lib.geo import bounding_box
from council.projects.match_signals import (
    cause_key,
    credential_key,
    goal_key,
    language_key,
    skill_key,
)
from council.projects.models import (
    LIVE_STATUSES,
    Application,
    Opportunity,
    OpportunityLanguage,
    Project,
)
from council.projects.selectors.matching.facts import opportunity_sides, volunteer_facts
from council.projects.selectors.matching.scoring import (
    CANDIDATES_PER_RESULT,
    CAUSE,
    CREDENTIAL,
    IN_REACH,
    LANGUAGE,
    MIN_CANDIDATES,
    NEAR,
    NEAR_KM,
    ONLINE_REMOTE,
    REACH_KM,
    SDG_GOAL,
    SKILL,
    OpportunityMatch,
    Side,
    levels_at_most,
    pair_score,
)
from council.projects.selectors.matching.sql import (
    Facts,
    Signal,
    box_q,
    box_sql,
    m2m_columns,
    rank,
    shared_signals,
)
from council.projects.selectors.search import LONG_TEXTS
from council.volunteers.models import ADULT_AGE, CEFR_ORDER, Availability, VolunteerProfile


class _Offer(NamedTuple):
    """The columns of a candidate opportunity that scoring reads."""

    pk: int
    project_id: int
    latitude: float | None
    longitude: float | None
    is_online: bool
    timezone: str


def opportunities_for_you(*, user: User, limit: int = 20) -> list[OpportunityMatch]:
    """Open opportunities this volunteer may take, best first, each with its reasons. Onsite
    ones within `REACH_KM` of the volunteer's city (or without a place, in its country; in the
    home country when the profile has no city), online ones for a volunteer who works remotely
    (or has no city). Empty without a volunteer profile or without anything to match on."""
    facts = volunteer_facts(user)
    if facts is None:
        return []
    profile, volunteer, names = facts
    at = timezone.now()
    # Score the candidates on the few columns scoring reads, then load the ones shown.
    candidates = _candidates(
        user=user,
        profile=profile,
        volunteer=volunteer,
        at=at,
        count=max(limit * CANDIDATES_PER_RESULT, MIN_CANDIDATES),
        from_rows=connections[router.db_for_read(Opportunity)].vendor == "postgresql",
    )
    sides = opportunity_sides(candidates, at)
    scored = []
    for candidate in candidates:
        side = sides[candidate.pk]
        score, reasons = pair_score(volunteer, side, names, for_organiser=False)
        scored.append((score, side.starts[0] if side.starts else None, candidate.pk, reasons))
    far_future = datetime.max.replace(tzinfo=at.tzinfo)
    scored.sort(key=lambda row: (-row[0], row[1] or far_future, row[2]))
    scored = scored[:limit]
    shown = Opportunity.objects.filter(pk__in=[row[2] for row in scored])
    # The page and the API show these rows: everything but the long texts.
    full = {o.pk: o for o in shown.select_related("project__owner", "city").defer(*LONG_TEXTS)}
    matches = [
        OpportunityMatch(full[pk], score, reasons, next_start)
        for score, next_start, pk, reasons in scored
        if pk in full
    ]
    return matches[:limit]


def _candidates(
    *,
    user: User,
    profile: VolunteerProfile,
    volunteer: Side,
    at: datetime,
    count: int,
    from_rows: bool,
) -> list[_Offer]:
    """The `count` opportunities with the most points in SQL, best first. `from_rows` reads
    what each shares with the volunteer from its own row (`match_signals`, PostgreSQL: one
    pass over the covering indexes); otherwise each signal joins its table (the reference,
    and SQLite's path). Both give the same points."""
    base, base_params = _opportunity_base(profile)
    signals: list[Signal] = []
    if from_rows:
        shared, shared_params = _shared_in_row(volunteer)
        base, base_params = f"{base} + {shared}", base_params + shared_params
    else:
        signals = shared_signals(_opportunity_facts(), volunteer, levels_at_most)
    rows = rank(
        model=Opportunity,
        universe=_opportunity_universe(user=user, profile=profile, at=at),
        columns=("pk", "project_id", "is_online", "latitude", "longitude", "match_signals"),
        signals=signals,
        limit=count,
        base=(base, base_params),
        returning=_Offer._fields[1:],  # after the key
    )
    return [_Offer(*row) for row in rows]


def _shared_in_row(volunteer: Side) -> tuple[str, list[Any]]:
    """Points for what the row's `match_signals` (jsonb) shares with the volunteer, as the
    signals of `shared_signals` count them: each skill, each language required at a level
    the volunteer has, each cause, each SDG target of a goal they care about."""
    terms: list[str] = []
    params: list[Any] = []
    for pk in sorted(volunteer.skills):
        terms.append(f"{SKILL} * (u.match_signals ? %s)::int")
        params.append(skill_key(pk))
    for code, level in sorted(volunteer.languages.items()):
        rank_spoken = CEFR_ORDER.get(level, 0)
        if rank_spoken:
            terms.append(
                f"CASE WHEN (u.match_signals ->> %s)::int <= {rank_spoken} "
                f"THEN {LANGUAGE} ELSE 0 END"
            )
            params.append(language_key(code))
    for pk in sorted(volunteer.causes):
        terms.append(f"{CAUSE} * (u.match_signals ? %s)::int")
        params.append(cause_key(pk))
    for pk in sorted(volunteer.goals):
        terms.append(f"{SDG_GOAL} * COALESCE((u.match_signals ->> %s)::int, 0)")
        params.append(goal_key(pk))
    for pk in sorted(volunteer.credentials):
        terms.append(f"{CREDENTIAL} * (u.match_signals ? %s)::int")
        params.append(credential_key(pk))
    return f"({' + '.join(terms) or '0'})", params


def _opportunity_universe(
    *, user: User, profile: VolunteerProfile, at: datetime
) -> list[QuerySet[Opportunity]]:
    """Pieces whose union is what may be offered; each piece fits one index (PostgreSQL
    cannot use an index for `last_end > now OR last_end IS NULL` in one go)."""
    # `has_ended` only narrows (the indexes leave those rows out); `last_end` decides.
    eligible = Opportunity.objects.filter(
        is_published=True, has_ended=False, members_only=False
    ).exclude(
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
            eligible.filter(Q(is_online=False) & box_q(box), still_open[0] | still_open[1])
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


def _opportunity_facts() -> Facts:
    """Where an opportunity's skills and languages are, and its project's causes and goals."""
    return Facts.of(
        (Opportunity, "skills"),
        (OpportunityLanguage, "opportunity_id", "min_level"),
        (Project, "causes"),
        (Project, "sdg_targets"),
        classified_by="project_id",
        goals_by_target=True,
        credentials=m2m_columns(Opportunity, "credentials"),
    )


def _opportunity_base(profile: VolunteerProfile) -> tuple[str, list[Any]]:
    """Points an opportunity earns from its own row: within reach and near by for onsite
    work (the universe holds only what is in reach), online work for a remote volunteer."""
    onsite = "0"
    params: list[Any] = []
    if profile.city is not None:
        box = bounding_box(profile.city.latitude, profile.city.longitude, NEAR_KM)
        near, params = box_sql(box, "u.latitude", "u.longitude")
        onsite = f"{IN_REACH} + CASE WHEN {near} THEN {NEAR} ELSE 0 END"
    online = ONLINE_REMOTE if Availability.REMOTE in (profile.availability or []) else 0
    return f"CASE WHEN u.is_online THEN {online} ELSE {onsite} END", params
