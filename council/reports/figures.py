"""The figures the pages and the PDF reports draw: the charts of the council's dashboard and
the SDG tables, built from the selectors."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.utils.dateformat import format as date_format
from django.utils.translation import gettext as _

from council.reports.charts import Chart, Series, bar_chart
from council.reports.selectors.cooperation import CorporateTotals
from council.reports.selectors.council import CountryFigures
from council.reports.selectors.filters import Filters, report_countries
from council.reports.selectors.organisation import OrganisationFigures
from council.reports.selectors.sdg import sdg_breakdown, sdg_goals, targets_by_goal
from council.reports.selectors.sums import AGE_BANDS, Sums, sums_by, volunteers_by_age
from council.reports.selectors.volunteer import MyFigures, goals_of


def age_labels() -> dict[str, str]:
    return {
        "under_14": _("under 14"),
        "14_17": _("14–17"),
        "adult": _("18–54"),
        "silver": _("55 and over (“silver”)"),
        "unknown": _("age not given"),
    }


def month_labels(filters: Filters) -> list[tuple[Any, str]]:
    months = [filters.month] if filters.month else list(range(1, 13))
    return [(date(filters.year, m, 1), date_format(date(filters.year, m, 1), "M")) for m in months]


def council_charts(filters: Filters, columns: list[CountryFigures]) -> dict[str, Any]:
    """The four charts of the council's dashboard."""
    names = [str(column.country.name) for column in columns]
    codes = [column.country.code for column in columns]
    by_month = sums_by(filters, "month")
    months = month_labels(filters)
    hours_by_month = bar_chart(
        title=_("Verified hours by month"),
        labels=[label for _m, label in months],
        labels_heading=_("Month"),
        series=[
            Series(
                name,
                [
                    by_month[(m, code)].hours if (m, code) in by_month else Decimal(0)
                    for m, _l in months
                ],
            )
            for name, code in zip(names, codes, strict=True)
        ],
        unit=_("h"),
    )
    hours_by_goal = goal_chart(sdg_breakdown(filters), codes)
    hours_by_country = bar_chart(
        title=_("Verified hours by country"),
        labels=names,
        labels_heading=_("Country"),
        series=[Series(_("Hours"), [column.sums.hours for column in columns])],
        unit=_("h"),
    )
    ages = volunteers_by_age(filters)
    labels = age_labels()
    age_chart = bar_chart(
        title=_("Volunteers by age band"),
        labels=[labels[band] for band in AGE_BANDS],
        labels_heading=_("Age band"),
        series=[
            Series(name, [ages.get((band, code), 0) for band in AGE_BANDS])
            for name, code in zip(names, codes, strict=True)
        ],
        unit=_("people"),
        additive=False,  # a birthday within the period puts a person in two bands
    )
    return {
        "hours_by_month": hours_by_month,
        "hours_by_goal": hours_by_goal,
        "hours_by_country": hours_by_country,
        "volunteers_by_age": age_chart,
    }


def goal_chart(by_goal: dict[tuple[str, str], Sums], codes: list[str]) -> Chart:
    """Hours per SDG goal over the countries shown, each bar in its goal's colour."""
    goals = sdg_goals()
    hours = [
        sum(
            (
                by_goal[(str(g.number), code)].hours
                for code in codes
                if (str(g.number), code) in by_goal
            ),
            Decimal(0),
        )
        for g in goals
    ]
    return bar_chart(
        title=_("Verified hours by SDG goal"),
        labels=[str(goal.number) for goal in goals],
        labels_heading=_("SDG goal"),
        series=[Series(_("Hours"), list(hours), colours=[goal.colour for goal in goals])],
        unit=_("h"),
        additive=False,  # an hour for two goals counts for each
    )


def sdg_tables(filters: Filters) -> dict[str, Any]:
    """Per SDG goal, and per target under it: hours, people and value per country."""
    countries = report_countries(filters)
    scoped = filters.without(countries=tuple(c.code for c in countries))
    by_goal = sdg_breakdown(scoped)
    chart = goal_chart(by_goal, [c.code for c in countries])
    by_target = sdg_breakdown(scoped, level="target")
    targets_of = targets_by_goal({code for code, _country in by_target})
    rows = []
    for goal in sdg_goals():
        cells = [by_goal.get((str(goal.number), c.code)) for c in countries]
        if not any(cells):
            continue
        rows.append(
            {
                "goal": goal,
                "cells": cells,
                "targets": [
                    {"target": t, "cells": [by_target.get((t.code, c.code)) for c in countries]}
                    for t in targets_of.get(goal.number, [])
                ],
            }
        )
    return {"countries": countries, "rows": rows, "chart": chart}


# --- The charts of a volunteer's, an organisation's, a network's and a company's pages -------

# Bars of the network's chart by region; more regions than that share the last bar.
REGION_BARS = 15


def my_charts(filters: Filters, figures: MyFigures) -> dict[str, Chart]:
    """A volunteer's verified hours by month and by SDG goal."""
    months = month_labels(filters)
    goals = goals_of(figures)
    return {
        "by_month": bar_chart(
            title=_("My verified hours by month"),
            labels=[label for _m, label in months],
            labels_heading=_("Month"),
            series=[Series(_("Hours"), [figures.by_month.get(m, Decimal(0)) for m, _l in months])],
            unit=_("h"),
        ),
        "by_goal": bar_chart(
            title=_("My verified hours by SDG goal"),
            labels=[str(goal) for goal in goals],
            labels_heading=_("SDG goal"),
            series=[
                Series(
                    _("Hours"),
                    [figures.by_goal[goal.number] for goal in goals],
                    colours=[goal.colour for goal in goals],
                )
            ],
            unit=_("h"),
            horizontal=True,
            height=max(160, 40 * len(goals) + 60),
            additive=False,
        ),
    }


def organisation_charts(
    filters: Filters, *, organisation_id: int, figures: OrganisationFigures
) -> dict[str, Chart]:
    """An organisation's verified hours and the fill rate of its shifts, by month."""
    months = month_labels(filters)
    by_month = sums_by(filters.without(organisation=organisation_id), "month")
    hours = [
        sum((s.hours for (m, _c), s in by_month.items() if m == month), Decimal(0))
        for month, _label in months
    ]
    fill = [
        (Decimal(100 * c) / cap).quantize(Decimal("0.1")) if cap else None
        for c, cap in (figures.fill_by_month.get(month, (0, 0)) for month, _l in months)
    ]
    return {
        "hours": bar_chart(
            title=_("Verified hours by month"),
            labels=[label for _m, label in months],
            labels_heading=_("Month"),
            series=[Series(_("Hours"), list(hours))],
            unit=_("h"),
        ),
        "fill": bar_chart(
            title=_("Fill rate of shifts by month"),
            labels=[label for _m, label in months],
            labels_heading=_("Month"),
            series=[Series(_("Places taken"), list(fill))],
            unit="%",
            additive=False,
        ),
    }


def network_charts(figures: dict[str, Any]) -> dict[str, Chart]:
    """A network's hours by region. The chart adds up to the country's headline figure: the
    largest regions, the rest as one bar, and the hours of organisations with no region as
    another."""
    regions = figures["by_region"]
    shown = regions if len(regions) <= REGION_BARS else regions[: REGION_BARS - 1]
    labels = [row.name for row in shown]
    hours: list[Decimal | int | None] = [row.hours for row in shown]
    if len(shown) < len(regions):
        labels.append(_("Other regions"))
        hours.append(sum((row.hours for row in regions[len(shown) :]), Decimal(0)))
    if figures["no_region_hours"]:
        labels.append(_("Region not given"))
        hours.append(figures["no_region_hours"])
    return {
        "regions": bar_chart(
            title=_("Verified hours by region"),
            labels=labels,
            labels_heading=_("Region"),
            series=[Series(_("Hours"), hours)],
            unit=_("h"),
            horizontal=True,
            height=max(160, 28 * len(labels) + 60),
        ),
    }


def company_chart(totals: CorporateTotals) -> Chart:
    """A company's employees' hours on its first fifteen projects."""
    projects = totals.projects[:15]
    return bar_chart(
        title=_("Employees' verified hours by project"),
        labels=[row["title"] for row in projects],
        labels_heading=_("Project"),
        series=[
            Series(_("Volunteer hours"), [row["volunteer_hours"] for row in projects]),
            Series(_("Volunteer time off (paid)"), [row["time_off_hours"] for row in projects]),
        ],
        unit=_("h"),
        horizontal=True,
        height=max(180, 36 * len(projects) + 80),
    )
