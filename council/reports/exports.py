"""The reports' tables: headers and rows, produced lazily so that the one table writer
(council.lib.tables) writes them as they come and memory stays flat whatever the number of
rows. Big tables run as background exports (services.export_request) with their progress
recorded."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from council.hours.models import EntryStatus, HoursEntry
from council.orgs.models import Organisation
from council.projects.models import Project
from council.reference.models import Region
from council.reports.models import ExportKind
from council.reports.selectors.council import council_dashboard
from council.reports.selectors.filters import Filters
from council.reports.selectors.network import PlaceRow
from council.reports.selectors.organisation import OrganisationFigures
from council.reports.selectors.sdg import sdg_breakdown
from council.reports.selectors.statistics import open_statistics
from council.reports.selectors.sums import scoped_entries, sums_by

CHUNK = 5000


def filters_to_json(filters: Filters) -> dict[str, Any]:
    values = asdict(filters)
    values["countries"] = list(filters.countries)
    return values


def filters_from_json(values: dict[str, Any]) -> Filters:
    return Filters(**{**values, "countries": tuple(values.get("countries") or ())})


def table(kind: str, filters: Filters) -> tuple[list[str], Iterator[list[Any]]]:
    """The headers and the rows of a report table."""
    if kind == ExportKind.HOURS:
        return _hours_headers(), hours_rows(filters)
    if kind == ExportKind.COUNTRIES:
        return _country_table(filters)
    if kind == ExportKind.MONTHS:
        return _month_table(filters)
    return _sdg_table(filters)


def rows_total(kind: str, filters: Filters) -> int | None:
    if kind == ExportKind.HOURS:
        return _entries(filters).count()
    return None


# --- Hours entries, one row each ------------------------------------------------------------


def _hours_headers() -> list[str]:
    return [
        _("Entry"),
        _("Date"),
        _("Country"),
        _("Region"),
        _("Organisation"),
        _("Project"),
        _("Hours"),
        _("In paid work time"),
        _("Value"),
        _("Currency"),
        _("Valued at"),
        _("SDG targets"),
    ]


def _entries(filters: Filters) -> Any:
    return scoped_entries(filters).filter(status=EntryStatus.VERIFIED)


def hours_rows(filters: Filters) -> Iterator[list[Any]]:
    """Every verified entry in scope, in key order, read in chunks by key (constant memory
    and no OFFSET). Nobody is named: the volunteer is not a column."""
    entries = _entries(filters).order_by("pk")
    names: dict[str, dict[int, str]] = {"org": {}, "project": {}, "region": {}}
    last = 0
    while True:
        chunk = list(
            entries.filter(pk__gt=last).values_list(
                "pk",
                "date",
                "country_id",
                "region_id",
                "organisation_id",
                "project_id",
                "hours",
                "during_paid_work",
                "value",
                "currency",
                "valuation_level",
            )[:CHUNK]
        )
        if not chunk:
            return
        last = chunk[-1][0]
        targets: dict[int, list[str]] = {}
        for entry_id, code in (
            HoursEntry.sdg_targets.through.objects.filter(
                hoursentry_id__in=[row[0] for row in chunk]
            )
            .order_by("sdgtarget__goal_id", "sdgtarget__position")
            .values_list("hoursentry_id", "sdgtarget__code")
        ):
            targets.setdefault(entry_id, []).append(code)
        _remember(names["org"], Organisation, {row[4] for row in chunk}, "name")
        _remember(names["project"], Project, {row[5] for row in chunk}, "title")
        _remember(names["region"], Region, {row[3] for row in chunk if row[3]}, "name")
        for pk, day, country, region, org, project, hours, paid, value, cur, level in chunk:
            yield [
                pk,
                day,
                country,
                names["region"].get(region, "") if region else "",
                names["org"].get(org, ""),
                names["project"].get(project, ""),
                hours,
                paid,
                value if cur else None,
                cur,
                level,
                " ".join(targets.get(pk, [])),
            ]


def _remember(cache: dict[int, str], model: Any, wanted: set[int], field: str) -> None:
    """Translated names of the rows not seen yet (kept: a national export meets each
    organisation many times)."""
    missing = wanted - cache.keys()
    if missing:
        # Only the name in each language (the translated field falls back between them).
        names = [field, *(f"{field}_{code}" for code, _name in settings.LANGUAGES)]
        for row in model.objects.filter(pk__in=missing).only("pk", *names):
            cache[row.pk] = str(getattr(row, field))


# --- Small tables ---------------------------------------------------------------------------


def _country_table(filters: Filters) -> tuple[list[str], Iterator[list[Any]]]:
    columns = council_dashboard(filters, currency=settings.REPORT_CURRENCY)
    headers = [
        _("Country"),
        _("Volunteers active"),
        _("Verified hours of volunteer work"),
        _("Hours in paid work time (kept apart)"),
        _("Value of the hours"),
        _("Value at the stated rates"),
        _("Projects with verified hours"),
        _("Joint projects"),
        _("Forums held"),
        _("Delegations sent"),
        _("Volunteers deployed abroad"),
        _("Commitments due"),
    ]
    rows = (
        [
            c.country.code,
            c.volunteers,
            c.sums.hours,
            c.sums.paid_hours,
            "; ".join(f"{v} {cur}" for cur, v in c.sums.values.items()),
            f"{c.conversion.total} {c.conversion.currency}"
            if c.conversion and c.conversion.total is not None
            else "",
            c.projects,
            c.joint_projects,
            c.forums,
            c.delegations,
            c.deployments,
            c.commitments_due,
        ]
        for c in columns
    )
    return headers, iter(rows)


def _month_table(filters: Filters) -> tuple[list[str], Iterator[list[Any]]]:
    sums = sums_by(filters, "month")
    headers = [_("Month"), _("Country"), _("Verified hours of volunteer work"), _("Value")]
    rows = (
        [
            month.strftime("%Y-%m"),
            country,
            s.hours,
            "; ".join(f"{v} {c}" for c, v in s.values.items()),
        ]
        for (month, country), s in sorted(sums.items())
    )
    return headers, iter(rows)


def _sdg_table(filters: Filters) -> tuple[list[str], Iterator[list[Any]]]:
    headers = [
        _("Goal or target"),
        _("Country"),
        _("Verified hours of volunteer work"),
        _("Volunteers"),
        _("Value"),
    ]

    def rows() -> Iterator[list[Any]]:
        for level in ("goal", "target"):
            found = sdg_breakdown(filters, level=level)
            for (code, country), s in sorted(found.items(), key=lambda i: _sdg_order(i[0][0])):
                yield [
                    code,
                    country,
                    s.hours,
                    s.volunteers,
                    "; ".join(f"{v} {c}" for c, v in s.values.items()),
                ]

    return headers, rows()


def _sdg_order(code: str) -> tuple[int, ...]:
    return tuple(int(part) if part.isdigit() else 99 for part in code.split("."))


# --- An organisation's, a national network's and a company's tables ---------------------------


def organisation_projects_table(
    figures: OrganisationFigures,
) -> tuple[list[str], Iterator[list[Any]]]:
    headers = [
        _("Project"),
        _("Verified hours of volunteer work"),
        _("Volunteers"),
        _("Places in shifts"),
        _("Places taken"),
        _("Fill rate, %"),
    ]
    rows = (
        [
            str(row.project.title),
            row.hours,
            row.volunteers,
            row.capacity,
            row.confirmed,
            row.fill_rate if row.fill_rate is not None else "",
        ]
        for row in figures.projects
    )
    return headers, iter(rows)


def places_table(heading: str, rows: list[PlaceRow]) -> tuple[list[str], Iterator[list[Any]]]:
    """A national network's regions or organisations: name, hours, people."""
    headers = [heading, _("Verified hours of volunteer work"), _("Volunteers")]
    return headers, iter([row.name, row.hours, row.volunteers] for row in rows)


def company_projects_table(projects: list[dict[str, Any]]) -> tuple[list[str], Iterator[list[Any]]]:
    headers = [
        _("Project"),
        _("Verified volunteer hours"),
        _("Volunteer time off (paid)"),
    ]
    return headers, iter(
        [row["title"], row["volunteer_hours"], row["time_off_hours"]] for row in projects
    )


def statistics_table(year: int) -> tuple[list[str], Iterator[list[Any]]]:
    """The open statistics as one long table; suppressed cells say "<5" and give no hours."""
    headers = [_("Country"), _("Breakdown"), _("Key"), _("Name"), _("People"), _("Hours")]

    def rows() -> Iterator[list[Any]]:
        for table in open_statistics(year=year):
            sections = [(_("Total"), [table.total]), *table.sections]
            for title, cells in sections:
                for cell in cells:
                    yield [
                        table.country.code,
                        title,
                        cell.key,
                        cell.label,
                        "<5" if cell.suppressed else cell.volunteers,
                        None if cell.suppressed else cell.hours,
                    ]

    return headers, rows()
