"""Volunteers suggested to an opportunity's organisers, best first, with the reasons."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from council.accounts.models import Consent, ConsentPurpose
from council.lib.geo import bounding_box
from council.projects.models import LIVE_STATUSES, Application, Opportunity
from council.projects.selectors.matching.facts import (
    offer_side,
    opportunity_names,
    opportunity_with_names,
    volunteer_sides,
)
from council.projects.selectors.matching.scoring import (
    CANDIDATES_PER_RESULT,
    IN_REACH,
    MIN_CANDIDATES,
    NEAR,
    NEAR_KM,
    REACH_KM,
    VolunteerMatch,
    levels_at_least,
    pair_score,
)
from council.projects.selectors.matching.sql import (
    Facts,
    Signal,
    box_q,
    box_sql,
    rank,
    shared_signals,
)
from council.volunteers.models import ADULT_AGE, LanguageSkill, VolunteerProfile


def volunteers_suggested(*, opportunity: Opportunity, limit: int = 20) -> list[VolunteerMatch]:
    """Volunteers an organiser may invite to this opportunity, best first, with reasons.

    Only discoverable profiles, and a person whose home country is not the opportunity's only
    with a live cross-border consent. People who already applied, or may not take part (age,
    work barred to minors, a medical qualification), are left out; for onsite work, so are
    people known to live further than `REACH_KM` away."""
    at = timezone.now()
    opportunity = opportunity_with_names(opportunity.pk)
    offer = offer_side(opportunity, at)
    keys = rank(
        model=VolunteerProfile,
        universe=_volunteer_universe(opportunity=opportunity, at=at),
        columns=("pk", "city__latitude", "city__longitude"),
        signals=[
            *shared_signals(_profile_facts(), offer, levels_at_least),
            *_place_signals(opportunity),
        ],
        limit=max(limit * CANDIDATES_PER_RESULT, MIN_CANDIDATES),
    )
    profiles = list(VolunteerProfile.objects.filter(pk__in=keys).select_related("user", "city"))
    sides = volunteer_sides(profiles)
    names = opportunity_names(opportunity)
    matches = []
    for profile in profiles:
        score, reasons = pair_score(sides[profile.pk], offer, names, for_organiser=True)
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
        people = people.filter(Q(city__isnull=True) | box_q(box, "city__"))
    return [people]


def _profile_facts() -> Facts:
    """Where a volunteer's skills, languages, causes and SDG goals are."""
    return Facts.of(
        (VolunteerProfile, "skills"),
        (LanguageSkill, "profile_id", "level"),
        (VolunteerProfile, "causes"),
        (VolunteerProfile, "sdg_goals"),
    )


def _place_signals(opportunity: Opportunity) -> list[Signal]:
    """Onsite work: points for a known city (the universe keeps only those within reach) and
    more for one near by."""
    if not _is_onsite_somewhere(opportunity):
        return []
    assert opportunity.latitude is not None and opportunity.longitude is not None
    box = bounding_box(opportunity.latitude, opportunity.longitude, NEAR_KM)
    near, near_params = box_sql(box, "u.latitude", "u.longitude")
    return [
        Signal("u.id", "WHERE u.latitude IS NOT NULL", [], IN_REACH),
        Signal("u.id", f"WHERE {near}", near_params, NEAR),
    ]


def _born_by(today: date, age: int) -> date:
    """The latest birthday of someone who is at least `age` years old today."""
    try:
        return today.replace(year=today.year - age)
    except ValueError:  # 29 February
        return today.replace(year=today.year - age, day=28)
