"""The input and output schemas of the reports endpoints."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any

from django.utils import timezone
from ninja import Field, Schema
from pydantic import ConfigDict

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
from council.reports.forms import FIRST_YEAR
from council.reports.models import ExportFormat, ExportKind


class SumsOut(Schema):
    hours: Decimal = Field(description="Verified hours of volunteer work")
    paid_work_hours: Decimal = Field(description="Verified hours in paid work time, kept apart")
    entries: int
    values: dict[str, Decimal] = Field(description="Value by ISO 4217 currency (ILO method)")
    unvalued_hours: Decimal = Field(description="Hours with no wage rate to value them")
    volunteers: int | None = None


class ConversionOut(Schema):
    currency: str
    total: Decimal | None = Field(description="None when a currency has no stated rate")
    rates: list[dict[str, str]]


class HoursSeries(Schema):
    """Verified hours by month (YYYY-MM) and by SDG goal: the charts' series. A schema that
    lists its own fields before them takes them as its first base (pydantic puts the fields
    of the later bases first)."""

    hours_by_month: dict[str, Decimal]
    hours_by_goal: dict[str, Decimal]


class _CountryCounts(Schema):
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


class CountryFiguresOut(HoursSeries, _CountryCounts):
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


class SdgCellOut(Schema):
    code: str = Field(description="SDG goal number or target code")
    country: str
    totals: SumsOut


class SdgReportOut(Schema):
    goals: list[SdgCellOut]
    targets: list[SdgCellOut]


class _MyTotals(Schema):
    year: int
    hours: Decimal
    paid_work_hours: Decimal
    values: dict[str, Decimal]


class MyReportOut(HoursSeries, _MyTotals):
    pass


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


class CompanyReportOut(Schema):
    company: int
    employees_active: int
    volunteer_hours: Decimal
    time_off_hours: Decimal = Field(description="Volunteer time off in paid hours, kept apart")
    values: dict[str, Decimal]
    projects: list[dict[str, Any]]
    sdg_goals: list[int]
    countries: list[str]


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
