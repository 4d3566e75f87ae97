"""A thin layer over fpdf2 for the documents we print: an A4 page in millimetres with the
DejaVu fonts (Cyrillic and the Kazakh letters) and the few building blocks documents use."""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import MethodReturnValue, XPos, YPos

FONTS_DIR = Path(__file__).resolve().parent / "fonts"
FONT_FAMILY = "DejaVu"

# A point is 1/72 inch; a line of text is about 1.4 times its font size high.
_MM_PER_PT = 25.4 / 72
_LINE_SPACING = 1.4


def _line_height(size: float) -> float:
    return size * _MM_PER_PT * _LINE_SPACING


def _rgb(colour: str) -> tuple[int, int, int]:
    colour = colour.lstrip("#")
    return int(colour[0:2], 16), int(colour[2:4], 16), int(colour[4:6], 16)


def _short(value: float) -> str:
    """An axis value: 1.2k, 35, 0.5."""
    if value >= 1_000_000:
        return f"{value / 1_000_000:.1f}M"
    if value >= 1000:
        return f"{value / 1000:.1f}k"
    return f"{value:.0f}" if value >= 10 or value == 0 else f"{value:.1f}"


class Document:
    """An A4 PDF opened on its first page; `pdf` is the underlying `fpdf.FPDF` for anything
    the helpers do not cover."""

    def __init__(
        self,
        title: str,
        *,
        author: str = "",
        lang: str = "",
        created: datetime | None = None,
        margin: float = 20,
        font_size: float = 11,
    ) -> None:
        pdf = FPDF(orientation="portrait", unit="mm", format="A4")
        pdf.add_font(FONT_FAMILY, "", FONTS_DIR / "DejaVuSans.ttf")
        pdf.add_font(FONT_FAMILY, "B", FONTS_DIR / "DejaVuSans-Bold.ttf")
        pdf.set_title(title)
        if author:
            pdf.set_author(author)
        if lang:
            pdf.set_lang(lang)
        if created is not None:
            # A fixed date makes the output byte-for-byte reproducible.
            pdf.set_creation_date(created)
        pdf.set_margins(margin, margin, margin)
        pdf.set_auto_page_break(auto=True, margin=margin)
        pdf.add_page()
        pdf.set_font(FONT_FAMILY, "", font_size)
        self.pdf = pdf
        self.font_size = font_size

    def heading(self, text: str, size: float = 18) -> None:
        """A bold heading across the full width, wrapped if it is long."""
        self.pdf.set_font(FONT_FAMILY, "B", size)
        self.pdf.multi_cell(
            0, _line_height(size), text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT
        )
        self.pdf.ln(_line_height(size) / 3)
        self.pdf.set_font(FONT_FAMILY, "", self.font_size)

    def paragraph(self, text: str, size: float | None = None, *, bold: bool = False) -> None:
        """A block of text across the full width, wrapped at words, followed by a gap."""
        size = self.font_size if size is None else size
        self.pdf.set_font(FONT_FAMILY, "B" if bold else "", size)
        self.pdf.multi_cell(
            0, _line_height(size), text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT
        )
        self.pdf.ln(_line_height(size) / 2)
        self.pdf.set_font(FONT_FAMILY, "", self.font_size)

    def table(
        self,
        rows: Sequence[Sequence[str]],
        widths: Sequence[float] | None = None,
        header: bool = True,
        size: float | None = None,
    ) -> None:
        """A bordered table; `widths` in mm (equal columns across the page if None). Cells wrap,
        and a long table continues on new pages with the header row repeated."""
        if not rows:
            return
        size = self.font_size if size is None else size
        if widths:
            widths = self._fit_words(rows, widths, size=size, header=header, padding=1)
        self.pdf.set_font(FONT_FAMILY, "", size)
        with self.pdf.table(
            col_widths=tuple(widths) if widths else None,
            width=sum(widths) if widths else None,
            first_row_as_headings=header,
            align="LEFT",
            text_align="LEFT",
            line_height=_line_height(size),
            padding=1,
        ) as table:
            for cells in rows:
                row = table.row()
                for cell in cells:
                    row.cell(str(cell))
        self.pdf.ln(_line_height(size) / 2)
        self.pdf.set_font(FONT_FAMILY, "", self.font_size)

    def _line_count(self, width: float, height: float, text: str) -> int:
        """How many lines `text` takes in a cell `width` mm wide, in the current font."""
        lines = self.pdf.multi_cell(
            width, height, text, align="C", dry_run=True, output=MethodReturnValue.LINES
        )
        return len(lines) if isinstance(lines, list) else 1

    def _fit_words(
        self,
        rows: Sequence[Sequence[str]],
        widths: Sequence[float],
        *,
        size: float,
        header: bool,
        padding: float,
    ) -> list[float]:
        """The column widths widened where a word would not fit on one line (fpdf2 breaks
        such a word in the middle: "Желтоқса|н"), the room taken from the columns with the
        most to spare; the table keeps its width."""
        pdf = self.pdf
        need = [0.0] * len(widths)
        for number, cells in enumerate(rows):
            pdf.set_font(FONT_FAMILY, "B" if header and number == 0 else "", size)
            for column, cell in enumerate(cells[: len(widths)]):
                for word in str(cell).split():
                    need[column] = max(need[column], pdf.get_string_width(word) + 2 * padding + 0.5)
        fitted = list(widths)
        for column in range(len(fitted)):
            short = need[column] - fitted[column]
            while short > 0.01:
                spare = [
                    (fitted[other] - need[other], other)
                    for other in range(len(fitted))
                    if other != column and fitted[other] - need[other] > 0.01
                ]
                if not spare:
                    break
                room, other = max(spare)
                take = min(room, short)
                fitted[other] -= take
                fitted[column] += take
                short -= take
        pdf.set_font(FONT_FAMILY, "", size)
        return fitted

    def bar_chart(
        self,
        title: str,
        labels: Sequence[str],
        series: Sequence[tuple[str, Sequence[float], Sequence[str]]],
        *,
        height: float = 60,
        size: float = 7,
    ) -> None:
        """A grouped bar chart drawn with PDF vector operators (fpdf2 cannot read the CSS
        that styles the pages' SVG charts): `series` are (name, values, colours), one colour
        per value or one for the whole series, as `#rrggbb`. A legend follows when there is
        more than one series; the page's table gives the exact figures."""
        pdf = self.pdf
        width = pdf.w - pdf.l_margin - pdf.r_margin
        if pdf.get_y() + height + 35 > pdf.h - pdf.b_margin:
            pdf.add_page()
        self.paragraph(title, size=self.font_size, bold=True)
        top, left = pdf.get_y(), pdf.l_margin + 12
        plot = width - 12
        peak = max((v for _n, values, _c in series for v in values), default=0) or 1
        pdf.set_font(FONT_FAMILY, "", size)
        pdf.set_draw_color(200, 200, 200)
        for step in range(5):  # guides with their values
            y = top + height - height * step / 4
            pdf.line(left, y, left + plot, y)
            pdf.set_xy(pdf.l_margin, y - 1.5)
            pdf.cell(11, 3, _short(peak * step / 4), align="R")
        group = plot / max(len(labels), 1)
        bar = group * 0.8 / max(len(series), 1)
        # A label wider than its group is broken into lines at its spaces (never over its
        # neighbour's); the legend follows the longest.
        label_lines = max((self._line_count(group, 3, label) for label in labels), default=1)
        for index, label in enumerate(labels):
            for number, (_name, values, colours) in enumerate(series):
                value = values[index] if index < len(values) else 0
                colour = colours[index] if len(colours) == len(labels) else colours[0]
                pdf.set_fill_color(*_rgb(colour))
                bar_height = height * value / peak
                x = left + group * index + group * 0.1 + bar * number
                if bar_height > 0:
                    pdf.rect(x, top + height - bar_height, bar, bar_height, style="F")
            pdf.set_xy(left + group * index, top + height + 0.5)
            pdf.multi_cell(group, 3, label, align="C")
        pdf.set_xy(pdf.l_margin, top + height + 1 + 3 * label_lines)
        if len(series) > 1:
            for name, _values, colours in series:
                pdf.set_fill_color(*_rgb(colours[0]))
                pdf.rect(pdf.get_x(), pdf.get_y() + 0.7, 3, 3, style="F")
                pdf.set_x(pdf.get_x() + 4)
                pdf.cell(pdf.get_string_width(name) + 6, 4.5, name)
            pdf.ln(5)
        pdf.ln(3)
        pdf.set_fill_color(255, 255, 255)
        pdf.set_draw_color(0, 0, 0)
        pdf.set_font(FONT_FAMILY, "", self.font_size)

    def image_png(self, png: bytes, x: float, y: float, w: float) -> None:
        """Place a PNG given as bytes (a QR code, a logo) at (x, y), `w` mm wide."""
        self.pdf.image(io.BytesIO(png), x=x, y=y, w=w)

    def output(self) -> bytes:
        """The finished PDF."""
        return bytes(self.pdf.output())
