"""The facts matching reads, as plain sets: of one volunteer or one opportunity with the names
the reasons quote, and of many at once (a few queries, whatever the number)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from django.db import connections, router
from django.db.models import F, Prefetch, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from council.accounts.models import User
from council.projects.models import Opportunity, OpportunityLanguage, Project, Shift
from council.projects.selectors.matching.scoring import UPCOMING_SHIFTS, Names, Side
from council.projects.selectors.matching.sql import m2m_columns, placeholders
from council.reference.models import Cause, Language, SdgGoal, SdgTarget, Skill
from council.reference.selectors import reference_rows
from council.volunteers.models import LanguageSkill, VolunteerCredential, VolunteerProfile


def volunteer_facts(user: User) -> tuple[VolunteerProfile, Side, Names] | None:
    """The profile, and its skills, causes, goals and languages in one statement; the names
    the reasons quote come from reference data in memory."""
    profile = VolunteerProfile.objects.filter(user=user).select_related("city").first()
    if profile is None:
        return None
    skills, skills_owner, skill = m2m_columns(VolunteerProfile, "skills")
    causes, causes_owner, cause = m2m_columns(VolunteerProfile, "causes")
    goals, goals_owner, goal = m2m_columns(VolunteerProfile, "sdg_goals")
    spoken = LanguageSkill._meta.db_table
    held = VolunteerCredential._meta.db_table
    sql = (
        f"SELECT 's', {skill}, NULL, NULL FROM {skills} WHERE {skills_owner} = %s "  # noqa: S608
        f"UNION ALL SELECT 'c', {cause}, NULL, NULL FROM {causes} WHERE {causes_owner} = %s "
        f"UNION ALL SELECT 'g', {goal}, NULL, NULL FROM {goals} WHERE {goals_owner} = %s "
        f"UNION ALL SELECT 'l', NULL, language_id, level FROM {spoken} WHERE profile_id = %s "
        f"UNION ALL SELECT 'r', credential_id, NULL, NULL FROM {held} "
        "WHERE volunteer_id = %s AND (expires_on IS NULL OR expires_on >= %s)"
    )
    side = Side(
        latitude=profile.city.latitude if profile.city else None,
        longitude=profile.city.longitude if profile.city else None,
        availability=frozenset(profile.availability or ()),
    )
    with connections[router.db_for_read(VolunteerProfile)].cursor() as cursor:
        cursor.execute(sql, [*[profile.pk] * 5, timezone.localdate()])
        for kind, number, code, level in cursor.fetchall():
            if kind == "s":
                side.skills.add(number)
            elif kind == "r":
                side.credentials.add(number)
            elif kind == "c":
                side.causes.add(number)
            elif kind == "g":
                side.goals.add(number)
            else:
                side.languages[code] = level
    catalogue = {model: reference_rows(model) for model in (Skill, Cause, SdgGoal, Language)}
    names = Names(
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


def opportunity_with_names(pk: int) -> Opportunity:
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


def offer_side(opportunity: Opportunity, at: datetime) -> Side:
    """The facts of an opportunity loaded by `opportunity_with_names`."""
    starts = opportunity.shifts.filter(start__gt=at).order_by("start", "pk")
    return Side(
        skills={skill.pk for skill in opportunity.skills.all()},
        languages={item.language_id: item.min_level for item in opportunity.languages.all()},
        causes={cause.pk for cause in opportunity.project.causes.all()},
        goals={target.goal_id for target in opportunity.project.sdg_targets.all()},
        credentials=required_in_signals(opportunity.match_signals),
        latitude=opportunity.latitude,
        longitude=opportunity.longitude,
        online=opportunity.is_online,
        starts=list(starts.values_list("start", flat=True)[:UPCOMING_SHIFTS]),
        timezone=opportunity.timezone,
    )


def opportunity_names(opportunity: Opportunity) -> Names:
    return Names(
        skills={skill.pk: skill.name for skill in opportunity.skills.all()},
        languages={item.language_id: item.language.name for item in opportunity.languages.all()},
        causes={cause.pk: cause.name for cause in opportunity.project.causes.all()},
        goals={t.goal_id: t.goal.short_name for t in opportunity.project.sdg_targets.all()},
    )


# --- Many opportunities or many volunteers, as plain facts (a few queries, whatever the number)


def opportunity_sides(opportunities: Sequence[Any], at: datetime) -> dict[int, Side]:
    """Scoring facts of many opportunities (objects with the fields of `_Offer`): skills,
    language requirements, the project's causes and SDG goals in one statement, the next
    shifts in another."""
    sides = {
        o.pk: Side(
            latitude=o.latitude, longitude=o.longitude, online=o.is_online, timezone=o.timezone
        )
        for o in opportunities
    }
    by_project: dict[int, list[Side]] = {}
    for o in opportunities:
        by_project.setdefault(o.project_id, []).append(sides[o.pk])
    if not sides:
        return sides
    keys, projects = list(sides), list(by_project)
    skills, skills_owner, skill = m2m_columns(Opportunity, "skills")
    causes, causes_owner, cause = m2m_columns(Project, "causes")
    targets, targets_owner, target = m2m_columns(Project, "sdg_targets")
    required, required_owner, credential = m2m_columns(Opportunity, "credentials")
    in_keys, in_projects = placeholders(keys), placeholders(projects)
    sql = (
        f"SELECT 's', {skills_owner}, {skill}, NULL, NULL FROM {skills} "  # noqa: S608
        f"WHERE {skills_owner} IN ({in_keys}) "
        "UNION ALL SELECT 'l', opportunity_id, NULL, language_id, min_level "
        f"FROM {OpportunityLanguage._meta.db_table} WHERE opportunity_id IN ({in_keys}) "
        f"UNION ALL SELECT 'c', {causes_owner}, {cause}, NULL, NULL FROM {causes} "
        f"WHERE {causes_owner} IN ({in_projects}) "
        f"UNION ALL SELECT 'g', pt.{targets_owner}, t.goal_id, NULL, NULL FROM {targets} pt "
        f"JOIN {SdgTarget._meta.db_table} t ON t.id = pt.{target} "
        f"WHERE pt.{targets_owner} IN ({in_projects}) "
        f"UNION ALL SELECT 'r', {required_owner}, {credential}, NULL, NULL FROM {required} "
        f"WHERE {required_owner} IN ({in_keys})"
    )
    with connections[router.db_for_read(Opportunity)].cursor() as cursor:
        cursor.execute(sql, [*keys, *keys, *projects, *projects, *keys])
        for kind, owner, number, code, level in cursor.fetchall():
            if kind == "s":
                sides[owner].skills.add(number)
            elif kind == "r":
                sides[owner].credentials.add(number)
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


def required_in_signals(signals: dict[str, int] | None) -> set[int]:
    """The credentials an opportunity requires, from its `match_signals` (no query)."""
    return {int(key[1:]) for key in signals or {} if key.startswith("r")}


def volunteer_sides(profiles: Sequence[VolunteerProfile]) -> dict[int, Side]:
    """Scoring facts of many volunteers: skills, causes, goals, languages and the credentials
    valid today, in one statement."""
    sides = {
        p.pk: Side(
            latitude=p.city.latitude if p.city else None,
            longitude=p.city.longitude if p.city else None,
            availability=frozenset(p.availability or ()),
        )
        for p in profiles
    }
    if not sides:
        return sides
    keys = list(sides)
    in_keys = placeholders(keys)
    skills, skills_owner, skill = m2m_columns(VolunteerProfile, "skills")
    causes, causes_owner, cause = m2m_columns(VolunteerProfile, "causes")
    goals, goals_owner, goal = m2m_columns(VolunteerProfile, "sdg_goals")
    sql = (
        f"SELECT 's', {skills_owner}, {skill}, NULL, NULL FROM {skills} "  # noqa: S608
        f"WHERE {skills_owner} IN ({in_keys}) "
        f"UNION ALL SELECT 'c', {causes_owner}, {cause}, NULL, NULL FROM {causes} "
        f"WHERE {causes_owner} IN ({in_keys}) "
        f"UNION ALL SELECT 'g', {goals_owner}, {goal}, NULL, NULL FROM {goals} "
        f"WHERE {goals_owner} IN ({in_keys}) "
        "UNION ALL SELECT 'l', profile_id, NULL, language_id, level "
        f"FROM {LanguageSkill._meta.db_table} WHERE profile_id IN ({in_keys}) "
        "UNION ALL SELECT 'r', volunteer_id, credential_id, NULL, NULL "
        f"FROM {VolunteerCredential._meta.db_table} WHERE volunteer_id IN ({in_keys}) "
        "AND (expires_on IS NULL OR expires_on >= %s)"
    )
    with connections[router.db_for_read(VolunteerProfile)].cursor() as cursor:
        cursor.execute(sql, [*keys * 5, timezone.localdate()])
        for kind, owner, number, code, level in cursor.fetchall():
            side = sides[owner]
            if kind == "s":
                side.skills.add(number)
            elif kind == "c":
                side.causes.add(number)
            elif kind == "g":
                side.goals.add(number)
            elif kind == "l":
                side.languages[code] = level
            else:
                side.credentials.add(number)
    return sides
