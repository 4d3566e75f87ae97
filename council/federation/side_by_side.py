"""The council's page of member countries side by side: one column per national node, this
node's from its own figures (council.federation.aggregates) and each live peer's as last
pulled, "as of" their time (reads only)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from council.federation.aggregates import ALL_TIME, YEAR, live_peers, node_aggregates
from council.federation.models import PeerAggregate
from council.reference.models import Country, Region
from council.reports.charts import Chart, Series, bar_chart
from council.reports.selectors.money import Conversion, convert
from council.reports.selectors.sdg import sdg_goals

# A peer's figures older than this are marked: its node has not answered since.
STALE_AFTER = timedelta(days=1)


@dataclass
class Column:
    """One member country's figures: this node's (`here`) or a peer's as last pulled."""

    name: str
    country: Country | None
    here: bool
    figures: dict[str, Any] | None
    as_of: datetime | None = None
    stale: bool = False

    @property
    def year(self) -> int | None:
        return (self.figures or {}).get("year")


@dataclass
class Figure:
    """One cell: a number (`places` decimals), hidden (a small cell), or not given."""

    value: Decimal | int | None = None
    places: int = 0
    hidden: bool = False
    missing: bool = False
    is_money: bool = False
    values: dict[str, Decimal] = field(default_factory=dict)
    conversion: Conversion | None = None


@dataclass
class Row:
    label: str
    cells: list[Figure]
    money: bool = False


def columns(*, now: datetime | None = None) -> list[Column]:
    """This node first, then each live peer in its node id's order."""
    now = now or timezone.now()
    here = Country.objects.filter(code=settings.NODE_COUNTRY).first()
    result = [
        Column(
            name=str(here.name) if here else _("This platform"),
            country=here,
            here=True,
            figures=node_aggregates(today=timezone.localdate(now)),
            as_of=now,
        )
    ]
    kept = {row.peer_id: row for row in PeerAggregate.objects.filter(peer__in=live_peers())}
    language = get_language() or settings.LANGUAGE_CODE
    for peer in live_peers():
        row = kept.get(peer.pk)
        as_of = row.as_of if row else None
        result.append(
            Column(
                name=str(peer.country.name),
                country=peer.country,
                here=False,
                figures=row.figures if row else None,
                as_of=as_of,
                stale=as_of is None or now - as_of > STALE_AFTER,
            )
        )
        if peer.names.get(language):
            result[-1].name = f"{peer.country.name} · {peer.names[language]}"
    return result


def _figure(value: Any, *, places: int = 0, hidden_allowed: bool = True) -> Figure:
    if value is None:
        return Figure(hidden=hidden_allowed, missing=not hidden_allowed)
    if isinstance(value, str):
        return Figure(value=Decimal(value), places=places)
    return Figure(value=value, places=places)


def _get(figures: dict[str, Any] | None, *path: str) -> tuple[bool, Any]:
    """(found, value) at `path` of the figures."""
    value: Any = figures
    for key in path:
        if not isinstance(value, dict) or key not in value:
            return False, None
        value = value[key]
    return True, value


def _cell(column: Column, *path: str, places: int = 0) -> Figure:
    found, value = _get(column.figures, *path)
    if not found:
        return Figure(missing=True)
    return _figure(value, places=places)


def _money(column: Column, period: str, *, on: date) -> Figure:
    found, value = _get(column.figures, "periods", period, "value")
    if not found:
        return Figure(missing=True)
    if value is None:
        return Figure(hidden=True)
    values = {currency: Decimal(amount) for currency, amount in value.items()}
    return Figure(
        is_money=True,
        values=values,
        conversion=convert(values, into=settings.REPORT_CURRENCY, on=on),
    )


def period_rows(cols: list[Column], period: str, *, on: date) -> list[Row]:
    rows = [
        Row(
            _("Volunteers with verified hours"),
            [_cell(c, "periods", period, "volunteers") for c in cols],
        ),
        Row(
            _("Verified hours of volunteer work"),
            [_cell(c, "periods", period, "hours", places=2) for c in cols],
        ),
        Row(_("Value of the hours"), [_money(c, period, on=on) for c in cols], money=True),
        Row(
            _("Organisations with verified hours"),
            [_cell(c, "periods", period, "organisations") for c in cols],
        ),
        Row(
            _("Projects with verified hours"),
            [_cell(c, "periods", period, "projects") for c in cols],
        ),
        Row(
            _("Opportunities with verified hours"),
            [_cell(c, "periods", period, "opportunities") for c in cols],
        ),
        Row(_("Forums held"), [_cell(c, "periods", period, "forums") for c in cols]),
    ]
    return rows


def catalogue_rows(cols: list[Column]) -> list[Row]:
    return [
        Row(_("Organisations"), [_cell(c, "catalogue", "organisations") for c in cols]),
        Row(_("Published projects"), [_cell(c, "catalogue", "projects") for c in cols]),
        Row(_("Open opportunities"), [_cell(c, "catalogue", "opportunities") for c in cols]),
        Row(_("Published forums"), [_cell(c, "catalogue", "forums") for c in cols]),
        Row(_("Registered volunteers"), [_cell(c, "catalogue", "volunteers") for c in cols]),
    ]


def goal_rows(cols: list[Column], period: str) -> list[Row]:
    """Hours per SDG goal: the goals any column has figures for."""
    rows = []
    for goal in sdg_goals():
        key = str(goal.number)
        if not any(_get(c.figures, "periods", period, "goals", key)[0] for c in cols):
            continue
        cells = []
        for column in cols:
            found, cell = _get(column.figures, "periods", period, "goals", key)
            if found:
                cells.append(_figure(cell["hours"], places=2))
            else:
                cells.append(Figure(missing=column.figures is None, value=0))
        rows.append(Row(str(goal), cells))
    return rows


def region_lists(cols: list[Column], period: str) -> list[list[tuple[str, Figure, Figure]]]:
    """Per column: (region, people, hours) in the regions' names."""
    codes = {
        code
        for column in cols
        for code in (_get(column.figures, "periods", period, "regions")[1] or {})
    }
    names = {region.code: str(region.name) for region in Region.objects.filter(code__in=codes)}
    lists = []
    for column in cols:
        regions = _get(column.figures, "periods", period, "regions")[1] or {}
        lists.append(
            sorted(
                (
                    (
                        names.get(code, code) if code else _("Region not given"),
                        _figure(cell.get("volunteers")),
                        _figure(cell.get("hours"), places=2),
                    )
                    for code, cell in regions.items()
                ),
                key=lambda item: item[0],
            )
        )
    return lists


def charts(cols: list[Column], period: str) -> list[Chart]:
    """Hours by SDG goal, one series per country; hours by country, the year and all time."""
    goals = sdg_goals()
    by_goal = bar_chart(
        title=_("Verified hours by SDG goal, this year"),
        labels=[str(goal.number) for goal in goals],
        labels_heading=_("SDG goal"),
        series=[
            Series(
                column.name,
                [
                    _hours(_get(column.figures, "periods", period, "goals", str(goal.number))[1])
                    for goal in goals
                ],
            )
            for column in cols
        ],
        unit=_("h"),
        additive=False,  # an hour for two goals counts for each
    )
    by_country = bar_chart(
        title=_("Verified hours by country"),
        labels=[column.name for column in cols],
        labels_heading=_("Country"),
        series=[
            Series(
                title,
                [_hours(_get(column.figures, "periods", key)[1]) for column in cols],
            )
            for key, title in ((YEAR, _("This year")), (ALL_TIME, _("All time")))
        ],
        unit=_("h"),
        additive=False,  # the year is part of all time
    )
    return [by_goal, by_country]


def _hours(cell: Any) -> Decimal | None:
    if isinstance(cell, dict) and isinstance(cell.get("hours"), str):
        return Decimal(cell["hours"])
    return None
