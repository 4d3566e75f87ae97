"""Reading XLSX and ODS workbooks through calamine: values only, never formulas.

calamine reads the value a spreadsheet program stored with each formula when it last
calculated it; a formula stored without one (a file written by a script) reads as an empty
cell, and so does an error value such as #DIV/0!. A sheet is held by calamine in compact
native memory (about 100 MB for 100,000 rows of 10 columns) and handed to Python one row at a
time.

Merged cells: calamine lists an XLSX sheet's merged ranges but not an ODS sheet's, so for ODS
the spans are read from the sheet's XML (content.xml) with expat, refusing any DTD."""

from __future__ import annotations

import math
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from xml.parsers import expat

import python_calamine
from django.utils.translation import gettext as _

from council.lib.spreadsheets.common import Cell, NumberedRows, TableError, clean

XLSX = "xlsx"
ODS = "ods"
ODS_TYPE = b"application/vnd.oasis.opendocument.spreadsheet"
OPENDOCUMENT = b"application/vnd.oasis.opendocument."
# What a workbook may unpack to: an XLSX compresses about tenfold, so this leaves room for
# any 50 MB upload while refusing a "zip bomb".
MAX_UNPACKED_BYTES = 1024 * 1024 * 1024
CHUNK = 64 * 1024

# ((first row, first column), (last row, last column)), counted from 0 on the sheet.
Range = tuple[tuple[int, int], tuple[int, int]]

_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0 "


def damaged() -> TableError:
    return TableError(
        "damaged",
        _(
            "The file is damaged or incomplete and cannot be opened. Open it in your "
            "spreadsheet program, save it again and upload the new file."
        ),
    )


@contextmanager
def reading() -> Iterator[None]:
    """Any failure inside calamine or the archive becomes the "damaged file" error."""
    try:
        yield
    except (TableError, KeyboardInterrupt, SystemExit, GeneratorExit):
        raise
    except BaseException as error:  # calamine's errors, and a Rust panic (a BaseException)
        raise damaged() from error


def zip_format(path: Path) -> str:
    """XLSX or ODS, from what the archive holds; TableError for any other archive."""
    with reading():
        try:
            archive = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, zipfile.LargeZipFile) as error:
            raise damaged() from error
        with archive:
            names = set(archive.namelist())
            if sum(info.file_size for info in archive.infolist()) > MAX_UNPACKED_BYTES:
                raise TableError(
                    "too_large",
                    _("The workbook unpacks to more than 1 GB; split it into smaller files."),
                )
            if "mimetype" in names:
                media_type = archive.read("mimetype")[:100].strip()
            elif "META-INF/manifest.xml" in names:
                manifest = archive.read("META-INF/manifest.xml")[: 64 * 1024]
                media_type = ODS_TYPE if b'"' + ODS_TYPE + b'"' in manifest else b""
            else:
                media_type = b""
            if media_type == ODS_TYPE and "content.xml" in names:
                return ODS
            if "xl/workbook.xml" in names:
                return XLSX
            if "xl/workbook.bin" in names:
                raise TableError(
                    "format",
                    _(
                        "This is an Excel binary workbook (.xlsb). Open it and save it as an "
                        "Excel workbook (.xlsx)."
                    ),
                )
            if media_type.startswith(OPENDOCUMENT) or "word/document.xml" in names:
                raise TableError(
                    "format",
                    _(
                        "This is a text document, not a spreadsheet. Upload a CSV, XLSX "
                        "or ODS file."
                    ),
                )
            raise TableError(
                "format",
                _("This archive is not a spreadsheet. Upload a CSV, XLSX or ODS file."),
            )


# --- values -----------------------------------------------------------------------------


def _clock(seconds: int) -> str:
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if seconds else f"{hours}:{minutes:02d}"


def cell_value(value: Any) -> Cell:
    """A calamine value as a cell: whole numbers as int (a phone number typed as a number
    stays 77010000000, not 77010000000.0); a time of day or a duration as text "9:30"."""
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, bool | int | datetime | date):
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            return None
        return int(value) if value.is_integer() else value
    if isinstance(value, time):
        return _clock(value.hour * 3600 + value.minute * 60 + value.second)
    if isinstance(value, timedelta):
        return _clock(int(value.total_seconds()))
    return clean(str(value))


# --- merged cells -----------------------------------------------------------------------


class Merges:
    """Fills each merged range with the value of its top-left cell, row by row. A range that
    starts in the header row names each column it spans: "Phone", "Phone (2)", ...; it does
    not reach into the data rows."""

    def __init__(self, ranges: list[Range], first_column: int) -> None:
        shifted = [
            (top, max(left - first_column, 0), bottom, right - first_column)
            for (top, left), (bottom, right) in ranges
            if right >= first_column
        ]
        self._waiting = sorted(shifted, reverse=True)
        self._open: list[tuple[int, int, int, Cell]] = []

    def fill(self, row: int, cells: list[Cell]) -> None:
        while self._waiting and self._waiting[-1][0] <= row:
            top, left, bottom, right = self._waiting.pop()
            value = cells[left] if top == row and left < len(cells) else None
            if top == 0:
                self._name_columns(cells, left, right, value)
            elif value is not None:
                self._open.append((bottom, left, right, value))
        self._open = [merge for merge in self._open if merge[0] >= row]
        for _bottom, left, right, value in self._open:
            for column in range(left, min(right + 1, len(cells))):
                cells[column] = value

    @staticmethod
    def _name_columns(cells: list[Cell], left: int, right: int, value: Cell) -> None:
        if value is None:
            return
        for number, column in enumerate(range(left + 1, min(right + 1, len(cells))), start=2):
            cells[column] = f"{value} ({number})"


def ods_merged_ranges(path: Path, sheet_name: str) -> list[Range]:
    """The merged ranges of one sheet of an ODS file, in calamine's coordinates (repeated
    rows and columns counted)."""
    with zipfile.ZipFile(path) as archive:
        if not _mentions_spans(archive):
            return []
        return _OdsSpans(sheet_name).read(archive)


def _mentions_spans(archive: zipfile.ZipFile) -> bool:
    tail = b""
    with archive.open("content.xml") as content:
        while chunk := content.read(CHUNK):
            if b"-spanned=" in tail + chunk:
                return True
            tail = chunk[-16:]
    return False


class _Done(Exception):
    pass


class _OdsSpans:
    def __init__(self, sheet_name: str) -> None:
        self.sheet_name = sheet_name
        self.ranges: list[Range] = []
        self.depth = 0  # of nested tables: a table inside a cell has rows of its own
        self.inside = False
        self.row = 0
        self.column = 0
        self.row_repeat = 1

    def read(self, archive: zipfile.ZipFile) -> list[Range]:
        parser = expat.ParserCreate(namespace_separator=" ")
        parser.StartElementHandler = self.start
        parser.EndElementHandler = self.end
        parser.StartDoctypeDeclHandler = self.refuse
        parser.EntityDeclHandler = self.refuse
        try:
            with archive.open("content.xml") as content:
                while chunk := content.read(CHUNK):
                    parser.Parse(chunk, False)
                parser.Parse(b"", True)
        except _Done:
            pass
        return self.ranges

    def refuse(self, *args: Any) -> None:
        raise ValueError("a DTD in content.xml")

    def start(self, name: str, attributes: dict[str, str]) -> None:
        if name == _TABLE + "table":
            self.depth += 1
            if self.depth == 1:
                self.inside = attributes.get(_TABLE + "name") == self.sheet_name
                self.row = 0
            return
        if not self.inside or self.depth != 1:
            return
        if name == _TABLE + "table-row":
            self.column = 0
            self.row_repeat = int(attributes.get(_TABLE + "number-rows-repeated", 1))
        elif name in (_TABLE + "table-cell", _TABLE + "covered-table-cell"):
            columns = int(attributes.get(_TABLE + "number-columns-spanned", 1))
            rows = int(attributes.get(_TABLE + "number-rows-spanned", 1))
            if name == _TABLE + "table-cell" and (columns > 1 or rows > 1):
                self.ranges.append(
                    ((self.row, self.column), (self.row + rows - 1, self.column + columns - 1))
                )
            self.column += int(attributes.get(_TABLE + "number-columns-repeated", 1))

    def end(self, name: str) -> None:
        if name == _TABLE + "table":
            if self.inside and self.depth == 1:
                raise _Done
            self.depth -= 1
        elif name == _TABLE + "table-row" and self.inside and self.depth == 1:
            self.row += self.row_repeat


# --- sheets -----------------------------------------------------------------------------


def _choose_sheet(book: python_calamine.CalamineWorkbook, sheet: str | None) -> str:
    worksheets = [
        meta for meta in book.sheets_metadata if meta.typ == python_calamine.SheetTypeEnum.WorkSheet
    ]
    names = [meta.name for meta in worksheets]
    if sheet is None:
        visible = [
            meta.name
            for meta in worksheets
            if meta.visible == python_calamine.SheetVisibleEnum.Visible
        ]
        if visible or names:
            return (visible or names)[0]
        raise TableError("empty", _("The workbook has no sheet with a table."))
    if sheet not in names:
        raise TableError(
            "sheet",
            _("The workbook has no sheet “%(sheet)s”. Its sheets: %(names)s.")
            % {"sheet": sheet, "names": ", ".join(f"“{name}”" for name in names)},
        )
    return sheet


class Workbook:
    """One sheet of a workbook, opened for reading its rows."""

    def __init__(self, path: Path, file_format: str, sheet: str | None) -> None:
        self.path = path
        self.format = file_format
        with reading():
            book = python_calamine.CalamineWorkbook.from_path(str(path))
            with book:
                self.sheet_names = [
                    meta.name
                    for meta in book.sheets_metadata
                    if meta.typ == python_calamine.SheetTypeEnum.WorkSheet
                ]
                self.sheet_name = _choose_sheet(book, sheet)
            if file_format == ODS:
                self.merged = ods_merged_ranges(path, self.sheet_name)

    def numbered_rows(self) -> NumberedRows:
        """Every row of the sheet with its number (1 for the first), blank ones included;
        nothing at all for an empty sheet. The first row must not be blank: calamine starts
        a sheet's rows at its first filled row in some versions and at row 1 in others, and
        a rule that the first row holds the header keeps the numbers right in both."""
        with reading():
            book = python_calamine.CalamineWorkbook.from_path(str(self.path))
            with book:
                sheet = book.get_sheet_by_name(self.sheet_name)
                if sheet.start is None:
                    return
                first_row, first_column = sheet.start
                if first_row > 0:
                    yield 1, []  # the blank first row: refused as a missing header
                    return
                ranges = self.merged if self.format == ODS else sheet.merged_cell_ranges
                merges = Merges(list(ranges or []), first_column)
                for index, values in enumerate(sheet.iter_rows()):
                    cells = [cell_value(value) for value in values]
                    merges.fill(index, cells)
                    yield index + 1, cells
