"""The council's dashboard: every figure, one column per country."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from council.forums.models import Delegation, Forum, MemberStatus
from council.hours.models import HoursRollup, RollupKind, VolunteerCount
from council.reference.models import Country
from council.reports.selectors.cooperation import (
    commitments_by_country,
    deployments_by_country,
    joint_projects,
)
from council.reports.selectors.filters import Filters, report_countries
from council.reports.selectors.money import Conversion, convert
from council.reports.selectors.sums import Sums, sums_by, volunteers_by_country


@dataclass
class CountryFigures:
    country: Country
    sums: Sums
    volunteers: int = 0
    conversion: Conversion | None = None
    projects: int = 0
    joint_projects: int = 0
    forums: int = 0
    delegations: int = 0
    delegates: int = 0
    deployments: int = 0
    commitments_due: int = 0
    commitments_done: int = 0
    commitments_late: int = 0


def council_dashboard(filters: Filters, *, currency: str) -> list[CountryFigures]:
    """Every figure of the council's dashboard, one column per country, in a fixed number of
    queries (the countries are few)."""
    countries = report_countries(filters)
    scoped = filters.without(countries=tuple(c.code for c in countries))
    sums = sums_by(scoped, "country")
    people = volunteers_by_country(scoped)
    projects = _projects_with_hours(scoped)
    forums = _forums(scoped)
    deployments = deployments_by_country(scoped)
    commitments = commitments_by_country(scoped)
    columns = []
    for country in countries:
        figures = CountryFigures(country=country, sums=sums.get(country.code, Sums()))
        figures.volunteers = people.get(country.code, 0)
        figures.conversion = convert(figures.sums.values, into=currency, on=filters.end)
        figures.projects, figures.joint_projects = projects.get(country.code, (0, 0))
        figures.forums, figures.delegations, figures.delegates = forums.get(country.code, (0, 0, 0))
        figures.deployments = deployments.get(country.code, 0)
        due, done, late = commitments.get(country.code, (0, 0, 0))
        figures.commitments_due, figures.commitments_done, figures.commitments_late = (
            due,
            done,
            late,
        )
        columns.append(figures)
    return columns


def _projects_with_hours(filters: Filters) -> dict[str, tuple[int, int]]:
    """Projects with verified volunteer hours in the period per country, and how many of
    them are joint (a partner from another country than the owner's): counted from the
    period's project counts, or for a region or an organisation over the aggregate table's
    (country, month, project) index."""
    if not filters.region and not filters.organisation:
        # The period's project counts: one row per project with volunteer work.
        period, start = filters.period
        counts = VolunteerCount.objects.filter(
            period=period, start=start, kind=RollupKind.PROJECT, country__in=filters.countries
        )
        joint_keys = [str(pk) for pk in joint_projects().values_list("pk", flat=True)]
        everything = dict(
            counts.values("country").annotate(n=Count("pk")).values_list("country", "n").order_by()
        )
        joint = dict(
            counts.filter(key__in=joint_keys)
            .values("country")
            .annotate(n=Count("pk"))
            .values_list("country", "n")
            .order_by()
        )
        return {country: (n, joint.get(country, 0)) for country, n in everything.items()}
    rows = HoursRollup.objects.filter(
        month__gte=filters.start,
        month__lte=filters.end,
        country__in=filters.countries,
        during_paid_work=False,
    )
    if filters.region:
        rows = rows.filter(region=filters.region)
    if filters.organisation:
        rows = rows.filter(organisation=filters.organisation)

    def per_country(scoped: QuerySet[HoursRollup]) -> dict[str, int]:
        return dict(
            scoped.values("country")
            .annotate(n=Count("project", distinct=True))
            .values_list("country", "n")
            .order_by()
        )

    everything = per_country(rows)
    joint = per_country(rows.filter(project__in=joint_projects().values("pk")))
    return {country: (n, joint.get(country, 0)) for country, n in everything.items()}


def _forums(filters: Filters) -> dict[str, tuple[int, int, int]]:
    """Forums held in the period per host country; delegations sent to forums in the period
    per sending country, with their confirmed members."""
    held = dict(
        Forum.objects.filter(starts_on__gte=filters.start, starts_on__lte=filters.end)
        .values("host__country_id")
        .annotate(n=Count("pk"))
        .values_list("host__country_id", "n")
        .order_by()
    )
    sent = {
        row["organisation__country_id"]: (row["n"], row["people"])
        for row in Delegation.objects.filter(
            forum__starts_on__gte=filters.start, forum__starts_on__lte=filters.end
        )
        .values("organisation__country_id")
        .annotate(
            n=Count("pk", distinct=True),
            people=Count("members", filter=Q(members__status=MemberStatus.CONFIRMED)),
        )
        .order_by()
    }
    return {code: (held.get(code, 0), *sent.get(code, (0, 0))) for code in set(held) | set(sent)}
