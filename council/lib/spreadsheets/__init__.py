"""The one safe table reader: every CSV, XLSX and ODS file the platform takes in is read
through here (the writer is council/lib/tables.py).

`open_table` finds the format from the file's content and checks it against the file's name,
reads the header row and returns a `Table` whose `rows()` streams the data rows: memory stays
flat however long the file. Anything that is not a readable table (a PDF renamed .csv, a
truncated workbook, an old .xls, UTF-16 text) is a `TableError` with a translated sentence
for the person, never another exception. Cells are values only: a formula is never
evaluated. `parse_date`, `parse_decimal` and `parse_bool` read the cell values people write
in Russian, Kazakh and English."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePath

from django.utils.translation import gettext as _

from council.lib.spreadsheets.common import (
    MAX_UPLOAD_BYTES,
    Cell,
    NumberedRows,
    TableError,
    headers_from,
    quote,
    table_rows,
)
from council.lib.spreadsheets.delimited import (
    CHUNK,
    DELIMITERS,
    check_text_start,
    csv_rows,
    detect_encoding,
    read_head,
    separator_line,
    sniff_delimiter,
)
from council.lib.spreadsheets.values import parse_bool, parse_date, parse_decimal
from council.lib.spreadsheets.workbooks import ODS, XLSX, Workbook, zip_format

__all__ = [
    "CSV",
    "FORMATS",
    "MAX_UPLOAD_BYTES",
    "ODS",
    "XLSX",
    "Cell",
    "Table",
    "TableError",
    "open_table",
    "parse_bool",
    "parse_date",
    "parse_decimal",
]

CSV = "csv"
FORMATS = (CSV, XLSX, ODS)
EXTENSIONS = {".csv": CSV, ".txt": CSV, ".tsv": CSV, ".xlsx": XLSX, ".xlsm": XLSX, ".ods": ODS}
_NAMES = {CSV: "CSV", XLSX: "Excel (.xlsx)", ODS: "OpenDocument (.ods)"}


@dataclass
class Table:
    """A table opened for reading. `rows()` yields `(row number, cells)` for each data row:
    the number as the person's spreadsheet program shows it (the header is row 1), the cells
    padded with None or cut to the number of headers; blank rows are skipped (their numbers
    are not reused). Each call reads the file again from the start, as a stream, and may
    raise TableError for a fault found late in the file (an unclosed quotation mark)."""

    format: str  # "csv" | "xlsx" | "ods"
    encoding: str | None  # CSV only: "utf-8", "utf-8-sig" or "windows-1251"
    delimiter: str | None  # CSV only: ";", "," or "\t"
    headers: list[str]
    sheet_name: str | None = None  # workbooks only: the sheet read
    sheet_names: list[str] = field(default_factory=list)  # workbooks only: every worksheet
    reader: Callable[[], NumberedRows] = field(repr=False, compare=False, kw_only=True)

    def rows(self) -> Iterator[tuple[int, list[Cell]]]:
        numbered = self.reader()
        next(numbered, None)  # the header row
        return table_rows(numbered, len(self.headers))


def _format_error(message: str) -> TableError:
    return TableError("format", message)


def _expected_format(filename: str) -> str | None:
    extension = PurePath(filename).suffix.lower()
    if not extension:
        return None
    if extension in EXTENSIONS:
        return EXTENSIONS[extension]
    if extension == ".xls":
        return XLS
    raise _format_error(
        _("“%(name)s” is not a table this site reads. Upload a CSV, XLSX or ODS file.")
        % {"name": quote(PurePath(filename).name)}
    )


XLS = "xls"
# The first bytes of files that people upload in place of a table.
_SIGNATURES = {
    b"%PDF-": "PDF",
    b"\x89PNG": "PNG",
    b"\xff\xd8\xff": "JPEG",
    b"GIF8": "GIF",
    b"\x1f\x8b": "gzip",
    b"Rar!": "RAR",
    b"7z\xbc\xaf": "7-Zip",
    b"{\\rtf": "RTF",
}
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _refuse_other_files(head: bytes, expected: str | None) -> None:
    if head.startswith(_OLE) or expected == XLS:
        raise _format_error(
            _(
                "This is an Excel 97–2003 workbook (.xls) or a workbook protected by a "
                "password. Open it and save it as an Excel workbook (.xlsx) without a password."
            )
        )
    for signature, kind in _SIGNATURES.items():
        if head.startswith(signature):
            raise _format_error(
                _("This is a %(kind)s file, not a table. Upload a CSV, XLSX or ODS file.")
                % {"kind": kind}
            )


def open_table(path: Path, *, filename: str, sheet: str | None = None) -> Table:
    """Open the uploaded file at `path` (named `filename` by the person) as a table and read
    its header row. `sheet` names the sheet of a workbook to read (default: the first
    visible one); it is ignored for CSV."""
    size = path.stat().st_size
    if size > MAX_UPLOAD_BYTES:
        raise TableError(
            "too_large",
            _("The file is %(size)s MB; the largest file this site reads is %(limit)s MB.")
            % {"size": f"{size / 1024 / 1024:.1f}", "limit": MAX_UPLOAD_BYTES // 1024 // 1024},
        )
    if size == 0:
        raise TableError("empty", _("The file is empty."))
    expected = _expected_format(filename)
    with path.open("rb") as file:
        head = file.read(CHUNK)
    _refuse_other_files(head, expected)
    actual = zip_format(path) if head.startswith(b"PK\x03\x04") else CSV
    if expected is not None and expected != actual:
        raise _format_error(
            _(
                "The file is named “%(name)s” but holds a %(actual)s table. Upload it under "
                "its proper name, or save it again as %(expected)s."
            )
            % {
                "name": quote(PurePath(filename).name),
                "actual": _NAMES[actual],
                "expected": _NAMES[expected],
            }
        )
    if actual == CSV:
        return _open_csv(path, head)
    workbook = Workbook(path, actual, sheet)
    return _with_headers(
        file_format=actual,
        reader=workbook.numbered_rows,
        sheet_name=workbook.sheet_name,
        sheet_names=workbook.sheet_names,
    )


def _open_csv(path: Path, head: bytes) -> Table:
    check_text_start(head)
    encoding = detect_encoding(path)
    text = read_head(path, encoding)
    if not text.strip():
        raise TableError("empty", _("The file is empty."))
    named = separator_line(text)
    delimiter = named if named in DELIMITERS else None
    skip_lines = 1 if named else 0
    if delimiter is None:
        delimiter = sniff_delimiter(text.split("\n", skip_lines)[-1])

    def reader() -> NumberedRows:
        return csv_rows(path, encoding=encoding, delimiter=delimiter, skip_lines=skip_lines)

    return _with_headers(file_format=CSV, reader=reader, encoding=encoding, delimiter=delimiter)


def _with_headers(
    *,
    file_format: str,
    reader: Callable[[], NumberedRows],
    encoding: str | None = None,
    delimiter: str | None = None,
    sheet_name: str | None = None,
    sheet_names: list[str] | None = None,
) -> Table:
    numbered = reader()
    try:
        first = next(numbered, None)
    finally:
        numbered.close()
    if first is None:
        raise TableError("empty", _("The file is empty."))
    return Table(
        format=file_format,
        encoding=encoding,
        delimiter=delimiter,
        headers=headers_from(first[1]),
        sheet_name=sheet_name,
        sheet_names=sheet_names or [],
        reader=reader,
    )
