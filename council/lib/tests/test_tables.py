"""The one safe table writer: text that would start a formula is neutralised, typed values
stay typed, XLSX holds no formula, and no other module writes CSV or XLSX."""

from __future__ import annotations

import ast
import csv
import io
import zipfile
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from council.lib import tables
from council.lib.tests.tables import EVIL, NEUTRALISED

COUNCIL = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("value", "written"),
    [
        (EVIL, NEUTRALISED),
        ("+7 701 000 00 00", "'+7 701 000 00 00"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("Reading club", "Reading club"),
        ("a=b", "a=b"),
        ("", ""),
        (None, ""),
        (Decimal("-4.50"), Decimal("-4.50")),
        (-3, -3),
        (True, True),
        (date(2026, 3, 1), date(2026, 3, 1)),
    ],
)
def test_it_neutralises_text_and_keeps_typed_values(value: object, written: object) -> None:
    assert tables.safe_value(value) == written


def test_an_aware_time_is_written_in_utc() -> None:
    moment = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
    assert tables.safe_value(moment) == datetime(2026, 3, 1, 12, 0)


def test_the_csv_is_neutralised() -> None:
    text = tables.csv_text(["Name", "Hours"], [[EVIL, Decimal("2.50")], ["-1", -1]])
    rows = list(csv.reader(io.StringIO(text)))
    assert rows == [["Name", "Hours"], [NEUTRALISED, "2.50"], ["'-1", "-1"]]


def test_the_workbook_holds_values_never_formulas() -> None:
    buffer = io.BytesIO()
    rows = [[EVIL, Decimal("2.50"), date(2026, 3, 1)], ["bell\x07", -1, None]]
    assert tables.write_xlsx(buffer, ["Name", "Hours", "Date"], rows, title="Report") == 2
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as archive:
        sheet_xml = archive.read("xl/worksheets/sheet1.xml")
    assert b"<f>" not in sheet_xml
    sheet = load_workbook(io.BytesIO(buffer.getvalue()))["Report"]
    assert [cell.data_type for cell in sheet[2]] == ["s", "n", "d"]
    values = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert values[1] == [NEUTRALISED, 2.5, datetime(2026, 3, 1)]
    assert values[2] == ["bell", -1, None]  # a control character XML cannot hold is dropped


def test_a_download_streams_csv_with_a_byte_order_mark() -> None:
    response = tables.table_response(
        ["Name"], iter([[EVIL]]), filename="t.csv", export_format=tables.CSV
    )
    assert response.streaming and response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="t.csv"'
    data = b"".join(response.streaming_content)  # type: ignore[attr-defined]
    assert data.startswith(b"\xef\xbb\xbf") and NEUTRALISED.encode() in data.replace(b'""', b'"')
    with pytest.raises(ValueError, match="pdf"):
        tables.table_response(["Name"], [], filename="t.pdf", export_format="pdf")


def _writes_tables(tree: ast.AST) -> list[str]:
    """The places where a module writes CSV or touches openpyxl."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import | ast.ImportFrom):
            names = [alias.name for alias in node.names]
            module = getattr(node, "module", None) or ""
            if module.startswith("openpyxl") or any(n.startswith("openpyxl") for n in names):
                found.append(f"line {node.lineno}: imports openpyxl")
            if module == "csv" and {"writer", "DictWriter"} & set(names):
                found.append(f"line {node.lineno}: imports a csv writer")
        if (
            isinstance(node, ast.Attribute)
            and node.attr in ("writer", "DictWriter")
            and isinstance(node.value, ast.Name)
            and node.value.id == "csv"
        ):
            found.append(f"line {node.lineno}: csv.{node.attr}")
    return found


def test_no_other_module_writes_a_table() -> None:
    """Every CSV and XLSX goes through council/lib/tables.py: a second writer would not
    neutralise formulas. Tests may read tables back (csv.reader, openpyxl.load_workbook)."""
    offenders = []
    for path in sorted(COUNCIL.rglob("*.py")):
        relative = path.relative_to(COUNCIL.parent)
        if path == COUNCIL / "lib" / "tables.py" or "tests" in relative.parts:
            continue
        for place in _writes_tables(ast.parse(path.read_text(encoding="utf-8"))):
            offenders.append(f"{relative}, {place}")
    for path in sorted((COUNCIL.parent / "bench").rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        if "openpyxl" in text or "csv.writer" in text or "csv.DictWriter" in text:
            offenders.append(str(path.relative_to(COUNCIL.parent)))
    assert offenders == []


def test_the_scan_finds_a_second_writer() -> None:
    source = "import csv\nfrom openpyxl import Workbook\nw = csv.writer(x)\n"
    assert _writes_tables(ast.parse(source)) == [
        "line 2: imports openpyxl",
        "line 3: csv.writer",
    ]
