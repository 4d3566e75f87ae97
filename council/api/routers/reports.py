"""Every figure of the dashboards, the SDG report and the open statistics as JSON, with the
filters and rules of the pages (council/reports/). Filters: `year`, `month`, `country`,
`region`, `organisation`, `cause` (slug), `goal`; a bad one is a 400 naming it."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status
from pydantic import ConfigDict

from council.api.auth import PUBLIC
from council.api.schemas import (
    JSON_NUMBER,
    CountryCode,
    Id,
    SdgGoalNumber,
    Slug,
    StrictId,
    StrictMonth,
    StrictSdgGoal,
)
from council.corporate.selectors import corporate_totals
from council.lib.forms import valid_data
from council.reports import access, selectors, services
from council.reports.forms import FIRST_YEAR, PeriodForm, ReportFilterForm
from council.reports.models import ExportFormat, ExportJob, ExportKind, ExportStatus
from council.reports.selectors import AGE_BANDS, Filters, Sums

router = Router(tags=["reports"])


class SumsOut(Schema):
    hours: Decimal = Field(description="Verified hours of volunteer work")
    paid_work_hours: Decimal = Field(description="Verified hours in paid work time, kept apart")
    entries: int
    values: dict[str, Decimal] = Field(description="Value by ISO 4217 currency (ILO method)")
    unvalued_hours: Decimal = Field(description="Hours with no wage rate to value them")
    volunteers: int | None = None


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


class ConversionOut(Schema):
    currency: str
    total: Decimal | None = Field(description="None when a currency has no stated rate")
    rates: list[dict[str, str]]


class CountryFiguresOut(Schema):
    country: str
    totals: SumsOut
    value_converted: ConversionOut
    projects: int = Field(description="Projects with verified hours in the period")
    joint_projects: int
    forums: int = Field(description="Forums held in the period")
    delegations: int
    delegates: int = Field(description="Confirmed members of those delegations")
    deployments: int = Field(description="People deployed on assignments starting in the period")
    commitments_due: int
    commitments_done: int
    commitments_late: int
    hours_by_month: dict[str, Decimal]
    hours_by_goal: dict[str, Decimal]
    volunteers_by_age: dict[str, int]


class CouncilReportOut(Schema):
    period_start: str
    period_end: str
    countries: list[CountryFiguresOut]


def _up_to_this_year(schema: dict[str, Any]) -> None:
    """The document says which years are there when it is asked for, not at start-up."""
    schema["maximum"] = timezone.localdate().year


class PeriodParams(Schema):
    """A year, or a month of it (the current year when left out)."""

    year: int | None = Field(
        None,
        ge=FIRST_YEAR,
        json_schema_extra=_up_to_this_year,
        description=f"From {FIRST_YEAR} to this year",
    )
    month: int | None = Field(None, ge=1, le=12)


class ReportFilterParams(PeriodParams):
    """The filters of the report pages; a region, organisation or country outside the
    councils' member organisations is refused naming the filter."""

    country: CountryCode | None = Field(None, description="ISO 3166-1 alpha-2 code")
    region: Id | None = Field(None, description="Region id")
    organisation: Id | None = Field(None, description="Id of a council member organisation")
    cause: Slug | None = Field(None, description="Cause slug")
    goal: SdgGoalNumber | None = None


def _form_data(params: Schema) -> dict[str, Any]:
    data = {name: str(value) for name, value in params.dict(exclude_none=True).items()}
    if "country" in data:
        data["country"] = data["country"].upper()
    return data


def _filters(params: ReportFilterParams) -> Filters:
    form = ReportFilterForm(_form_data(params))
    valid_data(form)
    return form.filters()


def _period(params: PeriodParams) -> Filters:
    """A year, or a month of it: the filters of the pages without the other choices."""
    form = PeriodForm(_form_data(params))
    valid_data(form)
    return form.period()


@router.get("/reports/council", response=CouncilReportOut)
def council_report(request: HttpRequest, params: Query[ReportFilterParams]) -> dict[str, Any]:
    """The council's dashboard: per country, every figure and chart series (secretariat and
    organisers of the councils' member organisations)."""
    access.require_council_reports(user=request.user)
    filters = _filters(params)
    columns = selectors.council_dashboard(filters, currency=settings.REPORT_CURRENCY)
    by_month = selectors.sums_by(filters, "month")
    by_goal = selectors.sdg_breakdown(filters)
    ages = selectors.volunteers_by_age(filters)
    countries = []
    for column in columns:
        code = column.country.code
        conversion = column.conversion
        countries.append(
            {
                "country": code,
                "totals": _sums(column.sums, column.volunteers),
                "value_converted": {
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
                },
                "projects": column.projects,
                "joint_projects": column.joint_projects,
                "forums": column.forums,
                "delegations": column.delegations,
                "delegates": column.delegates,
                "deployments": column.deployments,
                "commitments_due": column.commitments_due,
                "commitments_done": column.commitments_done,
                "commitments_late": column.commitments_late,
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
        )
    return {
        "period_start": filters.start.isoformat(),
        "period_end": filters.end.isoformat(),
        "countries": countries,
    }


class SdgCellOut(Schema):
    code: str = Field(description="SDG goal number or target code")
    country: str
    totals: SumsOut


class SdgReportOut(Schema):
    goals: list[SdgCellOut]
    targets: list[SdgCellOut]


@router.get("/reports/sdg", response=SdgReportOut)
def sdg_report(request: HttpRequest, params: Query[ReportFilterParams]) -> dict[str, Any]:
    """Verified hours, people and value per SDG goal and target, per country."""
    access.require_council_reports(user=request.user)
    filters = _filters(params)
    countries = selectors.report_countries(filters)
    scoped = filters.without(countries=tuple(c.code for c in countries))

    def cells(level: str) -> list[dict[str, Any]]:
        rows = selectors.sdg_breakdown(scoped, level=level)
        return [
            {"code": code, "country": country, "totals": _sums(sums)}
            for (code, country), sums in sorted(rows.items())
        ]

    return {"goals": cells("goal"), "targets": cells("target")}


class MyReportOut(Schema):
    year: int
    hours: Decimal
    paid_work_hours: Decimal
    values: dict[str, Decimal]
    hours_by_month: dict[str, Decimal]
    hours_by_goal: dict[str, Decimal]


@router.get("/reports/me", response=MyReportOut)
def my_report(request: HttpRequest, params: Query[PeriodParams]) -> dict[str, Any]:
    """The caller's verified hours in a year, by month and SDG goal."""
    year = _period(params).year
    figures = selectors.my_figures(user=request.user, year=year)
    return {
        "year": year,
        "hours": figures.hours,
        "paid_work_hours": figures.paid_hours,
        "values": figures.values,
        "hours_by_month": {m.strftime("%Y-%m"): h for m, h in sorted(figures.by_month.items())},
        "hours_by_goal": {str(goal): h for goal, h in figures.by_goal.items()},
    }


class CellOut(Schema):
    key: str
    label: str
    volunteers: int | None = Field(description="None when suppressed (fewer than 5 people)")
    hours: Decimal | None
    suppressed: bool


class CountryStatisticsOut(Schema):
    country: str
    total: CellOut
    regions: list[CellOut]
    causes: list[CellOut]
    goals: list[CellOut]
    months: list[CellOut]


class StatisticsOut(Schema):
    year: int
    min_cell: int = Field(description="Cells with fewer people than this are suppressed")
    countries: list[CountryStatisticsOut]


@router.get("/statistics", response=StatisticsOut, auth=PUBLIC, url_name="statistics")
def statistics(request: HttpRequest, params: Query[PeriodParams]) -> dict[str, Any]:
    """Open statistics: aggregates only, no personal data, cells under 5 people suppressed."""
    year = _period(params).year
    tables = selectors.open_statistics(year=year)
    return {
        "year": year,
        "min_cell": selectors.MIN_CELL,
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


class ProjectRowOut(Schema):
    project: int
    title: str
    hours: Decimal
    volunteers: int
    fill_rate: int | None = Field(description="Confirmed places over capacity, per cent")


class OrganisationReportOut(Schema):
    organisation: int
    totals: SumsOut
    shifts: int
    fill_rate: int | None
    no_show_rate: int | None = Field(
        description="Confirmed places on ended shifts with neither check-in nor hours, per cent"
    )
    awaiting_entries: int
    awaiting_hours: Decimal
    projects: list[ProjectRowOut]


@router.get("/reports/organisations/{organisation_id}", response=OrganisationReportOut)
def organisation_report(
    request: HttpRequest, organisation_id: Id, params: Query[PeriodParams]
) -> dict[str, Any]:
    """An organisation's dashboard (its admins and coordinators; others 404)."""
    organisation = access.get_organisation_for_reports(user=request.user, pk=organisation_id)
    figures = selectors.organisation_figures(
        organisation_id=organisation.pk, filters=_period(params)
    )
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


class PlaceOut(Schema):
    id: int
    name: str
    hours: Decimal
    volunteers: int


class NetworkReportOut(Schema):
    country: str
    totals: SumsOut
    by_region: list[PlaceOut]
    by_organisation: list[PlaceOut]
    organisations_awaiting_verification: int


@router.get("/reports/networks/{network_id}", response=NetworkReportOut)
def network_report(
    request: HttpRequest, network_id: Id, params: Query[PeriodParams]
) -> dict[str, Any]:
    """A national network's country by region and organisation (its organisers)."""
    network = access.get_network_for_reports(user=request.user, pk=network_id)
    code = str(network.country_id)
    filters = _period(params).without(countries=(code,))
    columns = selectors.council_dashboard(filters, currency=settings.REPORT_CURRENCY)
    figures = selectors.network_figures(country=code, filters=filters)

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


class CompanyReportOut(Schema):
    company: int
    employees_active: int
    volunteer_hours: Decimal
    time_off_hours: Decimal = Field(description="Volunteer time off in paid hours, kept apart")
    values: dict[str, Decimal]
    projects: list[dict[str, Any]]
    sdg_goals: list[int]
    countries: list[str]


@router.get("/reports/companies/{company_id}", response=CompanyReportOut)
def company_report(
    request: HttpRequest, company_id: Id, params: Query[PeriodParams]
) -> dict[str, Any]:
    """A company's employee programme in a period (its organisers)."""
    company = access.get_company_for_reports(user=request.user, pk=company_id)
    filters = _period(params)
    totals = corporate_totals(company=company, since=filters.start, until=filters.end)
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


class ExportIn(Schema):
    model_config = ConfigDict(extra="forbid")

    kind: ExportKind = Field(description="hours (every entry), countries, months or sdg")
    format: ExportFormat = Field(description="csv or xlsx")
    year: Annotated[int, Field(ge=FIRST_YEAR), JSON_NUMBER] = Field(
        json_schema_extra=_up_to_this_year,
        description=f"From {FIRST_YEAR} to this year",
    )
    month: StrictMonth | None = None
    country: CountryCode | None = None
    region: StrictId | None = None
    organisation: StrictId | None = None
    cause: Slug | None = None
    goal: StrictSdgGoal | None = None


class ExportOut(Schema):
    id: int
    kind: str
    format: str
    status: str
    rows_done: int
    rows_total: int | None
    percent: int
    download: str | None = Field(description="The file's address once it is ready")


def _export_out(job: ExportJob) -> dict[str, Any]:
    ready = job.status == ExportStatus.DONE
    return {
        "id": job.pk,
        "kind": job.kind,
        "format": job.format,
        "status": job.status,
        "rows_done": job.rows_done,
        "rows_total": job.rows_total,
        "percent": job.percent,
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
        actor=request.user,
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
