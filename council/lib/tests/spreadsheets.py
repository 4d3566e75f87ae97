"""Making the spreadsheet files people upload, in tests: XLSX through openpyxl (with a way to
store a formula's last calculated value, which openpyxl never writes), and ODS written by
hand as the OpenDocument zip (mimetype, content.xml, META-INF/manifest.xml)."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from openpyxl import Workbook

ODS_TYPE = "application/vnd.oasis.opendocument.spreadsheet"


def write_xlsx(
    path: Path,
    rows: list[list[Any]],
    *,
    merged: tuple[str, ...] = (),
    title: str = "Sheet1",
    more_sheets: dict[str, list[list[Any]]] | None = None,
    hidden_first: bool = False,
) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title
    for row in rows:
        sheet.append(row)
    for cells in merged:
        sheet.merge_cells(cells)
    for name, other_rows in (more_sheets or {}).items():
        other = book.create_sheet(name)
        for row in other_rows:
            other.append(row)
    if hidden_first:
        sheet.sheet_state = "hidden"
        book.active = 1
    book.save(path)
    return path


def set_cached_values(path: Path, values: dict[str, str], sheet: int = 1) -> None:
    """Store, for the formulas in the given cells, the value a spreadsheet program would have
    stored when it last calculated them (openpyxl writes formulas without one)."""
    member = f"xl/worksheets/sheet{sheet}.xml"
    with zipfile.ZipFile(path) as archive:
        contents = {info.filename: archive.read(info.filename) for info in archive.infolist()}
    xml = contents[member].decode()
    for cell, value in values.items():
        start = xml.index(f'<c r="{cell}"')
        end = xml.index("</c>", start)
        element = xml[start:end]
        element = element.replace("<v />", f"<v>{value}</v>").replace("<v/>", f"<v>{value}</v>")
        xml = xml[:start] + element + xml[end:]
    contents[member] = xml.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in contents.items():
            archive.writestr(name, data)


@dataclass
class Span:
    """A merged cell: its value spans `columns` columns and `rows` rows."""

    value: Any
    columns: int = 1
    rows: int = 1


@dataclass
class Formula:
    formula: str
    cached: float | None = None


# A cell hidden under a merged one.
COVERED = object()


@dataclass
class Repeated:
    """`count` empty rows in a row, as LibreOffice writes them."""

    count: int


def _ods_cell(value: Any) -> str:
    if value is COVERED:
        return "<table:covered-table-cell/>"
    attributes = ""
    if isinstance(value, Span):
        attributes = (
            f' table:number-columns-spanned="{value.columns}"'
            f' table:number-rows-spanned="{value.rows}"'
        )
        value = value.value
    if isinstance(value, Formula):
        attributes += f" table:formula={quoteattr('of:=' + value.formula)}"
        if value.cached is None:
            return f"<table:table-cell{attributes}/>"
        value = value.cached
    if value is None:
        return f"<table:table-cell{attributes}/>"
    if isinstance(value, bool):
        kind = f'office:value-type="boolean" office:boolean-value="{str(value).lower()}"'
    elif isinstance(value, int | float):
        kind = f'office:value-type="float" office:value="{value}"'
    elif isinstance(value, datetime | date):
        kind = f'office:value-type="date" office:date-value="{value.isoformat()}"'
    else:
        kind = 'office:value-type="string"'
    text = f"<text:p>{escape(str(value))}</text:p>"
    return f"<table:table-cell{attributes} {kind}>{text}</table:table-cell>"


def _ods_row(row: Any) -> str:
    if isinstance(row, Repeated):
        return (
            f'<table:table-row table:number-rows-repeated="{row.count}">'
            "<table:table-cell/></table:table-row>"
        )
    return "<table:table-row>" + "".join(_ods_cell(value) for value in row) + "</table:table-row>"


def write_ods(
    path: Path,
    sheets: dict[str, list[Any]],
    *,
    with_mimetype: bool = True,
    doctype: str = "",
    raw: dict[str, str] | None = None,
) -> Path:
    """An ODS file of the given sheets; `raw` replaces text in content.xml as it is, after
    escaping (to plant an entity reference)."""
    tables = "".join(
        f"<table:table table:name={quoteattr(name)}>"
        + "".join(_ods_row(row) for row in rows)
        + "</table:table>"
        for name, rows in sheets.items()
    )
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        + doctype
        + '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        ' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
        ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f"<office:body><office:spreadsheet>{tables}</office:spreadsheet></office:body>"
        "</office:document-content>"
    )
    for text, replacement in (raw or {}).items():
        content = content.replace(text, replacement)
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"'
        ' manifest:version="1.2">'
        f'<manifest:file-entry manifest:full-path="/" manifest:media-type="{ODS_TYPE}"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    with zipfile.ZipFile(path, "w") as archive:
        if with_mimetype:
            # The OpenDocument rule: first, and stored uncompressed.
            archive.writestr(zipfile.ZipInfo("mimetype"), ODS_TYPE)
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
        archive.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
    return path
