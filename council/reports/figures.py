"""The figures the pages and the PDF reports draw: the charts of the council's dashboard and
the SDG tables, built from the selectors."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.utils.dateformat import format as date_format
from django.utils.translation import gettext as _

from council.reference.models import SdgGoal, SdgTarget
from council.reports import selectors
from council.reports.charts import Chart, Series, bar_chart
from council.reports.selectors import AGE_BANDS, Filters


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


def council_charts(filters: Filters, columns: list[selectors.CountryFigures]) -> dict[str, Any]:
    """The four charts of the council's dashboard."""
    names = [str(column.country.name) for column in columns]
    codes = [column.country.code for column in columns]
    by_month = selectors.sums_by(filters, "month")
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
    goals = list(SdgGoal.objects.order_by("number"))
    by_goal = selectors.sdg_breakdown(filters)
    goal_hours = [
        sum(
            (
                by_goal[(str(goal.number), code)].hours
                for code in codes
                if (str(goal.number), code) in by_goal
            ),
            Decimal(0),
        )
        for goal in goals
    ]
    hours_by_goal = bar_chart(
        title=_("Verified hours by SDG goal"),
        labels=[str(goal.number) for goal in goals],
        labels_heading=_("SDG goal"),
        series=[Series(_("Hours"), list(goal_hours), colours=[goal.colour for goal in goals])],
        unit=_("h"),
        additive=False,
    )
    hours_by_country = bar_chart(
        title=_("Verified hours by country"),
        labels=names,
        labels_heading=_("Country"),
        series=[Series(_("Hours"), [column.sums.hours for column in columns])],
        unit=_("h"),
    )
    ages = selectors.volunteers_by_age(filters)
    labels = age_labels()
    volunteers_by_age = bar_chart(
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
        "volunteers_by_age": volunteers_by_age,
    }


def goal_chart(by_goal: dict[tuple[str, str], selectors.Sums], codes: list[str]) -> Chart:
    """Hours per SDG goal over the countries shown, each bar in its goal's colour."""
    goals = list(SdgGoal.objects.order_by("number"))
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
    countries = selectors.report_countries(filters)
    scoped = filters.without(countries=tuple(c.code for c in countries))
    by_goal = selectors.sdg_breakdown(scoped)
    chart = goal_chart(by_goal, [c.code for c in countries])
    by_target = selectors.sdg_breakdown(scoped, level="target")
    targets_of: dict[int, list[SdgTarget]] = {}
    wanted = {code for code, _country in by_target}
    for target in SdgTarget.objects.filter(code__in=wanted).order_by("goal_id", "position"):
        targets_of.setdefault(target.goal_id, []).append(target)
    rows = []
    for goal in SdgGoal.objects.order_by("number"):
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
