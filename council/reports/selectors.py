"""The figures of the dashboards, the SDG report and the open statistics.

Hours, values and people come from the aggregates the hours services keep up to date
(`council.hours.services.rollups`): `HoursFacetRollup` for sums by month, place, cause, SDG goal,
target, age band and cause with goal, and `VolunteerCount` for distinct people per month or
year, in a country or a region. A filter those tables do not cover (an organisation) is
answered from the entries themselves with the same set-based SQL, scoped by an index
(docs/reports.md). Only verified hours count; hours in paid work time are kept apart.
"""

from __future__ import annotations

import calendar
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db import connection
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _

from council.cooperation.models import OPEN_COMMITMENT, Commitment, CommitmentStatus
from council.deployments.models import Candidacy, CandidacyStatus
from council.forums.models import Delegation, Forum, MemberStatus
from council.hours.models import (
    EntryStatus,
    ExchangeRate,
    HoursEntry,
    HoursFacetRollup,
    HoursRollup,
    PeriodKind,
    RollupKind,
    VolunteerCount,
)
from council.hours.services.rollups import UNKNOWN_AGE, pair_key
from council.projects.models import Project
from council.reference.models import Country, SdgGoal

CENT = Decimal("0.01")
ZERO = Decimal("0")
AGE_BANDS = ("under_14", "14_17", "adult", "silver", UNKNOWN_AGE)


@dataclass(frozen=True)
class Filters:
    """What a dashboard shows: a year or one month of it, and optionally countries, a region,
    an organisation, a cause (slug) or an SDG goal."""

    year: int
    month: int | None = None
    countries: tuple[str, ...] = ()
    region: int | None = None
    organisation: int | None = None
    cause: str | None = None
    goal: int | None = None

    @property
    def start(self) -> date:
        return date(self.year, self.month or 1, 1)

    @property
    def end(self) -> date:
        if self.month:
            return date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])
        return date(self.year, 12, 31)

    @property
    def period(self) -> tuple[str, date]:
        return (PeriodKind.MONTH if self.month else PeriodKind.YEAR, self.start)

    @property
    def facet(self) -> tuple[str, str]:
        if self.cause and self.goal:
            return RollupKind.CAUSE_GOAL, pair_key(self.cause, str(self.goal))
        if self.goal:
            return RollupKind.GOAL, str(self.goal)
        if self.cause:
            return RollupKind.CAUSE, self.cause
        return RollupKind.ALL, ""

    @property
    def from_rollups(self) -> bool:
        """Whether the aggregate tables answer this filter."""
        return self.organisation is None

    @property
    def place(self) -> int:
        """The region of the people counts: 0 for the whole country."""
        return self.region or 0

    def without(self, **changes: Any) -> Filters:
        values = {name: getattr(self, name) for name in self.__dataclass_fields__}
        values.update(changes)
        return Filters(**values)


@dataclass
class Sums:
    """Verified hours of volunteer work, hours in paid work time apart, and values by
    currency (volunteer work only, as the ILO counts it)."""

    hours: Decimal = ZERO
    paid_hours: Decimal = ZERO
    entries: int = 0
    values: dict[str, Decimal] = field(default_factory=dict)
    unvalued_hours: Decimal = ZERO
    volunteers: int | None = None

    def add(self, *, paid: bool, currency: str, hours: Any, entries: Any, value: Any) -> None:
        hours = Decimal(hours or 0).quantize(CENT)
        if paid:
            self.paid_hours += hours
            return
        self.hours += hours
        self.entries += int(entries or 0)
        if currency:
            self.values[currency] = self.values.get(currency, ZERO) + Decimal(value or 0).quantize(
                CENT
            )
        else:
            self.unvalued_hours += hours


# --- Sums ------------------------------------------------------------------------------------


def _facet_rows(filters: Filters, kind: str, key: str | None) -> QuerySet[HoursFacetRollup]:
    rows = HoursFacetRollup.objects.filter(
        kind=kind, month__gte=filters.start, month__lte=filters.end
    )
    if key is not None:
        rows = rows.filter(key=key)
    if filters.countries:
        rows = rows.filter(country__in=filters.countries)
    if filters.region:
        rows = rows.filter(region=filters.region)
    return rows


def scoped_entries(filters: Filters) -> QuerySet[HoursEntry]:
    """Verified entries in the filters' period and scope (the path for filters the aggregate
    tables do not cover). SDG goal and cause are EXISTS conditions: an entry counts once."""
    entries = HoursEntry.objects.filter(
        status=EntryStatus.VERIFIED, date__gte=filters.start, date__lte=filters.end
    )
    if filters.organisation:
        entries = entries.filter(organisation_id=filters.organisation)
    if filters.countries:
        entries = entries.filter(country_id__in=filters.countries)
    if filters.region:
        entries = entries.filter(region_id=filters.region)
    if filters.cause:
        entries = entries.filter(
            Exists(
                HoursEntry.causes.through.objects.filter(
                    hoursentry_id=OuterRef("pk"), cause__slug=filters.cause
                )
            )
        )
    if filters.goal:
        entries = entries.filter(_has_goal(filters.goal))
    return entries


def _has_goal(goal: int) -> Exists:
    return Exists(
        HoursEntry.sdg_targets.through.objects.filter(
            hoursentry_id=OuterRef("pk"), sdgtarget__goal_id=goal
        )
    )


def sums_by(filters: Filters, dimension: str) -> dict[Any, Sums]:
    """Sums grouped by "country" or "month" (and country: keys are (month, country))."""
    result: dict[Any, Sums] = defaultdict(Sums)
    if filters.from_rollups:
        kind, key = filters.facet
        group = ["country"] if dimension == "country" else ["month", "country"]
        rows = (
            _facet_rows(filters, kind, key)
            .values(*group, "during_paid_work", "currency")
            .annotate(h=Sum("hours"), n=Sum("entries"), v=Sum("value"))
            .order_by()
        )
    else:
        group = ["country_id"] if dimension == "country" else ["m", "country_id"]
        entries = scoped_entries(filters)
        if dimension == "month":
            entries = entries.annotate(m=TruncMonth("date"))
        rows = (
            entries.values(*group, "during_paid_work", "currency")
            .annotate(h=Sum("hours"), n=Count("pk"), v=Sum("value"))
            .order_by()
        )
    for row in rows:
        values = list(row.values())
        group_key = values[0] if len(group) == 1 else (values[0], values[1])
        result[group_key].add(
            paid=row["during_paid_work"],
            currency=row["currency"],
            hours=row["h"],
            entries=row["n"],
            value=row["v"],
        )
    return dict(result)


def volunteers_by_country(filters: Filters) -> dict[str, int]:
    """Distinct people with verified volunteer work in the period, per country."""
    if not filters.from_rollups:
        return _count_entries(filters)
    period, start = filters.period
    kind, key = filters.facet
    counts = VolunteerCount.objects.filter(
        period=period, start=start, kind=kind, key=key, region=filters.place
    )
    if filters.countries:
        counts = counts.filter(country__in=filters.countries)
    return dict(counts.values_list("country", "volunteers"))


def _count_entries(filters: Filters) -> dict[str, int]:
    return dict(
        scoped_entries(filters)
        .filter(during_paid_work=False)
        .values("country_id")
        .annotate(n=Count("volunteer_id", distinct=True))
        .values_list("country_id", "n")
        .order_by()
    )


def sdg_breakdown(filters: Filters, level: str = RollupKind.GOAL) -> dict[tuple[str, str], Sums]:
    """Sums and people per (SDG goal number or target code, country). An entry for two
    targets of one goal counts once for the goal."""
    if filters.from_rollups and (level == RollupKind.GOAL or not (filters.cause or filters.region)):
        return _sdg_from_rollups(filters, level)
    if level == RollupKind.GOAL:
        return _goals_from_entries(filters)
    return _targets_from_entries(filters)


def _sdg_from_rollups(filters: Filters, level: str) -> dict[tuple[str, str], Sums]:
    """Goals (also within a cause: the cause-and-goal pairs, and within a region) or targets
    (the whole country only) from the aggregate tables."""
    result: dict[tuple[str, str], Sums] = defaultdict(Sums)
    period, start = filters.period
    kind, prefix = level, ""
    if level == RollupKind.GOAL and filters.cause:
        kind, prefix = RollupKind.CAUSE_GOAL, pair_key(filters.cause, "")
    rows = _facet_rows(filters, kind, None)
    counts = VolunteerCount.objects.filter(
        period=period, start=start, kind=kind, region=filters.place
    )
    if filters.goal and level == RollupKind.GOAL:
        rows = rows.filter(key=f"{prefix}{filters.goal}")
        counts = counts.filter(key=f"{prefix}{filters.goal}")
    elif filters.goal:
        rows = rows.filter(key__startswith=f"{filters.goal}.")
        counts = counts.filter(key__startswith=f"{filters.goal}.")
    elif prefix:
        rows = rows.filter(key__startswith=prefix)
        counts = counts.filter(key__startswith=prefix)
    if filters.countries:
        counts = counts.filter(country__in=filters.countries)
    for row in (
        rows.values("key", "country", "during_paid_work", "currency")
        .annotate(h=Sum("hours"), n=Sum("entries"), v=Sum("value"))
        .order_by()
    ):
        result[(row["key"][len(prefix) :], row["country"])].add(
            paid=row["during_paid_work"],
            currency=row["currency"],
            hours=row["h"],
            entries=row["n"],
            value=row["v"],
        )
    for code, country, people in counts.values_list("key", "country", "volunteers"):
        if (code[len(prefix) :], country) in result:
            result[(code[len(prefix) :], country)].volunteers = people
    return dict(result)


def _goals_from_entries(filters: Filters) -> dict[tuple[str, str], Sums]:
    """Goals for a filter the aggregate tables do not cover (an organisation): two grouped
    statements over the scoped entries' distinct (entry, goal) pairs."""
    from council.reference.models import SdgTarget

    scoped, params = scoped_entries(filters).values("pk").query.sql_with_params()
    quote = connection.ops.quote_name
    pairs = (
        f"SELECT DISTINCT et.hoursentry_id, t.goal_id "  # noqa: S608 (names, not input)
        f"FROM {quote(HoursEntry.sdg_targets.through._meta.db_table)} et "
        f"JOIN {quote(SdgTarget._meta.db_table)} t ON t.id = et.sdgtarget_id "
        f"WHERE et.hoursentry_id IN ({scoped})"
    )
    pair_params = list(params)
    if filters.goal:
        pairs += " AND t.goal_id = %s"
        pair_params.append(filters.goal)
    source = f"FROM {quote(HoursEntry._meta.db_table)} e JOIN ({pairs}) g ON g.hoursentry_id = e.id"
    result: dict[tuple[str, str], Sums] = defaultdict(Sums)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT g.goal_id, e.country_id, e.during_paid_work, e.currency, "
            f"SUM(e.hours), COUNT(*), SUM(e.value) {source} GROUP BY 1, 2, 3, 4",
            pair_params,
        )
        for goal, country, paid, currency, hours, entries, value in cursor.fetchall():
            result[(str(goal), country)].add(
                paid=bool(paid), currency=currency, hours=hours, entries=entries, value=value
            )
        cursor.execute(
            "SELECT g.goal_id, e.country_id, COUNT(DISTINCT e.volunteer_id) "
            f"{source} WHERE NOT e.during_paid_work GROUP BY 1, 2",
            pair_params,
        )
        for goal, country, people in cursor.fetchall():
            if (str(goal), country) in result:
                result[(str(goal), country)].volunteers = people
    return dict(result)


def _targets_from_entries(filters: Filters) -> dict[tuple[str, str], Sums]:
    result: dict[tuple[str, str], Sums] = defaultdict(Sums)
    through = HoursEntry.sdg_targets.through.objects.filter(hoursentry__in=scoped_entries(filters))
    if filters.goal:
        through = through.filter(sdgtarget__goal_id=filters.goal)
    rows = through.values(
        "sdgtarget__code",
        "hoursentry__country_id",
        "hoursentry__during_paid_work",
        "hoursentry__currency",
    ).annotate(h=Sum("hoursentry__hours"), n=Count("hoursentry_id"), v=Sum("hoursentry__value"))
    for row in rows.order_by():
        result[(row["sdgtarget__code"], row["hoursentry__country_id"])].add(
            paid=row["hoursentry__during_paid_work"],
            currency=row["hoursentry__currency"],
            hours=row["h"],
            entries=row["n"],
            value=row["v"],
        )
    people = (
        through.filter(hoursentry__during_paid_work=False)
        .values("sdgtarget__code", "hoursentry__country_id")
        .annotate(p=Count("hoursentry__volunteer_id", distinct=True))
    )
    for row in people.order_by():
        key = (row["sdgtarget__code"], row["hoursentry__country_id"])
        if key in result:
            result[key].volunteers = row["p"]
    return dict(result)


# The people count kind of age bands within each facet of the filters.
AGE_KINDS: dict[str, str] = {
    RollupKind.ALL: RollupKind.AGE,
    RollupKind.CAUSE: RollupKind.CAUSE_AGE,
    RollupKind.GOAL: RollupKind.GOAL_AGE,
    RollupKind.CAUSE_GOAL: RollupKind.CAUSE_GOAL_AGE,
}


def volunteers_by_age(filters: Filters) -> dict[tuple[str, str], int]:
    """Distinct people per (age band on the day of the work, country): a person whose
    birthday moved them into another band within the period counts in both."""
    period, start = filters.period
    kind, key = filters.facet
    if filters.from_rollups and kind in AGE_KINDS:
        prefix = pair_key(key, "") if key else ""
        counts = VolunteerCount.objects.filter(
            period=period, start=start, kind=AGE_KINDS[kind], region=filters.place
        )
        if prefix:
            counts = counts.filter(key__startswith=prefix)
        if filters.countries:
            counts = counts.filter(country__in=filters.countries)
        return {
            (band[len(prefix) :], country): n
            for band, country, n in counts.values_list("key", "country", "volunteers")
        }
    rows = (
        scoped_entries(filters)
        .filter(during_paid_work=False)
        .values("age_band", "country_id")
        .annotate(n=Count("volunteer_id", distinct=True))
        .order_by()
    )
    return {(row["age_band"] or UNKNOWN_AGE, row["country_id"]): row["n"] for row in rows}


# --- Money -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Conversion:
    """A total over currencies at stated rates, with the rates it used."""

    currency: str
    total: Decimal | None
    rates: list[ExchangeRate]
    missing: list[str]


def convert(values: dict[str, Decimal], *, into: str, on: date) -> Conversion:
    """The values as one total in `into`, at the latest stated rate on or before `on` (the
    latest there is otherwise); None when a currency has no rate."""
    rates: list[ExchangeRate] = []
    missing: list[str] = []
    total = ZERO
    for currency, amount in sorted(values.items()):
        if currency == into:
            total += amount
            continue
        candidates = ExchangeRate.objects.filter(currency=currency, to_currency=into)
        rate = (
            candidates.filter(as_of__lte=on).order_by("-as_of").first()
            or candidates.order_by("-as_of").first()
        )
        if rate is None:
            missing.append(currency)
            continue
        rates.append(rate)
        total += amount * rate.rate
    return Conversion(
        into, None if missing else total.quantize(CENT, rounding=ROUND_HALF_UP), rates, missing
    )


# --- The council's dashboard -------------------------------------------------------------------


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


def wage_sources(filters: Filters, countries: list[str]) -> list[str]:
    """The sources of the wage table that values the period's hours in those countries."""
    from council.hours.models import WageRate, source_text

    return sorted(
        {
            source_text(source)
            for source in WageRate.objects.filter(
                year=filters.year, country_id__in=countries
            ).values_list("source", flat=True)
        }
    )


def report_countries(filters: Filters) -> list[Country]:
    """The countries a report shows: the filter's, else those with verified hours that
    period, else the council's founders."""
    codes = list(filters.countries)
    if not codes:
        period, start = filters.period
        codes = sorted(
            set(
                VolunteerCount.objects.filter(
                    period=period, start=start, kind=RollupKind.ALL, region=0
                )
                .exclude(volunteers=0)
                .values_list("country", flat=True)
            )
        ) or ["RU", "KZ"]
    return list(Country.objects.filter(code__in=codes).order_by("code"))


def council_dashboard(filters: Filters, *, currency: str) -> list[CountryFigures]:
    """Every figure of the council's dashboard, one column per country, in a fixed number of
    queries (the countries are few)."""
    countries = report_countries(filters)
    scoped = filters.without(countries=tuple(c.code for c in countries))
    sums = sums_by(scoped, "country")
    people = volunteers_by_country(scoped)
    projects = _projects_with_hours(scoped)
    forums = _forums(scoped)
    deployments = _deployments(scoped)
    commitments = _commitments(scoped)
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
    from council.cooperation.selectors import joint_projects

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


def _deployments(filters: Filters) -> dict[str, int]:
    """People deployed abroad on assignments that start in the period, per home country."""
    return dict(
        Candidacy.objects.filter(
            status__in=[CandidacyStatus.DEPLOYED, CandidacyStatus.COMPLETED],
            assignment__starts_on__gte=filters.start,
            assignment__starts_on__lte=filters.end,
        )
        .values("person__home_country_id")
        .annotate(n=Count("pk"))
        .values_list("person__home_country_id", "n")
        .order_by()
    )


def _commitments(filters: Filters) -> dict[str, tuple[int, int, int]]:
    """Commitments due in the period per owner country: due, done, and late (still open
    after their due date)."""
    today = timezone.localdate()
    rows = (
        Commitment.objects.filter(due_on__gte=filters.start, due_on__lte=filters.end)
        .values("owners__country_id")
        .annotate(
            due=Count("pk", distinct=True),
            done=Count("pk", filter=Q(status=CommitmentStatus.DONE), distinct=True),
            late=Count(
                "pk",
                filter=Q(status__in=OPEN_COMMITMENT, due_on__lt=today),
                distinct=True,
            ),
        )
        .order_by()
    )
    return {row["owners__country_id"]: (row["due"], row["done"], row["late"]) for row in rows}


# --- Open statistics -------------------------------------------------------------------------

# Cells with fewer people than this are not published (nor their hours).
MIN_CELL = 5


@dataclass
class Cell:
    label: str
    key: str
    volunteers: int | None
    hours: Decimal | None
    suppressed: bool = False


def suppress(cells: list[Cell], *, partition: bool) -> list[Cell]:
    """Hide cells of 1 to MIN_CELL − 1 people (an empty cell names nobody). In a partition
    (regions, months: their hours add up to the total) a single hidden cell could be worked
    out by subtraction, so the smallest shown non-empty cell is hidden too."""
    for cell in cells:
        if cell.volunteers and cell.volunteers < MIN_CELL:
            cell.suppressed = True
    hidden = [cell for cell in cells if cell.suppressed]
    if partition and len(hidden) == 1:
        shown = sorted(
            (cell for cell in cells if not cell.suppressed and cell.volunteers),
            key=lambda c: (c.volunteers or 0, c.key),
        )
        if shown:
            shown[0].suppressed = True
    for cell in cells:
        if cell.suppressed:
            cell.volunteers = None
            cell.hours = None
    return cells


@dataclass
class CountryStatistics:
    country: Country
    total: Cell
    regions: list[Cell]
    causes: list[Cell]
    goals: list[Cell]
    months: list[Cell]

    @property
    def sections(self) -> list[tuple[str, list[Cell]]]:
        return [
            (_("By region"), self.regions),
            (_("By cause"), self.causes),
            (_("By SDG goal"), self.goals),
            (_("By month"), self.months),
        ]

    @property
    def headed_sections(self) -> list[tuple[str, str, list[Cell]]]:
        """The sections with the heading of their first column (what the rows are)."""
        headings = [_("Region"), _("Cause"), _("SDG goal"), _("Month")]
        return [
            (title, heading, cells)
            for (title, cells), heading in zip(self.sections, headings, strict=True)
        ]


def open_statistics(*, year: int, countries: tuple[str, ...] = ()) -> list[CountryStatistics]:
    """Aggregates only, from the aggregate tables: people and verified hours of volunteer
    work per country, and by region, cause, SDG goal and month; cells under MIN_CELL people
    suppressed. No person, organisation or project is named."""
    chosen = report_countries(Filters(year=year, countries=countries))
    codes = [country.code for country in chosen]
    # People: (country, kind, key, month or None for the year) → count.
    people: dict[tuple[str, str, str, date | None], int] = {}
    # Two statements over the counts' unique index: the year's (whole countries and their
    # regions) and the twelve months' (twelve point ranges).
    year_rows = VolunteerCount.objects.filter(
        Q(region=0) | Q(kind=RollupKind.ALL),
        period=PeriodKind.YEAR,
        start=date(year, 1, 1),
        country__in=codes,
        kind__in=[RollupKind.ALL, RollupKind.CAUSE, RollupKind.GOAL],
    )
    month_rows = VolunteerCount.objects.filter(
        period=PeriodKind.MONTH,
        start__in=[date(year, number, 1) for number in range(1, 13)],
        kind=RollupKind.ALL,
        country__in=codes,
        region=0,
    )
    for rows in (year_rows, month_rows):
        for period, start, place, region, kind, key, count in rows.values_list(
            "period", "start", "country", "region", "kind", "key", "volunteers"
        ):
            if region:
                kind, key = RollupKind.REGION, str(region)
            people[(place, kind, key, start if period == PeriodKind.MONTH else None)] = count
    # Hours of volunteer work, keyed the same way: by month and region, then by cause and goal
    # (two groupings: one of them all would hold month × region × key groups in memory).
    hours: dict[tuple[str, str, str, date | None], Decimal] = defaultdict(Decimal)
    in_year = HoursFacetRollup.objects.filter(
        month__gte=date(year, 1, 1),
        month__lte=date(year, 12, 1),
        country__in=codes,
        during_paid_work=False,
    )
    for row in (
        in_year.filter(kind=RollupKind.ALL)
        .values("country", "month", "region")
        .annotate(h=Sum("hours"))
        .order_by()
    ):
        place, amount = row["country"], row["h"] or 0
        hours[(place, RollupKind.ALL, "", None)] += amount
        hours[(place, RollupKind.ALL, "", row["month"])] += amount
        hours[(place, RollupKind.REGION, str(row["region"]), None)] += amount
    for row in (
        in_year.filter(kind__in=[RollupKind.CAUSE, RollupKind.GOAL])
        .values("country", "kind", "key")
        .annotate(h=Sum("hours"))
        .order_by()
    ):
        hours[(row["country"], row["kind"], row["key"], None)] += row["h"] or 0
    labels = _labels(codes)

    def cell(code: str, kind: str, key: str, label: str, month: date | None = None) -> Cell:
        where = (code, kind, key, month)
        return Cell(
            label=label,
            key=month.strftime("%Y-%m") if month else key,
            volunteers=people.get(where, 0),
            hours=Decimal(hours.get(where, 0)).quantize(CENT),
        )

    def cells(code: str, kind: str) -> list[Cell]:
        names = labels[kind]
        keys = {k for (c, kd, k, m) in people if c == code and kd == kind and m is None}
        ordered = sorted(keys, key=lambda key: names.get(key, (key, key))[0])
        return [cell(code, kind, key, names.get(key, (key, key))[1]) for key in ordered]

    result = []
    for country in chosen:
        code = country.code
        months = [
            cell(code, RollupKind.ALL, "", f"{year}-{number:02d}", date(year, number, 1))
            for number in range(1, 13)
        ]
        result.append(
            CountryStatistics(
                country=country,
                total=suppress(
                    [cell(code, RollupKind.ALL, "", str(country.name))], partition=False
                )[0],
                regions=suppress(cells(code, RollupKind.REGION), partition=True),
                causes=suppress(cells(code, RollupKind.CAUSE), partition=False),
                goals=suppress(cells(code, RollupKind.GOAL), partition=False),
                months=suppress(months, partition=True),
            )
        )
    return result


def _labels(codes: list[str]) -> dict[str, dict[str, tuple[Any, str]]]:
    """(sort key, translated name) of the regions, causes and SDG goals, by key."""
    from council.reference.models import Cause, Region

    return {
        RollupKind.REGION: {
            str(region.pk): (str(region.name), str(region.name))
            for region in Region.objects.filter(country_id__in=codes)
        },
        RollupKind.CAUSE: {
            cause.slug: (cause.position, str(cause.name)) for cause in Cause.objects.all()
        },
        RollupKind.GOAL: {
            str(goal.number): (goal.number, str(goal)) for goal in SdgGoal.objects.all()
        },
    }


@dataclass
class MyFigures:
    hours: Decimal = ZERO
    paid_hours: Decimal = ZERO
    by_month: dict[date, Decimal] = field(default_factory=dict)
    by_goal: dict[int, Decimal] = field(default_factory=dict)
    values: dict[str, Decimal] = field(default_factory=dict)
    countries: set[str] = field(default_factory=set)


def my_figures(*, user: Any, year: int) -> MyFigures:
    """A person's verified hours in a year: by month and by SDG goal (an entry counts once
    per goal), values by currency; hours in paid work time apart. Three queries."""
    entries = HoursEntry.objects.filter(
        volunteer_id=user.pk,
        status=EntryStatus.VERIFIED,
        date__gte=date(year, 1, 1),
        date__lte=date(year, 12, 31),
    )
    figures = MyFigures()
    rows = list(entries.values_list("pk", "date", "hours", "during_paid_work", "currency", "value"))
    figures.countries = set(entries.values_list("country_id", flat=True).distinct())
    goals: dict[int, set[int]] = defaultdict(set)
    for entry_id, goal in HoursEntry.sdg_targets.through.objects.filter(
        hoursentry__in=entries
    ).values_list("hoursentry_id", "sdgtarget__goal_id"):
        goals[entry_id].add(goal)
    by_month: dict[date, Decimal] = defaultdict(Decimal)
    by_goal: dict[int, Decimal] = defaultdict(Decimal)
    values: dict[str, Decimal] = defaultdict(Decimal)
    for pk, day, hours, paid, currency, value in rows:
        if paid:
            figures.paid_hours += hours
            continue
        figures.hours += hours
        by_month[day.replace(day=1)] += hours
        for goal in goals[pk]:
            by_goal[goal] += hours
        if currency and value is not None:
            values[currency] += value
    figures.by_month = dict(by_month)
    figures.by_goal = dict(sorted(by_goal.items()))
    figures.values = dict(sorted(values.items()))
    return figures


# --- An organisation's dashboard -------------------------------------------------------------


@dataclass
class ProjectFigures:
    project: Project
    hours: Decimal = ZERO
    volunteers: int = 0
    capacity: int = 0
    confirmed: int = 0

    @property
    def fill_rate(self) -> int | None:
        return round(100 * self.confirmed / self.capacity) if self.capacity else None


@dataclass
class OrganisationFigures:
    sums: Sums
    volunteers: int
    projects: list[ProjectFigures]
    shifts: int = 0
    capacity: int = 0
    confirmed: int = 0
    ended_places: int = 0
    no_shows: int = 0
    awaiting: int = 0
    awaiting_hours: Decimal = ZERO
    fill_by_month: dict[date, tuple[int, int]] = field(default_factory=dict)

    @property
    def fill_rate(self) -> int | None:
        return round(100 * self.confirmed / self.capacity) if self.capacity else None

    @property
    def no_show_rate(self) -> int | None:
        return round(100 * self.no_shows / self.ended_places) if self.ended_places else None


def organisation_figures(*, organisation_id: int, filters: Filters) -> OrganisationFigures:
    """An organisation's own figures in the period, from its entries (its index), shifts and
    places; a fixed number of queries whatever the number of projects.

    Fill rate: confirmed places over the capacity of its shifts that start in the period.
    No-show rate: of the confirmed places on its shifts that ended in the period, those with
    neither a check-in nor hours logged for the shift."""
    from council.hours.models import CheckIn
    from council.projects.models import Application, ApplicationStatus, Shift

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


# --- A national network's dashboard ----------------------------------------------------------


@dataclass
class PlaceRow:
    key: int
    name: str
    hours: Decimal
    volunteers: int


def network_figures(*, country: str, filters: Filters, top: int | None = 20) -> dict[str, Any]:
    """A country by region and by organisation (the `top` organisations by hours), from the
    aggregate tables; and the organisations waiting for the network's verification."""
    from council.orgs.models import Organisation, OrganisationStatus
    from council.reference.models import Region

    scoped = filters.without(countries=(country,), organisation=None)
    period, start = scoped.period
    regions: dict[int, Decimal] = defaultdict(Decimal)
    for row in (
        _facet_rows(scoped.without(region=None), RollupKind.ALL, "")
        .filter(during_paid_work=False)
        .values("region")
        .annotate(h=Sum("hours"))
        .order_by()
    ):
        regions[row["region"]] += row["h"] or 0
    region_people = dict(
        VolunteerCount.objects.filter(
            period=period, start=start, country=country, kind=RollupKind.ALL, region__gt=0
        ).values_list("region", "volunteers")
    )
    names = dict(Region.objects.filter(country_id=country).values_list("pk", "name"))
    by_region = sorted(
        (
            PlaceRow(
                pk,
                str(names.get(pk, "—")),
                Decimal(h).quantize(CENT),
                region_people.get(pk, 0),
            )
            for pk, h in regions.items()
            if pk
        ),
        key=lambda row: (-row.hours, row.name),
    )
    organisations = list(
        HoursRollup.objects.filter(
            country=country,
            month__gte=scoped.start,
            month__lte=scoped.end,
            during_paid_work=False,
            **({"region": scoped.region} if scoped.region else {}),
        )
        .values("organisation")
        .annotate(h=Sum("hours"))
        .order_by("-h", "organisation")[:top]
    )
    ids = [row["organisation"] for row in organisations]
    org_people = dict(
        VolunteerCount.objects.filter(
            period=period,
            start=start,
            country=country,
            kind=RollupKind.ORGANISATION,
            key__in=[str(pk) for pk in ids],
        ).values_list("key", "volunteers")
    )
    org_names = dict(Organisation.objects.filter(pk__in=ids).values_list("pk", "name"))
    by_organisation = [
        PlaceRow(
            row["organisation"],
            str(org_names.get(row["organisation"], "")),
            Decimal(row["h"] or 0).quantize(CENT),
            org_people.get(str(row["organisation"]), 0),
        )
        for row in organisations
    ]
    pending = Organisation.objects.filter(country_id=country, status=OrganisationStatus.PENDING)
    return {
        "by_region": by_region,
        # Hours of organisations that gave no region: in the country's total, in no region.
        "no_region_hours": Decimal(
            sum((h for pk, h in regions.items() if not pk), Decimal(0))
        ).quantize(CENT),
        "by_organisation": by_organisation,
        "pending": pending.count(),
    }
