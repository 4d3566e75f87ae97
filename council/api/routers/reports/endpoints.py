"""The reports endpoints: every figure of the dashboards, the SDG report and the open
statistics as JSON, and the exports (see the package docstring for the filters)."""

from __future__ import annotations

from typing import Any, cast

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from ninja import Query, Router, Schema, Status

from council.accounts.models import User
from council.api.auth import PUBLIC
from council.api.routers.reports.schemas import (
    CompanyReportOut,
    CouncilReportOut,
    ExportIn,
    ExportOut,
    MyReportOut,
    NetworkReportOut,
    OrganisationReportOut,
    PeriodParams,
    ReportFilterParams,
    SdgReportOut,
    StatisticsOut,
)
from council.api.schemas import Id
from council.lib.forms import valid_data
from council.reports import access, services
from council.reports.forms import PeriodForm, ReportFilterForm
from council.reports.models import ExportJob, ExportStatus
from council.reports.selectors.cooperation import company_totals
from council.reports.selectors.council import CountryFigures, council_dashboard
from council.reports.selectors.filters import Filters, report_countries
from council.reports.selectors.money import Conversion
from council.reports.selectors.network import network_figures
from council.reports.selectors.organisation import organisation_figures
from council.reports.selectors.sdg import sdg_breakdown
from council.reports.selectors.statistics import open_statistics
from council.reports.selectors.sums import AGE_BANDS, Sums, sums_by, volunteers_by_age
from council.reports.selectors.suppression import MIN_CELL
from council.reports.selectors.volunteer import my_figures

router = Router(tags=["reports"])


def _sums(sums: Sums | None, volunteers: int | None = None) -> dict[str, Any]:
    sums = sums or Sums()
    return {
        "hours": sums.hours,
        "paid_work_hours": sums.paid_hours,
        "entries": sums.entries,
        "values": sums.values,
        "unvalued_hours": sums.unvalued_hours,
        "volunteers": volunteers if volunteers is not None else sums.volunteers,
    }


def _form_data(params: Schema) -> dict[str, Any]:
    data = {name: str(value) for name, value in params.dict(exclude_none=True).items()}
    if "country" in data:
        data["country"] = data["country"].upper()
    return data


def _me(request: HttpRequest) -> User:
    """The caller of an endpoint that requires signing in."""
    return cast(User, request.user)


def _filters(params: ReportFilterParams) -> Filters:
    form = ReportFilterForm(_form_data(params))
    valid_data(form)
    return form.filters()


def _period(params: PeriodParams) -> Filters:
    """A year, or a month of it: the filters of the pages without the other choices."""
    form = PeriodForm(_form_data(params))
    valid_data(form)
    return form.period()


def _conversion(conversion: Conversion | None) -> dict[str, Any]:
    return {
        "currency": conversion.currency if conversion else settings.REPORT_CURRENCY,
        "total": conversion.total if conversion else None,
        "rates": [
            {
                "currency": rate.currency,
                "into": rate.to_currency,
                "rate": str(rate.rate),
                "as_of": rate.as_of.isoformat(),
                "source": rate.source,
            }
            for rate in (conversion.rates if conversion else [])
        ],
    }


# The counts of a country's column, under the same names in the API.
COLUMN_COUNTS = (
    "projects",
    "joint_projects",
    "forums",
    "delegations",
    "delegates",
    "deployments",
    "commitments_due",
    "commitments_done",
    "commitments_late",
)


def _country(
    column: CountryFigures,
    by_month: dict[Any, Sums],
    by_goal: dict[tuple[str, str], Sums],
    ages: dict[tuple[str, str], int],
) -> dict[str, Any]:
    """One country's column of the council's dashboard with its chart series."""
    code = column.country.code
    return {
        "country": code,
        "totals": _sums(column.sums, column.volunteers),
        "value_converted": _conversion(column.conversion),
        **{name: getattr(column, name) for name in COLUMN_COUNTS},
        "hours_by_month": {
            month.strftime("%Y-%m"): sums.hours
            for (month, country), sums in sorted(by_month.items())
            if country == code
        },
        "hours_by_goal": {
            goal: sums.hours
            for (goal, country), sums in sorted(by_goal.items(), key=lambda i: int(i[0][0]))
            if country == code
        },
        "volunteers_by_age": {band: ages.get((band, code), 0) for band in AGE_BANDS},
    }


@router.get("/reports/council", response=CouncilReportOut)
def council_report(request: HttpRequest, params: Query[ReportFilterParams]) -> dict[str, Any]:
    """The council's dashboard: per country, every figure and chart series (secretariat and
    organisers of the councils' member organisations)."""
    access.require_council_reports(user=request.user)
    filters = _filters(params)
    columns = council_dashboard(filters, currency=settings.REPORT_CURRENCY)
    by_month = sums_by(filters, "month")
    by_goal = sdg_breakdown(filters)
    ages = volunteers_by_age(filters)
    return {
        "period_start": filters.start.isoformat(),
        "period_end": filters.end.isoformat(),
        "countries": [_country(column, by_month, by_goal, ages) for column in columns],
    }


@router.get("/reports/sdg", response=SdgReportOut)
def sdg_report(request: HttpRequest, params: Query[ReportFilterParams]) -> dict[str, Any]:
    """Verified hours, people and value per SDG goal and target, per country."""
    access.require_council_reports(user=request.user)
    filters = _filters(params)
    countries = report_countries(filters)
    scoped = filters.without(countries=tuple(c.code for c in countries))

    def cells(level: str) -> list[dict[str, Any]]:
        rows = sdg_breakdown(scoped, level=level)
        return [
            {"code": code, "country": country, "totals": _sums(sums)}
            for (code, country), sums in sorted(rows.items())
        ]

    return {"goals": cells("goal"), "targets": cells("target")}


@router.get("/reports/me", response=MyReportOut)
def my_report(request: HttpRequest, params: Query[PeriodParams]) -> dict[str, Any]:
    """The caller's verified hours in a year, by month and SDG goal."""
    year = _period(params).year
    figures = my_figures(user=_me(request), year=year)
    return {
        "year": year,
        "hours": figures.hours,
        "paid_work_hours": figures.paid_hours,
        "values": figures.values,
        "hours_by_month": {m.strftime("%Y-%m"): h for m, h in sorted(figures.by_month.items())},
        "hours_by_goal": {str(goal): h for goal, h in figures.by_goal.items()},
    }


@router.get("/statistics", response=StatisticsOut, auth=PUBLIC, url_name="statistics")
def statistics(request: HttpRequest, params: Query[PeriodParams]) -> dict[str, Any]:
    """Open statistics: aggregates only, no personal data, cells under 5 people suppressed."""
    year = _period(params).year
    tables = open_statistics(year=year)
    return {
        "year": year,
        "min_cell": MIN_CELL,
        "countries": [
            {
                "country": table.country.code,
                "total": table.total,
                "regions": table.regions,
                "causes": table.causes,
                "goals": table.goals,
                "months": table.months,
            }
            for table in tables
        ],
    }


@router.get("/reports/organisations/{organisation_id}", response=OrganisationReportOut)
def organisation_report(
    request: HttpRequest, organisation_id: Id, params: Query[PeriodParams]
) -> dict[str, Any]:
    """An organisation's dashboard (its admins and coordinators; others 404)."""
    organisation = access.get_organisation_for_reports(user=request.user, pk=organisation_id)
    figures = organisation_figures(organisation_id=organisation.pk, filters=_period(params))
    return {
        "organisation": organisation.pk,
        "totals": _sums(figures.sums, figures.volunteers),
        "shifts": figures.shifts,
        "fill_rate": figures.fill_rate,
        "no_show_rate": figures.no_show_rate,
        "awaiting_entries": figures.awaiting,
        "awaiting_hours": figures.awaiting_hours,
        "projects": [
            {
                "project": row.project.pk,
                "title": str(row.project.title),
                "hours": row.hours,
                "volunteers": row.volunteers,
                "fill_rate": row.fill_rate,
            }
            for row in figures.projects
        ],
    }


@router.get("/reports/networks/{network_id}", response=NetworkReportOut)
def network_report(
    request: HttpRequest, network_id: Id, params: Query[PeriodParams]
) -> dict[str, Any]:
    """A national network's country by region and organisation (its organisers)."""
    network = access.get_network_for_reports(user=request.user, pk=network_id)
    code = str(network.country_id)
    filters = _period(params).without(countries=(code,))
    columns = council_dashboard(filters, currency=settings.REPORT_CURRENCY)
    figures = network_figures(country=code, filters=filters)

    def places(rows: list[Any]) -> list[dict[str, Any]]:
        return [
            {"id": r.key, "name": r.name, "hours": r.hours, "volunteers": r.volunteers}
            for r in rows
        ]

    return {
        "country": code,
        "totals": _sums(columns[0].sums, columns[0].volunteers) if columns else _sums(None, 0),
        "by_region": places(figures["by_region"]),
        "by_organisation": places(figures["by_organisation"]),
        "organisations_awaiting_verification": figures["pending"],
    }


@router.get("/reports/companies/{company_id}", response=CompanyReportOut)
def company_report(
    request: HttpRequest, company_id: Id, params: Query[PeriodParams]
) -> dict[str, Any]:
    """A company's employee programme in a period (its organisers)."""
    company = access.get_company_for_reports(user=request.user, pk=company_id)
    filters = _period(params)
    totals = company_totals(company=company, filters=filters)
    return {
        "company": company.pk,
        "employees_active": totals.people,
        "volunteer_hours": totals.volunteer_hours,
        "time_off_hours": totals.time_off_hours,
        "values": totals.value,
        "projects": [
            {
                "project": row["project_id"],
                "title": row["title"],
                "volunteer_hours": str(row["volunteer_hours"]),
                "time_off_hours": str(row["time_off_hours"]),
                "people": row["people"],
            }
            for row in totals.projects
        ],
        "sdg_goals": [goal.number for goal in totals.sdg_goals],
        "countries": totals.countries,
    }


# What an export answers as the job has it.
EXPORT_FIELDS = ("kind", "format", "status", "rows_done", "rows_total", "percent")


def _export_out(job: ExportJob) -> dict[str, Any]:
    ready = job.status == ExportStatus.DONE
    return {
        "id": job.pk,
        **{name: getattr(job, name) for name in EXPORT_FIELDS},
        "download": reverse("reports:export_file", args=[job.pk]) if ready else None,
    }


@router.post("/reports/exports", response={202: ExportOut})
def export_create(request: HttpRequest, payload: ExportIn) -> Status[dict[str, Any]]:
    """Ask for a table as a file; it is written in the background (poll the export)."""
    access.require_council_reports(user=request.user)
    form = ReportFilterForm(
        _form_data(ReportFilterParams(**payload.dict(exclude={"kind", "format"})))
    )
    valid_data(form)
    job = services.export_request(
        actor=_me(request),
        kind=payload.kind,
        export_format=payload.format,
        filters=form.filters(),
        language=getattr(request.user, "preferred_language", "") or settings.LANGUAGE_CODE,
    )
    return Status(202, _export_out(job))


@router.get("/reports/exports/{export_id}", response=ExportOut)
def export_status(request: HttpRequest, export_id: Id) -> dict[str, Any]:
    """How far an export has got (the person who asked only)."""
    return _export_out(access.get_export_for_requester(user=request.user, pk=export_id))
