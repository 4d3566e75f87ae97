"""Dashboards, the SDG report and the open statistics."""

from __future__ import annotations

from decimal import Decimal
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
from council.corporate.selectors import corporate_totals
from council.hours.selectors import certificates_for_volunteer
from council.lib import tables
from council.lib.forms import flash_errors
from council.reference.models import SdgGoal
from council.reports import access, documents, exports, selectors, services
from council.reports.charts import Series, bar_chart
from council.reports.figures import council_charts, month_labels, sdg_tables
from council.reports.forms import PeriodForm, ReportFilterForm
from council.reports.models import ExportFormat, ExportKind, ExportStatus
from council.reports.selectors import Filters

# Bars of the network's chart by region; more regions than that share the last bar.
REGION_BARS = 15


def _filters(request: HttpRequest) -> tuple[ReportFilterForm, Filters | None]:
    form = ReportFilterForm(request.GET)
    return form, form.filters() if form.is_valid() else None


@login_required
def council_dashboard(request: AuthenticatedRequest) -> HttpResponse:
    access.require_council_reports(user=request.user)
    form, filters = _filters(request)
    context: dict[str, Any] = {"form": form, "currency": settings.REPORT_CURRENCY}
    if filters is None:
        return render(request, "reports/council.html", context, status=400)
    columns = selectors.council_dashboard(filters, currency=settings.REPORT_CURRENCY)
    context.update(
        filters=filters,
        columns=columns,
        charts=council_charts(filters, columns),
        wage_sources=selectors.wage_sources(filters, [c.country.code for c in columns]),
        tables=[(kind, label) for kind, label in ExportKind.choices if kind != ExportKind.HOURS],
    )
    return render(request, "reports/council.html", context)


@login_required
def sdg_report(request: AuthenticatedRequest) -> HttpResponse:
    access.require_council_reports(user=request.user)
    form, filters = _filters(request)
    context: dict[str, Any] = {"form": form}
    if filters is None:
        return render(request, "reports/sdg.html", context, status=400)
    tables = sdg_tables(filters)
    context.update(
        filters=filters,
        wage_sources=selectors.wage_sources(filters, [c.code for c in tables["countries"]]),
        **tables,
    )
    return render(request, "reports/sdg.html", context)


def statistics(request: HttpRequest) -> HttpResponse:
    """Open statistics: public, aggregates only, small cells suppressed."""
    form = PeriodForm(request.GET)
    if not form.is_valid():
        return render(request, "reports/statistics.html", {"form": form}, status=400)
    year = form.cleaned_data["year"]
    tables = selectors.open_statistics(year=year)
    return render(
        request,
        "reports/statistics.html",
        {"form": form, "year": year, "tables": tables, "min_cell": selectors.MIN_CELL},
    )


@login_required
def my_report(request: AuthenticatedRequest) -> HttpResponse:
    """A volunteer's own figures: verified hours by month and SDG goal, and certificates."""
    form = PeriodForm(request.GET)
    if not form.is_valid():
        return render(request, "reports/me.html", {"form": form}, status=400)
    year = form.cleaned_data["year"]
    figures = selectors.my_figures(user=request.user, year=year)
    filters = Filters(year=year)
    months = month_labels(filters)
    goals = list(SdgGoal.objects.filter(number__in=figures.by_goal).order_by("number"))
    charts = {
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
    return render(
        request,
        "reports/me.html",
        {
            "form": form,
            "year": year,
            "figures": figures,
            "charts": charts,
            "certificates": certificates_for_volunteer(user=request.user)[:20],
            "wage_sources": selectors.wage_sources(filters, list(figures.countries)),
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
    response = HttpResponse(content, content_type="application/pdf")
    name = "iyv-2026-report" if kind == documents.IYV else f"council-report-{filters.year}"
    response["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
    return response


@login_required
def council_report_pdf(request: AuthenticatedRequest) -> HttpResponse:
    return _report_pdf(request, documents.COUNCIL)


@login_required
def iyv_report_pdf(request: AuthenticatedRequest) -> HttpResponse:
    return _report_pdf(request, documents.IYV)


# --- An organisation's and a national network's dashboards --------------------------------


@login_required
def organisation_report(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    organisation = access.get_organisation_for_reports(user=request.user, pk=pk)
    form, filters = _period(request)
    context: dict[str, Any] = {"form": form, "organisation": organisation}
    if filters is None:
        return render(request, "reports/organisation.html", context, status=400)
    figures = selectors.organisation_figures(organisation_id=organisation.pk, filters=filters)
    months = month_labels(filters)
    by_month = selectors.sums_by(filters.without(organisation=organisation.pk), "month")
    hours = [
        sum((s.hours for (m, _c), s in by_month.items() if m == month), Decimal(0))
        for month, _label in months
    ]
    fill = [
        (Decimal(100 * c) / cap).quantize(Decimal("0.1")) if cap else None
        for c, cap in (figures.fill_by_month.get(month, (0, 0)) for month, _l in months)
    ]
    context.update(
        filters=filters,
        figures=figures,
        wage_sources=selectors.wage_sources(filters, [str(organisation.country_id)]),
        charts={
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
        },
    )
    return render(request, "reports/organisation.html", context)


@login_required
def network_report(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    network = access.get_network_for_reports(user=request.user, pk=pk)
    code = str(network.country_id)
    form, filters = _period(request, countries=(code,))
    context: dict[str, Any] = {"form": form, "network": network}
    if filters is None:
        return render(request, "reports/network.html", context, status=400)
    columns = selectors.council_dashboard(filters, currency=settings.REPORT_CURRENCY)
    figures = selectors.network_figures(country=code, filters=filters)
    # The chart adds up to the country's headline figure: the largest regions, the rest as
    # one bar, and the hours of organisations with no region as another.
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
    context.update(
        filters=filters,
        column=columns[0] if columns else None,
        columns=columns,
        figures=figures,
        wage_sources=selectors.wage_sources(filters, [code]),
        charts={
            "regions": bar_chart(
                title=_("Verified hours by region"),
                labels=labels,
                labels_heading=_("Region"),
                series=[Series(_("Hours"), hours)],
                unit=_("h"),
                horizontal=True,
                height=max(160, 28 * len(labels) + 60),
            ),
        },
    )
    return render(request, "reports/network.html", context)


@login_required
def company_report(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """A company's employee programme in a period: employees active, their verified hours on
    the company's projects (volunteer time off in paid hours apart), projects, SDGs, value."""
    company = access.get_company_for_reports(user=request.user, pk=pk)
    form, filters = _period(request)
    context: dict[str, Any] = {"form": form, "company": company}
    if filters is None:
        return render(request, "reports/company.html", context, status=400)
    totals = corporate_totals(company=company, since=filters.start, until=filters.end)
    projects = totals.projects[:15]
    context.update(
        filters=filters,
        totals=totals,
        wage_sources=selectors.wage_sources(filters, totals.countries),
        chart=bar_chart(
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
        ),
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


@login_required
def organisation_table_download(
    request: AuthenticatedRequest, pk: int, export_format: str
) -> HttpResponseBase:
    """The organisation dashboard's project table as CSV or XLSX."""
    organisation = access.get_organisation_for_reports(user=request.user, pk=pk)
    form, filters = _period(request)
    if filters is None:
        context = {"form": form, "organisation": organisation}
        return render(request, "reports/organisation.html", context, status=400)
    figures = selectors.organisation_figures(organisation_id=organisation.pk, filters=filters)
    headers, rows = exports.organisation_projects_table(figures)
    name = f"organisation-{organisation.pk}-projects-{filters.year}.{export_format}"
    return _download(headers, rows, name, export_format)


NETWORK_TABLES = ("regions", "organisations")


@login_required
def network_table_download(
    request: AuthenticatedRequest, pk: int, table: str, export_format: str
) -> HttpResponseBase:
    """A national network's regions, or all its organisations with hours, as CSV or XLSX."""
    network = access.get_network_for_reports(user=request.user, pk=pk)
    if table not in NETWORK_TABLES:
        raise Http404
    form, filters = _period(request, countries=(str(network.country_id),))
    if filters is None:
        return render(
            request, "reports/network.html", {"form": form, "network": network}, status=400
        )
    figures = selectors.network_figures(country=str(network.country_id), filters=filters, top=None)
    if table == "regions":
        headers, rows = exports.places_table(_("Region"), figures["by_region"])
    else:
        headers, rows = exports.places_table(_("Organisation"), figures["by_organisation"])
    name = f"{network.country_id}-{table}-{filters.year}.{export_format}"
    return _download(headers, rows, name, export_format)


@login_required
def company_table_download(
    request: AuthenticatedRequest, pk: int, export_format: str
) -> HttpResponseBase:
    """A company's employee hours per project as CSV or XLSX."""
    company = access.get_company_for_reports(user=request.user, pk=pk)
    form, filters = _period(request)
    if filters is None:
        return render(
            request, "reports/company.html", {"form": form, "company": company}, status=400
        )
    totals = corporate_totals(company=company, since=filters.start, until=filters.end)
    headers, rows = exports.company_projects_table(totals.projects)
    name = f"company-{company.pk}-projects-{filters.year}.{export_format}"
    return _download(headers, rows, name, export_format)


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
