"""Small-cell suppression of the open statistics: no published cell names fewer than
MIN_CELL people, nor lets one be worked out by subtraction."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

# Cells with fewer people than this are not published (nor their hours).
MIN_CELL = 5


@dataclass
class Cell:
    label: str
    key: str
    volunteers: int | None
    hours: Decimal | None
    suppressed: bool = False


def suppress(cells: list[Cell], *, partition: bool) -> list[Cell]:
    """Hide cells of 1 to MIN_CELL − 1 people (an empty cell names nobody). In a partition
    (regions, months: their hours add up to the total) a single hidden cell could be worked
    out by subtraction, so the smallest shown non-empty cell is hidden too."""
    for cell in cells:
        if cell.volunteers and cell.volunteers < MIN_CELL:
            cell.suppressed = True
    hidden = [cell for cell in cells if cell.suppressed]
    if partition and len(hidden) == 1:
        shown = sorted(
            (cell for cell in cells if not cell.suppressed and cell.volunteers),
            key=lambda c: (c.volunteers or 0, c.key),
        )
        if shown:
            shown[0].suppressed = True
    for cell in cells:
        if cell.suppressed:
            cell.volunteers = None
            cell.hours = None
    return cells
