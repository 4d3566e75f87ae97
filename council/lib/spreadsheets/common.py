"""What every table reader shares: the cell type, the error, and the rules for the header row
and for blank cells and rows."""

from __future__ import annotations

from collections.abc import Generator, Iterable, Iterator
from datetime import date, datetime
from decimal import Decimal

from django.utils.translation import gettext as _

Cell = str | int | float | Decimal | date | datetime | bool | None
# (row number, cells) for each row of a file.
NumberedRows = Generator[tuple[int, list[Cell]], None, None]

# A file of exactly 50 MB is accepted; one byte more is refused.
MAX_UPLOAD_BYTES = 50 * 1024 * 1024

# How much of a value an error message quotes: a cell may hold a whole letter.
QUOTE_LENGTH = 40


class TableError(ValueError):
    """A file that cannot be read as a table. str(error) is a translated sentence for the
    person (evaluated in the language active when it was raised); `.code` a short stable
    identifier: "too_large", "empty", "format", "damaged", "encoding", "no_header",
    "duplicate_header", "sheet" or "row"."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message

    def __str__(self) -> str:
        return self.message


def quote(value: object) -> str:
    """A value as an error message quotes it, cut short if long."""
    text = " ".join(str(value).split())
    if len(text) > QUOTE_LENGTH:
        text = text[: QUOTE_LENGTH - 1] + "…"
    return text


def clean(value: Cell) -> Cell:
    """A cell as the reader hands it on: text stripped, blank text as None."""
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value


def is_blank(cells: Iterable[Cell]) -> bool:
    return all(cell is None for cell in cells)


def _same_name(text: str) -> str:
    return " ".join(text.split()).casefold()


def headers_from(cells: list[Cell]) -> list[str]:
    """The column names from the first row: stripped, trailing blank columns dropped. A blank
    first row, or two columns of the same name (ignoring case and spacing), is refused."""
    names = ["" if cell is None else str(cell).strip() for cell in cells]
    while names and not names[-1]:
        names.pop()
    if not names:
        raise TableError(
            "no_header",
            _(
                "The first row is empty. It must hold the names of the columns, such as "
                "“Name” or “Email”."
            ),
        )
    seen: dict[str, str] = {}
    repeated: list[str] = []
    for name in names:
        key = _same_name(name)
        if not key:
            continue
        if key in seen and seen[key] not in repeated:
            repeated.append(seen[key])
        seen.setdefault(key, name)
    if repeated:
        raise TableError(
            "duplicate_header",
            _("Two columns have the same name: %(names)s. Give each column its own name.")
            % {"names": ", ".join(f"“{quote(name)}”" for name in repeated)},
        )
    return names


def fit(cells: list[Cell], width: int) -> list[Cell]:
    """The cells padded with None, or cut, to the number of columns."""
    if len(cells) >= width:
        return cells[:width]
    return cells + [None] * (width - len(cells))


def table_rows(
    numbered: Iterator[tuple[int, list[Cell]]], width: int
) -> Iterator[tuple[int, list[Cell]]]:
    """The data rows after the header: fitted to the header's width, blank ones skipped."""
    for number, cells in numbered:
        fitted = fit(cells, width)
        if not is_blank(fitted):
            yield number, fitted
