"""Denormalised fields of an opportunity that search filters on: country, region, place,
publication, date range and whether it has ended; and what "for you" ranks it on
(`match_signals`). Every service that changes a project, an opportunity or a shift calls
`opportunity_refresh` (or `project_refresh`) inside its transaction;
`mark_ended_opportunities` marks the ones that ended since (run periodically)."""

from __future__ import annotations

from datetime import datetime

from django.db import connections, router
from django.db.models import Max, Min
from django.utils.timezone import now

from council.projects.match_signals import match_signals
from council.projects.models import Opportunity, OpportunityLanguage, Project, ProjectStatus
from council.reference.models import SdgTarget

# What `opportunity_refresh` writes; the demo's bulk path (council.demo.activity.tables)
# writes these too, computed the same way.
REFRESHED_FIELDS = (
    "country",
    "region",
    "latitude",
    "longitude",
    "timezone",
    "first_start",
    "last_end",
    "has_ended",
    "is_published",
    "match_signals",
)


def ended_by(last_end: datetime | None, at: datetime) -> bool:
    """Whether an opportunity whose last shift ends at `last_end` has ended by `at` (one
    without shifts never ends)."""
    return last_end is not None and last_end <= at


def opportunity_refresh(*, opportunity: Opportunity) -> Opportunity:
    project = opportunity.project
    owner = project.owner
    city = opportunity.city
    if city is not None:
        opportunity.country_id = city.country_id
        opportunity.region_id = city.region_id
        if opportunity.latitude is None or opportunity.longitude is None:
            opportunity.latitude, opportunity.longitude = city.latitude, city.longitude
        if opportunity.timezone in ("", "UTC"):
            opportunity.timezone = city.timezone
    else:
        opportunity.country_id = owner.country_id
        opportunity.region_id = None
    span = opportunity.shifts.aggregate(first=Min("start"), last=Max("end"))
    opportunity.first_start, opportunity.last_end = span["first"], span["last"]
    opportunity.has_ended = ended_by(opportunity.last_end, now())
    opportunity.is_published = project.status == ProjectStatus.PUBLISHED
    opportunity.match_signals = opportunity_match_signals(opportunity)
    opportunity.save(update_fields=REFRESHED_FIELDS)
    from council.projects.search_backend import index_opportunity

    index_opportunity(opportunity)
    return opportunity


def opportunity_match_signals(opportunity: Opportunity) -> dict[str, int]:
    """`match_signals` of a saved opportunity from its skills, its language requirements and
    its project's causes and SDG targets, read in one statement."""
    skills = Opportunity.skills.through
    causes = Project.causes.through
    targets = Project.sdg_targets.through
    credentials = Opportunity.credentials.through
    sql = (
        f"SELECT 's', skill_id, NULL, NULL FROM {skills._meta.db_table} "  # noqa: S608
        "WHERE opportunity_id = %s "
        "UNION ALL SELECT 'l', NULL, language_id, min_level "
        f"FROM {OpportunityLanguage._meta.db_table} WHERE opportunity_id = %s "
        f"UNION ALL SELECT 'c', cause_id, NULL, NULL FROM {causes._meta.db_table} "
        "WHERE project_id = %s "
        f"UNION ALL SELECT 'g', t.goal_id, NULL, NULL FROM {targets._meta.db_table} pt "
        f"JOIN {SdgTarget._meta.db_table} t ON t.id = pt.sdgtarget_id WHERE pt.project_id = %s "
        f"UNION ALL SELECT 'r', credential_id, NULL, NULL FROM {credentials._meta.db_table} "
        "WHERE opportunity_id = %s"
    )
    skill_ids: list[int] = []
    languages: list[tuple[str, str]] = []
    cause_ids: list[int] = []
    target_goals: list[int] = []
    credential_ids: list[int] = []
    with connections[router.db_for_write(Opportunity)].cursor() as cursor:
        cursor.execute(
            sql, [opportunity.pk, opportunity.pk, *[opportunity.project_id] * 2, opportunity.pk]
        )
        for kind, number, code, level in cursor.fetchall():
            if kind == "s":
                skill_ids.append(number)
            elif kind == "l":
                languages.append((code, level))
            elif kind == "c":
                cause_ids.append(number)
            elif kind == "r":
                credential_ids.append(number)
            else:
                target_goals.append(number)
    return match_signals(
        skills=skill_ids,
        languages=languages,
        causes=cause_ids,
        target_goals=target_goals,
        credentials=credential_ids,
    )


def project_refresh(*, project: Project) -> None:
    countries = {project.owner.country_id}
    countries.update(project.partners.values_list("country_id", flat=True))
    project.countries = sorted(countries)
    project.save(update_fields=["countries"])
    for opportunity in project.opportunities.select_related("project__owner", "city"):
        opportunity_refresh(opportunity=opportunity)


def opportunities_mark_ended(*, at: datetime) -> int:
    """Mark every opportunity whose last shift ended by `at` (one statement; a row whose
    `last_end` an edit moves on meanwhile no longer matches and stays unmarked). Returns how
    many were marked."""
    return Opportunity.objects.filter(has_ended=False, last_end__lte=at).update(has_ended=True)
