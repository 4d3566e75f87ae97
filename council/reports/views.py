"""Dashboards, the SDG report and the open statistics."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from council.accounts.http import AuthenticatedRequest
from council.hours.selectors import certificates_for_volunteer
from council.lib import tables
from council.lib.downloads import pdf_download
from council.lib.forms import flash_errors
from council.lib.replica import replica_reads
from council.orgs.models import Organisation
from council.reports import access, documents, exports, services
from council.reports.figures import (
    company_chart,
    council_charts,
    my_charts,
    network_charts,
    organisation_charts,
    sdg_tables,
)
from council.reports.forms import PeriodForm, ReportFilterForm
from council.reports.models import ExportFormat, ExportKind, ExportStatus
from council.reports.selectors.cooperation import company_totals
from council.reports.selectors.council import council_dashboard as council_figures
from council.reports.selectors.filters import Filters
from council.reports.selectors.money import wage_sources
from council.reports.selectors.network import network_figures
from council.reports.selectors.organisation import organisation_figures
from council.reports.selectors.statistics import open_statistics
from council.reports.selectors.suppression import MIN_CELL
from council.reports.selectors.volunteer import my_figures


def _filters(request: HttpRequest) -> tuple[ReportFilterForm, Filters | None]:
    form = ReportFilterForm(request.GET)
    return form, form.filters() if form.is_valid() else None


@login_required
@replica_reads
def council_dashboard(request: AuthenticatedRequest) -> HttpResponse:
    access.require_council_reports(user=request.user)
    form, filters = _filters(request)
    context: dict[str, Any] = {"form": form, "currency": settings.REPORT_CURRENCY}
    if filters is None:
        return render(request, "reports/council.html", context, status=400)
    columns = council_figures(filters, currency=settings.REPORT_CURRENCY)
    context.update(
        filters=filters,
        columns=columns,
        charts=council_charts(filters, columns),
        wage_sources=wage_sources(filters, [c.country.code for c in columns]),
        tables=[(kind, label) for kind, label in ExportKind.choices if kind != ExportKind.HOURS],
    )
    return render(request, "reports/council.html", context)


@login_required
@replica_reads
def sdg_report(request: AuthenticatedRequest) -> HttpResponse:
    access.require_council_reports(user=request.user)
    form, filters = _filters(request)
    context: dict[str, Any] = {"form": form}
    if filters is None:
        return render(request, "reports/sdg.html", context, status=400)
    tables = sdg_tables(filters)
    context.update(
        filters=filters,
        wage_sources=wage_sources(filters, [c.code for c in tables["countries"]]),
        **tables,
    )
    return render(request, "reports/sdg.html", context)


@replica_reads
def statistics(request: HttpRequest) -> HttpResponse:
    """Open statistics: public, aggregates only, small cells suppressed."""
    form = PeriodForm(request.GET)
    if not form.is_valid():
        return render(request, "reports/statistics.html", {"form": form}, status=400)
    year = form.cleaned_data["year"]
    tables = open_statistics(year=year)
    return render(
        request,
        "reports/statistics.html",
        {"form": form, "year": year, "tables": tables, "min_cell": MIN_CELL},
    )


@login_required
@replica_reads
def my_report(request: AuthenticatedRequest) -> HttpResponse:
    """A volunteer's own figures: verified hours by month and SDG goal, and certificates."""
    form = PeriodForm(request.GET)
    if not form.is_valid():
        return render(request, "reports/me.html", {"form": form}, status=400)
    filters = Filters(year=form.cleaned_data["year"])
    figures = my_figures(user=request.user, year=filters.year)
    return render(
        request,
        "reports/me.html",
        {
            "form": form,
            "year": filters.year,
            "figures": figures,
            "charts": my_charts(filters, figures),
            "certificates": certificates_for_volunteer(user=request.user)[:20],
            "wage_sources": wage_sources(filters, list(figures.countries)),
            "sees_council": access.sees_council_reports(user=request.user),
            "organised": access.organised(user=request.user),
        },
    )


def _report_pdf(request: AuthenticatedRequest, kind: str) -> HttpResponse:
    access.require_council_reports(user=request.user)
    form, filters = _filters(request)
    if filters is None:
        return render(request, "reports/council.html", {"form": form}, status=400)
    content = documents.report_pdf(
        filters=filters,
        kind=kind,
        language=translation.get_language(),  # the language the page is read in
        currency=settings.REPORT_CURRENCY,
    )
    name = "iyv-2026-report" if kind == documents.IYV else f"council-report-{filters.year}"
    return pdf_download(content, f"{name}.pdf")


@login_required
@replica_reads
def council_report_pdf(request: AuthenticatedRequest) -> HttpResponse:
    return _report_pdf(request, documents.COUNCIL)


@login_required
@replica_reads
def iyv_report_pdf(request: AuthenticatedRequest) -> HttpResponse:
    return _report_pdf(request, documents.IYV)


# --- An organisation's and a national network's dashboards --------------------------------


@login_required
@replica_reads
def organisation_report(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    organisation = access.get_organisation_for_reports(user=request.user, pk=pk)
    form, filters = _period(request)
    context: dict[str, Any] = {"form": form, "organisation": organisation}
    if filters is None:
        return render(request, "reports/organisation.html", context, status=400)
    figures = organisation_figures(organisation_id=organisation.pk, filters=filters)
    context.update(
        filters=filters,
        figures=figures,
        charts=organisation_charts(filters, organisation_id=organisation.pk, figures=figures),
        wage_sources=wage_sources(filters, [str(organisation.country_id)]),
    )
    return render(request, "reports/organisation.html", context)


@login_required
@replica_reads
def network_report(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    network = access.get_network_for_reports(user=request.user, pk=pk)
    code = str(network.country_id)
    form, filters = _period(request, countries=(code,))
    context: dict[str, Any] = {"form": form, "network": network}
    if filters is None:
        return render(request, "reports/network.html", context, status=400)
    columns = council_figures(filters, currency=settings.REPORT_CURRENCY)
    figures = network_figures(country=code, filters=filters)
    context.update(
        filters=filters,
        column=columns[0] if columns else None,
        columns=columns,
        figures=figures,
        wage_sources=wage_sources(filters, [code]),
        charts=network_charts(figures),
    )
    return render(request, "reports/network.html", context)


@login_required
@replica_reads
def company_report(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """A company's employee programme in a period: employees active, their verified hours on
    the company's projects (volunteer time off in paid hours apart), projects, SDGs, value."""
    company = access.get_company_for_reports(user=request.user, pk=pk)
    form, filters = _period(request)
    context: dict[str, Any] = {"form": form, "company": company}
    if filters is None:
        return render(request, "reports/company.html", context, status=400)
    totals = company_totals(company=company, filters=filters)
    context.update(
        filters=filters,
        totals=totals,
        wage_sources=wage_sources(filters, totals.countries),
        chart=company_chart(totals),
    )
    return render(request, "reports/company.html", context)


# --- Exports --------------------------------------------------------------------------------


@login_required
def table_download(
    request: AuthenticatedRequest, kind: str, export_format: str
) -> HttpResponseBase:
    """A small table of the dashboard at once: CSV streamed, XLSX from a write-only workbook.
    The table of all entries is too big for a request; it is an export (below)."""
    access.require_council_reports(user=request.user)
    if kind not in (ExportKind.COUNTRIES, ExportKind.MONTHS, ExportKind.SDG):
        raise Http404
    form, filters = _filters(request)
    if filters is None:
        return render(request, "reports/council.html", {"form": form}, status=400)
    headers, rows = exports.table(kind, filters)
    return _download(headers, rows, f"{kind}-{filters.year}.{export_format}", export_format)


Table = tuple[list[str], Iterator[list[Any]]]


def _period_table(
    request: HttpRequest,
    page: tuple[str, dict[str, Any]],
    table: Callable[[Filters], Table],
    name: str,
    export_format: str,
    countries: tuple[str, ...] = (),
) -> HttpResponseBase:
    """A dashboard's table for the period asked, as CSV or XLSX (`name-year.format`); the
    dashboard's `page` (template and context) with the period form's errors when it does not
    read."""
    form, filters = _period(request, countries=countries)
    if filters is None:
        template, context = page
        return render(request, template, {"form": form, **context}, status=400)
    headers, rows = table(filters)
    return _download(headers, rows, f"{name}-{filters.year}.{export_format}", export_format)


def _projects_table(
    fetch: Callable[..., Any], kind: str, table: Callable[[Any, Filters], Table]
) -> Callable[..., HttpResponseBase]:
    """The view of a dashboard's project table as CSV or XLSX: an organisation's or a
    company's (`kind`, which names the dashboard's template and the file)."""

    @login_required
    def view(request: AuthenticatedRequest, pk: int, export_format: str) -> HttpResponseBase:
        found = fetch(user=request.user, pk=pk)
        page = (f"reports/{kind}.html", {kind: found})
        name = f"{kind}-{found.pk}-projects"
        return _period_table(request, page, partial(table, found), name, export_format)

    return view


def _organisation_projects(organisation: Organisation, filters: Filters) -> Table:
    figures = organisation_figures(organisation_id=organisation.pk, filters=filters)
    return exports.organisation_projects_table(figures)


def _company_projects(company: Organisation, filters: Filters) -> Table:
    return exports.company_projects_table(company_totals(company=company, filters=filters).projects)


organisation_table_download = _projects_table(
    access.get_organisation_for_reports, "organisation", _organisation_projects
)
company_table_download = _projects_table(
    access.get_company_for_reports, "company", _company_projects
)


NETWORK_TABLES = ("regions", "organisations")


@login_required
def network_table_download(
    request: AuthenticatedRequest, pk: int, table: str, export_format: str
) -> HttpResponseBase:
    """A national network's regions, or all its organisations with hours, as CSV or XLSX."""
    network = access.get_network_for_reports(user=request.user, pk=pk)
    if table not in NETWORK_TABLES:
        raise Http404
    code = str(network.country_id)

    def places(filters: Filters) -> Table:
        figures = network_figures(country=code, filters=filters, top=None)
        if table == "regions":
            return exports.places_table(_("Region"), figures["by_region"])
        return exports.places_table(_("Organisation"), figures["by_organisation"])

    page = ("reports/network.html", {"network": network})
    return _period_table(request, page, places, f"{code}-{table}", export_format, (code,))


def _period(
    request: HttpRequest, countries: tuple[str, ...] = ()
) -> tuple[PeriodForm, Filters | None]:
    """The pages' period form and, when it is valid, its filters (like `_filters`)."""
    form = PeriodForm(request.GET)
    return form, form.period(countries) if form.is_valid() else None


def statistics_download(request: HttpRequest, export_format: str) -> HttpResponseBase:
    """The open statistics as CSV or XLSX (public, like the page)."""
    form = PeriodForm(request.GET)
    if not form.is_valid():
        return render(request, "reports/statistics.html", {"form": form}, status=400)
    year = form.cleaned_data["year"]
    headers, rows = exports.statistics_table(year)
    return _download(headers, rows, f"statistics-{year}.{export_format}", export_format)


def _download(headers: list[str], rows: Any, name: str, export_format: str) -> HttpResponseBase:
    if export_format not in ExportFormat.values:
        raise Http404
    return tables.table_response(
        headers, rows, filename=name, export_format=export_format, title=_("Report")
    )


@login_required
@require_POST
def export_create(request: AuthenticatedRequest) -> HttpResponse:
    access.require_council_reports(user=request.user)
    form = ReportFilterForm(request.POST)
    if not form.is_valid():
        flash_errors(request, ValidationError(form.errors))
        return redirect("reports:council")
    try:
        job = services.export_request(
            actor=request.user,
            kind=request.POST.get("kind", ""),
            export_format=request.POST.get("format", ""),
            filters=form.filters(),
            language=translation.get_language(),  # the language the page is read in
        )
    except ValidationError as error:
        flash_errors(request, error)
        return redirect("reports:council")
    return redirect("reports:export", pk=job.pk)


@login_required
def export_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    job = access.get_export_for_requester(user=request.user, pk=pk)
    fragment = request.headers.get("HX-Request") == "true"
    template = "reports/export_status.html" if fragment else "reports/export.html"
    return render(request, template, {"job": job})


@login_required
def export_download(request: AuthenticatedRequest, pk: int) -> HttpResponseBase:
    job = access.get_export_for_requester(user=request.user, pk=pk)
    if job.status != ExportStatus.DONE or not job.file:
        raise Http404
    content_type = tables.XLSX_TYPE if job.format == ExportFormat.XLSX else tables.CSV_TYPE
    return FileResponse(
        job.file.open("rb"),
        as_attachment=True,
        filename=job.file.name.rsplit("/", 1)[-1],
        content_type=content_type,
    )
