"""Reads of the project pages and the API: lists of projects, a project's relations, the
organiser's tables of opportunities and shifts with their seat counts."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from itertools import groupby
from typing import Any

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum

from council.accounts.http import Viewer
from council.accounts.models import User
from council.orgs.models import Membership, Organisation
from council.projects.access import visible_opportunities
from council.projects.fields import OPPORTUNITY_FIELDS, PROJECT_FIELDS
from council.projects.models import ApplicationStatus, Opportunity, Project, ProjectStatus, Shift
from council.projects.selectors.applications import shifts_with_seats
from council.projects.selectors.search import FreeSeats, NextStart
from council.projects.selectors.seats import free_seats
from council.reference.models import Cause, Country, SdgGoal, SdgTarget


@dataclass(frozen=True)
class CountryBadge:
    """A country shown by its name in the language read, in a small badge: no bare ISO codes,
    no flag images (nothing external) and no emoji flags (Windows shows them as letters)."""

    code: str
    name: str


def with_countries(projects: Iterable[Project]) -> None:
    """Give each project the names of its countries (`country_names`, a dict by code) and
    `country_badges`, with one query for all."""
    projects = list(projects)
    codes = {code for project in projects for code in project.countries}
    names = dict(Country.objects.filter(code__in=codes).values_list("code", "name"))
    for project in projects:
        project.country_names = names  # type: ignore[attr-defined]
        project.country_badges = [  # type: ignore[attr-defined]
            CountryBadge(code, names.get(code, code)) for code in project.countries
        ]


def published_projects() -> QuerySet[Project]:
    """The public list: flagships first, then the newest."""
    return (
        Project.objects.filter(status=ProjectStatus.PUBLISHED)
        .select_related("owner")
        .prefetch_related("programmes")
        .order_by("-is_flagship", "-created_at", "-pk")
    )


def published_projects_with_details(
    *, country: str | None = None, owner: int | None = None
) -> QuerySet[Project]:
    """Published projects with their partners, causes, SDG targets and programmes; of an
    owner, or with the owner or a partner in a country."""
    projects = (
        Project.objects.filter(status=ProjectStatus.PUBLISHED)
        .select_related("owner")
        .prefetch_related(
            Prefetch("partners", Organisation.objects.order_by("name", "pk")),
            "causes",
            Prefetch("sdg_targets", SdgTarget.objects.order_by("goal_id", "position")),
            "programmes",
        )
    )
    if country:
        code = country.upper()
        partnered = Project.partners.through.objects.filter(
            project_id=OuterRef("pk"), organisation__country_id=code
        )
        projects = projects.filter(Q(owner__country_id=code) | Q(Exists(partnered)))
    if owner:
        projects = projects.filter(owner_id=owner)
    return projects


@dataclass
class MemberProjects:
    """The projects of a person's organisations (drafts of the owners only), and the person's
    role in each organisation by its id."""

    projects: QuerySet[Project]
    roles: dict[int, str]


def projects_for_member(*, user: User) -> MemberProjects:
    roles = dict(Membership.objects.filter(user=user).values_list("organisation_id", "role"))
    projects = (
        Project.objects.filter(
            Q(owner_id__in=list(roles))
            | (Q(partners__in=list(roles)) & ~Q(status=ProjectStatus.DRAFT))
        )
        .distinct()
        .select_related("owner")
        .order_by("-created_at", "-pk")
    )
    return MemberProjects(projects, roles)


def project_partners(*, project: Project) -> QuerySet[Organisation]:
    return project.partners.select_related("country").order_by("name")


def project_causes(*, project: Project) -> QuerySet[Cause]:
    return project.causes.order_by("position")


def sdg_groups(*, project: Project) -> list[tuple[SdgGoal, list[SdgTarget]]]:
    """The project's SDG targets under their goals."""
    targets = project.sdg_targets.select_related("goal").order_by("goal_id", "position")
    return [(goal, list(items)) for goal, items in groupby(targets, key=lambda t: t.goal)]


def project_opportunities(*, user: Viewer, project: Project) -> QuerySet[Opportunity]:
    """The opportunities the project page lists, the first to start first."""
    return (
        visible_opportunities(user=user, project=project)
        .select_related("city")
        .order_by("first_start", "pk")
    )


def project_opportunity_rows(
    *, user: Viewer, project: Project, at: datetime
) -> QuerySet[Opportunity]:
    """The opportunities of a project as the API lists them: with the next start and the free
    seats, unordered (the caller's pagination orders them)."""
    return (
        visible_opportunities(user=user, project=project)
        .select_related("city")
        .annotate(next_start=NextStart(at=at), free_seats=FreeSeats(at=at))
        .order_by()
    )


def seat_counts() -> dict[str, Any]:
    """Applications by status, as annotations (distinct: other joins may multiply rows)."""
    return {
        name: Count("applications", filter=Q(applications__status=status), distinct=True)
        for name, status in (
            ("confirmed", ApplicationStatus.CONFIRMED),
            ("pending", ApplicationStatus.PENDING),
            ("waitlisted", ApplicationStatus.WAITLISTED),
        )
    }


def _shift_capacity() -> Subquery:
    return Subquery(
        Shift.objects.filter(opportunity=OuterRef("pk"))
        .values("opportunity")
        .annotate(total=Sum("capacity"))
        .values("total")
    )


def opportunities_to_manage(*, project: Project) -> QuerySet[Opportunity]:
    """The organiser's table: each opportunity with its shifts, their capacity and the
    applications by status."""
    return (
        project.opportunities.select_related("city")
        .annotate(
            shift_count=Count("shifts", distinct=True),
            shift_capacity=_shift_capacity(),
            **seat_counts(),
        )
        .order_by("created_at", "pk")
    )


def shifts_to_manage(*, opportunity: Opportunity) -> QuerySet[Shift]:
    """The organiser's table of shifts, with the applications by status."""
    return opportunity.shifts.annotate(**seat_counts()).order_by("start", "pk")


def _slugs_of(rows: Iterable[Any], field: str = "slug") -> list[str]:
    return [getattr(row, field) for row in rows]


def project_form_values(*, project: Project) -> dict[str, Any]:
    """The project's stored values as the organiser form takes them (causes by slug, targets
    by code, as the reference endpoints give them): the base a partial change goes onto."""
    data = {name: getattr(project, name) for name in PROJECT_FIELDS if name != "cover"}
    data["causes"] = _slugs_of(project.causes.all())
    data["sdg_targets"] = _slugs_of(project.sdg_targets.all(), "code")
    data["partners"] = [partner.pk for partner in project.partners.all()]
    return data


def opportunity_form_values(*, opportunity: Opportunity) -> dict[str, Any]:
    """The opportunity's stored values as the organiser form takes them (skills by slug)."""
    data = {name: getattr(opportunity, name) for name in OPPORTUNITY_FIELDS}
    data["city"] = opportunity.city_id
    data["skills"] = _slugs_of(opportunity.skills.all())
    data["credentials"] = sorted(row.pk for row in opportunity.credentials.all())
    return data


def opportunity_with_seats(*, opportunity: Opportunity) -> Opportunity:
    """The opportunity with its upcoming shifts (`shift_rows`), its free seats and its next
    start, as the page shows them."""
    shifts = list(shifts_with_seats(opportunity=opportunity))
    opportunity.shift_rows = shifts  # type: ignore[attr-defined]
    if opportunity.first_start is None:
        opportunity.free_seats = free_seats(  # type: ignore[attr-defined]
            opportunity=opportunity, shift=None
        )
    else:
        opportunity.free_seats = sum(  # type: ignore[attr-defined]
            max(shift.capacity - shift.confirmed, 0)  # type: ignore[attr-defined]
            for shift in shifts
        )
    opportunity.next_start = shifts[0].start if shifts else None  # type: ignore[attr-defined]
    return opportunity


def shift_with_seats(*, shift: Shift) -> Shift:
    """One shift, past or upcoming, with its confirmed and waiting counts."""
    return shifts_with_seats(opportunity=shift.opportunity, upcoming_only=False).get(pk=shift.pk)
