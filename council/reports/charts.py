"""Charts as SVG rendered on the server with pygal: the same picture in the page, the PDF and
print. Every chart carries a text alternative and the table of its figures; pygal's
interactive script is switched off (it would load from a CDN)."""

from __future__ import annotations

import base64
import re
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import pygal
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from pygal.style import Style

from council.lib.numbers import format_number

SCRIPT = re.compile(r"<script\b.*?</script>", re.S)
# An axis label of several lines: pygal writes it as one <text> with the lines joined by a
# line break, which SVG would show as a space; each line becomes a <tspan> of its own.
LINES = re.compile(r'<text x="([-0-9.]+)" y="([-0-9.]+)"([^>]*)>([^<]*\n[^<]*)</text>')
LABEL_FONT_SIZE = 12
# DejaVu Sans's letters are about 0.62 of the font size wide on average (Cyrillic included);
# counting a little wide keeps a label clear of its neighbours.
LETTER_WIDTH = 0.62 * LABEL_FONT_SIZE
LINE_HEIGHT = 1.2 * LABEL_FONT_SIZE
# The part of the width that the y axis' labels and the margins take, at most.
Y_AXIS_ROOM = 100
# Colours that keep their contrast on white (WCAG AA for large graphics), one per series.
SERIES_COLOURS = ("#1f5fa8", "#c0392b", "#2e7d32", "#8e44ad", "#b9770e", "#00796b")


@dataclass
class Series:
    name: str
    values: list[Decimal | int | None]
    # One colour per value (SDG goals in their own colours); else the series colour.
    colours: list[str] | None = None


@dataclass
class Chart:
    title: str
    labels: list[str]
    series: list[Series]
    unit: str
    # What the labels are ("Month", "Region"): the heading of the table's first column.
    labels_heading: str = ""
    svg: str = ""
    summary: str = ""
    rows: list[list[str]] = field(default_factory=list)

    @property
    def headers(self) -> list[str]:
        return [self.labels_heading, *(series.name for series in self.series)]

    @property
    def data_uri(self) -> str:
        """The drawing as an image address: pages show it in an <img>, so the colours pygal
        writes as style attributes stay inside the picture and the page's Content-Security-
        Policy needs no inline styles."""
        return "data:image/svg+xml;base64," + base64.b64encode(self.svg.encode()).decode()


def _style() -> Style:
    return Style(
        background="white",
        plot_background="white",
        foreground="#222",
        foreground_strong="#111",
        foreground_subtle="#555",
        font_family="DejaVu Sans, Arial, sans-serif",
        label_font_size=LABEL_FONT_SIZE,
        major_label_font_size=LABEL_FONT_SIZE,
        legend_font_size=13,
        title_font_size=15,
        value_font_size=11,
        no_data_font_size=16,
        colors=SERIES_COLOURS,
    )


def _number(value: Any) -> str:
    """A bar's figure: one decimal place for hours and shares, none for counts."""
    if value is None:
        return "—"
    return format_number(value, 1 if isinstance(value, Decimal) else 0)


def _total(values: list[Any]) -> str:
    """The sum of the bars as the pages write their headline figures (two places for hours),
    so the reader finds the same number in both."""
    total = sum(values)
    return format_number(total, 2 if isinstance(total, Decimal) else 0)


class _Bar(pygal.Bar):
    """pygal's bar chart with room under the plot for axis labels of several lines (pygal
    counts one), so that the legend below stays clear of them."""

    extra_label_height = 0.0

    def _compute_margin(self) -> None:
        super()._compute_margin()
        self._x_labels_height += self.extra_label_height
        self.margin_box.bottom += self.extra_label_height


def wrap_labels(labels: Sequence[str], *, width: int) -> list[list[str]] | None:
    """The labels of a vertical bar chart broken into lines at their spaces, each line no
    wider than its bar group's slot; None when a single word is wider than the slot (the
    labels are turned instead)."""
    if not labels:
        return []
    slot = (width - Y_AXIS_ROOM) / len(labels)
    letters = max(int(0.9 * slot / LETTER_WIDTH), 1)
    lines = [
        textwrap.wrap(label, letters, break_long_words=False, break_on_hyphens=False) or [label]
        for label in labels
    ]
    if any(len(line) > letters for label in lines for line in label):
        return None
    return lines


def _tspans(match: re.Match[str]) -> str:
    x, y, attributes, text = match.groups()
    spans = "".join(
        f'<tspan x="{x}" dy="{0 if number == 0 else LINE_HEIGHT:g}">{line}</tspan>'
        for number, line in enumerate(text.split("\n"))
    )
    return f'<text x="{x}" y="{y}"{attributes}>{spans}</text>'


def bar_chart(
    *,
    title: str,
    labels: Sequence[str],
    labels_heading: str,
    series: list[Series],
    unit: str,
    horizontal: bool = False,
    height: int = 320,
    additive: bool = True,
) -> Chart:
    """A bar chart (grouped when there are several series) with its summary and table;
    `labels_heading` names what the labels are, at the head of the table's first column."""
    chart = Chart(
        title=title,
        labels=list(labels),
        series=series,
        unit=unit,
        labels_heading=capfirst(labels_heading),
    )
    width = 760
    # Labels wider than their place on the axis are broken into lines (Kazakh and Russian
    # age bands are long), or turned when one word alone is too wide; never on top of each
    # other.
    lines = None if horizontal else wrap_labels(labels, width=width)
    rotation = 0 if horizontal or lines is not None else 45
    kind = pygal.HorizontalBar if horizontal else _Bar
    drawing = kind(
        style=_style(),
        js=[],
        disable_xml_declaration=True,
        width=width,
        height=height,
        show_legend=len(series) > 1,
        legend_at_bottom=True,
        x_label_rotation=rotation,
        truncate_label=-1,
        print_values=False,
        show_y_guides=True,
        margin=12,
        value_formatter=_number,
        no_data_text=_("No figures for this period."),
    )
    if lines:
        drawing.extra_label_height = LINE_HEIGHT * (max(len(label) for label in lines) - 1)
        drawing.x_labels = ["\n".join(label) for label in lines]
    else:
        drawing.x_labels = list(labels)
    for item in series:
        values: list[Any] = []
        for index, value in enumerate(item.values):
            number = float(value) if value is not None else None
            if item.colours:
                values.append({"value": number, "color": item.colours[index]})
            else:
                values.append(number)
        drawing.add(item.name, values)
    # pygal writes an inline script with its tooltip settings even without its scripts;
    # the picture does not need it, and pages carry no inline script.
    chart.svg = LINES.sub(_tspans, SCRIPT.sub("", drawing.render(is_unicode=True)))
    chart.rows = [
        [label, *(_number(item.values[index]) for item in series)]
        for index, label in enumerate(labels)
    ]
    chart.summary = _summary(chart, additive=additive)
    return chart


def _summary(chart: Chart, *, additive: bool) -> str:
    """The text alternative: per series, the total (where the bars add up) and the largest
    bar."""
    parts = []
    for item in chart.series:
        known = [
            (value, label) for value, label in zip(item.values, chart.labels, strict=True) if value
        ]
        if not known:
            parts.append(_("%(series)s: no figures.") % {"series": item.name})
            continue
        top_value, top_label = max(known, key=lambda pair: pair[0])
        figures = {
            "series": item.name,
            "total": _total([value for value, _label in known]),
            "unit": chart.unit,
            "label": top_label,
            "value": _number(top_value),
        }
        if additive:
            text = _("%(series)s: %(total)s %(unit)s in all, most in %(label)s (%(value)s).")
        else:
            text = _("%(series)s: most in %(label)s (%(value)s %(unit)s).")
        parts.append(text % figures)
    return f"{chart.title}. " + " ".join(parts)
