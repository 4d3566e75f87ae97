"""Reads of a company's employee programme: its employees' verified hours (ESG/CSR)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.utils.translation import gettext as _

from council.accounts.models import User
from council.hours.models import EntryStatus, HoursEntry
from council.orgs.models import Membership, Organisation
from council.projects.models import Opportunity, Project, ProjectStatus
from council.reference.models import SdgGoal


@dataclass
class CorporateTotals:
    """A company's employee programme: verified hours of its employees on the projects it owns
    or partners in — volunteer hours (ILO) and volunteer time off apart."""

    volunteer_hours: Decimal = Decimal(0)
    time_off_hours: Decimal = Decimal(0)
    people: int = 0
    projects: list[dict[str, Any]] = field(default_factory=list)
    value: dict[str, Decimal] = field(default_factory=dict)
    countries: list[str] = field(default_factory=list)
    sdg_goals: list[Any] = field(default_factory=list)


def _cents(value: Any) -> Decimal:
    """Sums as two-decimal amounts on every database (SQLite sums decimals loosely)."""
    return Decimal(value or 0).quantize(Decimal("0.01"))


def corporate_totals(
    *, company: Organisation, since: date | None = None, until: date | None = None
) -> CorporateTotals:
    """In a fixed number of queries, whatever the number of employees and entries; over the
    days `since`–`until` when given."""
    programme = Project.objects.filter(Q(owner=company) | Q(partners=company)).values("pk")
    entries = HoursEntry.objects.filter(
        status=EntryStatus.VERIFIED,
        volunteer_id__in=Membership.objects.filter(organisation=company).values("user_id"),
        project_id__in=programme,
    )
    if since is not None:
        entries = entries.filter(date__gte=since)
    if until is not None:
        entries = entries.filter(date__lte=until)
    ilo = Q(during_paid_work=False)
    totals = CorporateTotals()
    summary = entries.aggregate(
        volunteer=Sum("hours", filter=ilo),
        time_off=Sum("hours", filter=~ilo),
        people=Count("volunteer_id", distinct=True),
    )
    totals.volunteer_hours = _cents(summary["volunteer"])
    totals.time_off_hours = _cents(summary["time_off"])
    totals.people = summary["people"]
    totals.value = {
        row["currency"]: _cents(row["total"])
        for row in entries.filter(ilo, value__isnull=False)
        .exclude(currency="")
        .values("currency")
        .annotate(total=Sum("value"))
        .order_by("currency")
    }
    rows = list(
        entries.values("project_id", "project__title", "project__countries")
        .annotate(
            people=Count("volunteer_id", distinct=True),
            volunteer_hours=Sum("hours", filter=ilo),
            time_off_hours=Sum("hours", filter=~ilo),
        )
        .order_by("-volunteer_hours", "project_id")
    )
    titles = dict(
        Project.objects.filter(pk__in=[row["project_id"] for row in rows]).values_list(
            "pk", "title"
        )
    )
    for row in rows:
        row["title"] = str(titles.get(row["project_id"], ""))
        row["volunteer_hours"] = _cents(row["volunteer_hours"])
        row["time_off_hours"] = _cents(row["time_off_hours"])
    totals.projects = rows
    totals.countries = sorted({code for row in rows for code in row["project__countries"] or []})
    targets = Project.sdg_targets.through.objects.filter(
        project_id__in=[row["project_id"] for row in rows]
    ).values("sdgtarget__goal_id")
    totals.sdg_goals = list(SdgGoal.objects.filter(pk__in=targets).order_by("number"))
    return totals


def membership_role(*, user: User, company: Organisation) -> str | None:
    """This person's role in the company, None if they are not in it."""
    return (
        Membership.objects.filter(user=user, organisation=company)
        .values_list("role", flat=True)
        .first()
    )


def company_opportunities(*, company: Organisation) -> QuerySet[Opportunity]:
    """The published opportunities of the company's own published projects, those for members
    only first."""
    return (
        Opportunity.objects.filter(
            project__owner=company,
            project__status=ProjectStatus.PUBLISHED,
            is_published=True,
            has_ended=False,
        )
        .select_related("project")
        .order_by("-members_only", "first_start", "pk")
    )


def totals_table(*, totals: CorporateTotals) -> tuple[list[str], list[list[object]]]:
    """The per-project totals as a table (headers and rows), with a row of the totals."""
    headers = [
        _("Project"),
        _("Countries"),
        _("People"),
        _("Volunteer hours"),
        _("Hours in paid time"),
    ]
    rows: list[list[object]] = [
        [
            row["title"],
            " ".join(row["project__countries"] or []),
            row["people"],
            row["volunteer_hours"],
            row["time_off_hours"],
        ]
        for row in totals.projects
    ]
    rows.append(
        [
            _("Total"),
            " ".join(totals.countries),
            totals.people,
            totals.volunteer_hours,
            totals.time_off_hours,
        ]
    )
    return headers, rows
