"""An organisation's dashboard: its own figures, projects, shifts and places."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Q, Sum
from django.utils import timezone

from council.hours.models import CheckIn, EntryStatus, HoursEntry
from council.projects.models import Application, ApplicationStatus, Project, Shift
from council.reports.selectors.filters import Filters
from council.reports.selectors.sums import CENT, ZERO, Sums, scoped_entries, sums_by


@dataclass(kw_only=True)
class _Places:
    """The capacity of shifts and the places confirmed on them, of a project or of the whole
    organisation."""

    capacity: int = 0
    confirmed: int = 0

    @property
    def fill_rate(self) -> int | None:
        return round(100 * self.confirmed / self.capacity) if self.capacity else None


@dataclass
class ProjectFigures(_Places):
    project: Project
    hours: Decimal = ZERO
    volunteers: int = 0


@dataclass
class OrganisationFigures(_Places):
    sums: Sums
    volunteers: int
    projects: list[ProjectFigures]
    shifts: int = 0
    ended_places: int = 0
    no_shows: int = 0
    awaiting: int = 0
    awaiting_hours: Decimal = ZERO
    fill_by_month: dict[date, tuple[int, int]] = field(default_factory=dict)

    @property
    def no_show_rate(self) -> int | None:
        return round(100 * self.no_shows / self.ended_places) if self.ended_places else None


def organisation_figures(*, organisation_id: int, filters: Filters) -> OrganisationFigures:
    """An organisation's own figures in the period, from its entries (its index), shifts and
    places; a fixed number of queries whatever the number of projects.

    Fill rate: confirmed places over the capacity of its shifts that start in the period.
    No-show rate: of the confirmed places on its shifts that ended in the period, those with
    neither a check-in nor hours logged for the shift."""
    scoped = filters.without(organisation=organisation_id, countries=())
    totals = sums_by(scoped, "country")
    sums = Sums()
    for part in totals.values():
        sums.hours += part.hours
        sums.paid_hours += part.paid_hours
        sums.entries += part.entries
        sums.unvalued_hours += part.unvalued_hours
        for currency, amount in part.values.items():
            sums.values[currency] = sums.values.get(currency, ZERO) + amount
    entries = scoped_entries(scoped)
    volunteers = (
        entries.filter(during_paid_work=False).aggregate(n=Count("volunteer_id", distinct=True))[
            "n"
        ]
        or 0
    )
    per_project = {
        row["project_id"]: row
        for row in entries.filter(during_paid_work=False)
        .values("project_id")
        .annotate(h=Sum("hours"), n=Count("volunteer_id", distinct=True))
        .order_by()
    }
    shifts = Shift.objects.filter(
        opportunity__project__owner_id=organisation_id,
        start__date__gte=filters.start,
        start__date__lte=filters.end,
    )
    confirmed = Q(applications__status=ApplicationStatus.CONFIRMED)
    per_shift = list(
        shifts.annotate(taken=Count("applications", filter=confirmed)).values_list(
            "opportunity__project_id", "capacity", "taken", "start"
        )
    )
    places = Application.objects.filter(
        status=ApplicationStatus.CONFIRMED,
        shift__opportunity__project__owner_id=organisation_id,
        shift__end__date__gte=filters.start,
        shift__end__date__lte=filters.end,
        shift__end__lt=timezone.now(),
    )
    came = Exists(
        CheckIn.objects.filter(application_id=OuterRef("pk"), checked_in_at__isnull=False)
    ) | Exists(
        HoursEntry.objects.filter(
            shift_id=OuterRef("shift_id"), volunteer_id=OuterRef("volunteer_id")
        )
    )
    place_counts = places.aggregate(all=Count("pk"), missing=Count("pk", filter=~came))
    waiting = HoursEntry.objects.filter(
        organisation_id=organisation_id,
        status__in=[EntryStatus.SUBMITTED, EntryStatus.DISPUTED],
    ).aggregate(n=Count("pk"), h=Sum("hours"))
    project_ids = set(per_project) | {row[0] for row in per_shift}
    projects = {
        project.pk: ProjectFigures(project=project)
        for project in Project.objects.filter(pk__in=project_ids)
    }
    for project_id, row in per_project.items():
        if project_id in projects:
            projects[project_id].hours = Decimal(row["h"] or 0).quantize(CENT)
            projects[project_id].volunteers = row["n"]
    figures = OrganisationFigures(
        sums=sums,
        volunteers=volunteers,
        projects=sorted(projects.values(), key=lambda p: (-p.hours, str(p.project.title))),
        ended_places=place_counts["all"] or 0,
        no_shows=place_counts["missing"] or 0,
        awaiting=waiting["n"] or 0,
        awaiting_hours=Decimal(waiting["h"] or 0).quantize(CENT),
    )
    fill: dict[date, list[int]] = defaultdict(lambda: [0, 0])
    for project_id, capacity, taken, start in per_shift:
        figures.shifts += 1
        figures.capacity += capacity
        figures.confirmed += taken
        projects[project_id].capacity += capacity
        projects[project_id].confirmed += taken
        month = timezone.localtime(start).date().replace(day=1)
        fill[month][0] += taken
        fill[month][1] += capacity
    figures.fill_by_month = {month: (c, cap) for month, (c, cap) in sorted(fill.items())}
    return figures
