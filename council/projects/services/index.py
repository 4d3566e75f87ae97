"""Denormalised fields of an opportunity that search filters on: country, region, place,
publication, date range and whether it has ended. Every service that changes a project, an
opportunity or a shift calls `opportunity_refresh` (or `project_refresh`) inside its
transaction; `mark_ended_opportunities` marks the ones that ended since (run periodically)."""

from __future__ import annotations

from datetime import datetime

from django.db.models import Max, Min
from django.utils.timezone import now

from council.projects.models import Opportunity, Project, ProjectStatus

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
    opportunity.save(update_fields=REFRESHED_FIELDS)
    from council.projects.search_backend import index_opportunity

    index_opportunity(opportunity)
    return opportunity


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
