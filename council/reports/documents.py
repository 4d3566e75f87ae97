"""The council's report and the International Volunteer Year 2026 report as PDF: the key
figures per country, the charts (drawn as PDF vectors in the pages' colours), the SDG table,
and the method with its rates and wage sources."""

from __future__ import annotations

from decimal import Decimal

from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from council.lib.numbers import format_money, format_number, format_rate
from council.lib.pdf import Document
from council.reports.charts import SERIES_COLOURS, Chart
from council.reports.figures import council_charts, sdg_tables
from council.reports.selectors.council import council_dashboard
from council.reports.selectors.filters import Filters
from council.reports.selectors.money import wage_sources
from council.reports.selectors.sums import Sums

COUNCIL = "council"
IYV = "iyv"


def _amount(value: Decimal | float | str) -> str:
    return format_number(value)


def _money(sums: Sums) -> str:
    return "; ".join(format_money(v, c) for c, v in sums.values.items()) or "—"


def _draw(document: Document, chart: Chart) -> None:
    series = [
        (
            item.name,
            [float(value or 0) for value in item.values],
            item.colours or [SERIES_COLOURS[index % len(SERIES_COLOURS)]],
        )
        for index, item in enumerate(chart.series)
    ]
    document.bar_chart(chart.title, chart.labels, series)
    document.paragraph(chart.summary, size=8)


def report_pdf(*, filters: Filters, kind: str, language: str, currency: str) -> bytes:
    """The report in `language`: the council's (any period) or the IYV 2026 one."""
    with translation.override(language):
        columns = council_dashboard(filters, currency=currency)
        codes = tuple(column.country.code for column in columns)
        scoped = filters.without(countries=codes)
        charts = council_charts(scoped, columns)
        sdg = sdg_tables(scoped)
        if kind == IYV:
            title = _("International Volunteer Year 2026: the contribution of volunteers")
        else:
            title = _("Report of the Volunteer Council")
        document = Document(title, lang=language, created=timezone.now())
        document.heading(title)
        period = _("%(start)s to %(end)s") % {
            "start": date_format(filters.start),
            "end": date_format(filters.end),
        }
        document.paragraph(
            _("Period: %(period)s. Countries: %(countries)s.")
            % {"period": period, "countries": ", ".join(str(c.country.name) for c in columns)}
        )
        if kind == IYV:
            document.paragraph(
                _(
                    "The UN General Assembly proclaimed 2026 the International Volunteer Year "
                    "for Sustainable Development (resolution A/RES/78/127, on Kazakhstan's "
                    "initiative) and asked states to measure volunteers' contribution to the "
                    "Sustainable Development Goals. These are the verified figures of the "
                    "council's countries."
                )
            )
        rows = [[_("Figure"), *(str(c.country.name) for c in columns)]]
        rows += [
            [_("Volunteers active"), *(str(c.volunteers) for c in columns)],
            [_("Verified hours of volunteer work"), *(_amount(c.sums.hours) for c in columns)],
            [
                _("Hours in paid work time (kept apart)"),
                *(_amount(c.sums.paid_hours) for c in columns),
            ],
            [_("Value of the hours"), *(_money(c.sums) for c in columns)],
            [
                _("Value at the stated rates"),
                *(
                    format_money(c.conversion.total, c.conversion.currency)
                    if c.conversion and c.conversion.total is not None
                    else "—"
                    for c in columns
                ),
            ],
            [_("Projects with verified hours"), *(str(c.projects) for c in columns)],
            [_("Joint projects"), *(str(c.joint_projects) for c in columns)],
            [_("Forums held"), *(str(c.forums) for c in columns)],
            [
                _("Delegations sent (confirmed members)"),
                *(f"{c.delegations} ({c.delegates})" for c in columns),
            ],
            [_("Volunteers deployed abroad"), *(str(c.deployments) for c in columns)],
            [
                _("Commitments due: done, late"),
                *(
                    f"{c.commitments_due}: {c.commitments_done}, {c.commitments_late}"
                    for c in columns
                ),
            ],
        ]
        document.table(rows, size=9)
        for name in ("hours_by_month", "hours_by_goal", "volunteers_by_age"):
            _draw(document, charts[name])
        if sdg["rows"]:
            document.heading(_("Contribution to the Sustainable Development Goals"), size=13)
            table = [[_("Goal or target"), *(str(c.name) for c in sdg["countries"])]]
            for row in sdg["rows"]:
                table.append(
                    [
                        str(row["goal"]),
                        *(
                            _("%(hours)s h, %(people)s people")
                            % {"hours": _amount(cell.hours), "people": cell.volunteers or 0}
                            if cell
                            else "—"
                            for cell in row["cells"]
                        ),
                    ]
                )
            document.table(table, size=8)
        document.heading(_("How the figures are made"), size=13)
        document.paragraph(
            _(
                "Only hours verified by the organisation count. Hours worked in paid work "
                "time (employer-supported volunteering) are shown apart and are not volunteer "
                "work by the ILO definition (19th ICLS, 2013)."
            ),
            size=9,
        )
        document.paragraph(
            _(
                "Value: the replacement-cost method of the ILO Manual on the Measurement of "
                "Volunteer Work (2011): hours × the hourly wage of the occupation group of "
                "the work (ISCO-08) in the country and year of the work; the group's wage "
                "when there is one, else the broader group's, else the country's average "
                "wage. Values stay in local currencies; they are never added across "
                "currencies except at a stated rate."
            ),
            size=9,
        )
        seen = set()
        for column in columns:
            for rate in column.conversion.rates if column.conversion else []:
                if rate.pk in seen:
                    continue
                seen.add(rate.pk)
                document.paragraph(
                    _("Rate: 1 %(currency)s = %(value)s %(into)s as of %(day)s (%(source)s).")
                    % {
                        "currency": rate.currency,
                        "value": format_rate(rate.rate),
                        "into": rate.to_currency,
                        "day": date_format(rate.as_of),
                        "source": rate.source_text,
                    },
                    size=8,
                )
        sources = wage_sources(filters, list(codes))
        if sources:
            document.paragraph(_("Wage sources:") + " " + "; ".join(sources), size=8)
        document.paragraph(
            _(
                "People are counted once per period, however many entries they have; a "
                "person active in two countries counts in each."
            ),
            size=8,
        )
        return document.output()
