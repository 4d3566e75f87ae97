"""The one safe table writer: every CSV and XLSX file the platform writes goes through here.

A spreadsheet program runs a cell that starts with `=`, `+`, `-` or `@` (and, in some, a tab
or a carriage return) as a formula, so a volunteer named `=HYPERLINK(...)` would become a live
link in a host's roster. As OWASP advises ("CSV Injection"), such text gets a single quote in
front; numbers, dates and booleans stay typed values. XLSX cells are always written as values,
never as formulas: no `<f>` element is ever written. Rows are written as they come (CSV
streamed, XLSX through openpyxl's write-only workbook on disk), so memory stays flat however
many rows there are."""

from __future__ import annotations

import csv
import tempfile
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, date, datetime, time
from decimal import Decimal
from typing import IO, Any

from django.http import FileResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

CSV = "csv"
XLSX = "xlsx"
FORMATS = (CSV, XLSX)
CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# The first characters that make a spreadsheet read a cell as a formula (OWASP).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# A byte-order mark, so that spreadsheet programs read the CSV as UTF-8.
BOM = "\ufeff"

Progress = Callable[[int], None]
Row = Iterable[Any]


def safe_value(value: Any) -> Any:
    """A cell's value as it may be written: numbers, dates and booleans as they are, None as
    an empty cell, any other value as text with a quote in front if it would start a
    formula."""
    if value is None:
        return ""
    if isinstance(value, bool | int | float | Decimal | date | time):
        if isinstance(value, datetime) and value.tzinfo is not None:
            return value.astimezone(UTC).replace(tzinfo=None)
        return value
    text = str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def _safe_row(row: Row) -> list[Any]:
    return [safe_value(value) for value in row]


# --- CSV ------------------------------------------------------------------------------------


class _Echo:
    """A file-like object whose write() returns what it got: lets csv.writer hand each line
    to a streaming response."""

    def write(self, value: str) -> str:
        return value


def csv_lines(headers: Row, rows: Iterable[Row]) -> Iterator[str]:
    """The table as CSV lines, a byte-order mark first."""
    writer = csv.writer(_Echo())  # type: ignore[arg-type]
    yield BOM
    yield writer.writerow(_safe_row(headers))  # type: ignore[func-returns-value]
    for row in rows:
        yield writer.writerow(_safe_row(row))  # type: ignore[func-returns-value]


def write_csv(
    stream: IO[str], headers: Row, rows: Iterable[Row], progress: Progress | None = None
) -> int:
    """Write the table to a text stream (open it with encoding="utf-8-sig", newline="");
    returns the number of rows written (without the headers)."""
    writer = csv.writer(stream)
    writer.writerow(_safe_row(headers))
    count = 0
    for count, row in enumerate(rows, start=1):
        writer.writerow(_safe_row(row))
        if progress and count % 10_000 == 0:
            progress(count)
    return count


def csv_text(headers: Row, rows: Iterable[Row]) -> str:
    """A whole (small) table as CSV text, without the byte-order mark."""
    return "".join(csv_lines(headers, rows))[len(BOM) :]


# --- XLSX -----------------------------------------------------------------------------------


def _xlsx_cell(sheet: Any, value: Any) -> WriteOnlyCell:
    value = safe_value(value)
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)  # control characters XML cannot hold
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str):
        cell.data_type = "s"  # openpyxl would make a formula of a text starting with "="
    return cell


def write_xlsx(
    target: str | IO[bytes],
    headers: Row,
    rows: Iterable[Row],
    progress: Progress | None = None,
    *,
    title: str | None = None,
) -> int:
    """Write the table as a one-sheet workbook (a path or a binary stream); returns the
    number of rows written (without the headers). openpyxl's write-only mode keeps no rows
    in memory."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(title)
    sheet.append([_xlsx_cell(sheet, value) for value in headers])
    count = 0
    for count, row in enumerate(rows, start=1):
        sheet.append([_xlsx_cell(sheet, value) for value in row])
        if progress and count % 10_000 == 0:
            progress(count)
    book.save(target)
    return count


# --- Downloads ------------------------------------------------------------------------------


def table_response(
    headers: Row,
    rows: Iterable[Row],
    *,
    filename: str,
    export_format: str,
    title: str | None = None,
) -> HttpResponseBase:
    """A table as a download: CSV streamed line by line, XLSX written to a temporary file
    first (a workbook is a zip: it cannot be streamed as it is written)."""
    if export_format == CSV:
        response: HttpResponseBase = StreamingHttpResponse(
            csv_lines(headers, rows), content_type=CSV_TYPE
        )
    elif export_format == XLSX:
        buffer = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115 (FileResponse closes it)
        write_xlsx(buffer, headers, rows, title=title)
        buffer.seek(0)
        response = FileResponse(buffer, content_type=XLSX_TYPE)
    else:
        raise ValueError(f"unknown table format {export_format!r}")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
