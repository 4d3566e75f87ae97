"""Open statistics: public, aggregates only, no cell under 5 people, and no cell that could
be worked out from the others."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import pytest
from django.conf import settings

from council.reports.selectors.statistics import open_statistics
from council.reports.selectors.suppression import Cell, suppress


def test_small_cells_are_suppressed(world: dict[str, Any]) -> None:
    tables = {table.country.code: table for table in open_statistics(year=2026)}
    ru, kz = tables["RU"], tables["KZ"]
    assert (ru.total.volunteers, ru.total.hours) == (6, Decimal("15.00"))
    assert kz.total.suppressed and (kz.total.volunteers, kz.total.hours) == (None, None)
    assert [(c.label, c.volunteers, c.hours) for c in ru.regions] == [
        ("Moscow", 6, Decimal("15.00"))
    ]
    assert [(c.label, c.volunteers) for c in ru.causes] == [("Education", 6)]
    # April had one person: hidden, and so March, which would give April away (15 − 12).
    march, april = ru.months[2], ru.months[3]
    assert april.suppressed and march.suppressed
    assert all(cell.volunteers in (None, 0) for cell in kz.regions + kz.goals + kz.causes)


def test_secondary_suppression_only_when_one_cell_is_hidden() -> None:
    def cells(*people: int) -> list[Cell]:
        return [Cell(str(n), str(n), count, Decimal(count)) for n, count in enumerate(people)]

    assert [c.suppressed for c in suppress(cells(9, 7, 2), partition=True)] == [
        False,
        True,
        True,
    ]
    assert [c.suppressed for c in suppress(cells(9, 3, 2), partition=True)] == [
        False,
        True,
        True,
    ]
    assert [c.suppressed for c in suppress(cells(9, 7, 2), partition=False)] == [
        False,
        False,
        True,
    ]
    # An empty cell is shown (0 names nobody) and is not the one hidden to protect another.
    assert [c.suppressed for c in suppress(cells(0, 9, 7, 2), partition=True)] == [
        False,
        False,
        True,
        True,
    ]


def test_the_page_and_the_json_are_public(client: Any, world: dict[str, Any]) -> None:
    page = client.get("/statistics/?year=2026").content.decode()
    assert "Fewer than 5 people." in page  # Kazakhstan
    assert "6 people, 15.00 hours of verified volunteer work." in page
    assert "r1@example.org" not in page and "Moscow Volunteer Centre" not in page
    body = client.get("/api/v1/statistics?year=2026").json()
    assert body["min_cell"] == 5
    kz = next(c for c in body["countries"] if c["country"] == "KZ")
    assert kz["total"] == {
        "key": "",
        "label": "Kazakhstan",
        "volunteers": None,
        "hours": None,
        "suppressed": True,
    }
    numbers = [
        cell["volunteers"]
        for country in body["countries"]
        for part in ("regions", "causes", "goals", "months")
        for cell in country[part]
        if cell["volunteers"]
    ]
    assert numbers and min(numbers) >= 5


@pytest.mark.parametrize("language", ["ru", "kk", "en"])
def test_every_table_header_has_text_and_every_scrolling_table_is_focusable(
    client: Any, world: dict[str, Any], language: str
) -> None:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    page = client.get("/statistics/?year=2026").content.decode()
    headers = re.findall(r"<th\b[^>]*>(.*?)</th>", page, flags=re.S)
    assert len(headers) >= 24  # two countries, four tables, three columns
    assert all(re.sub(r"<[^>]+>", "", text).strip() for text in headers), headers
    first = {"ru": "Регион", "kk": "Өңір", "en": "Region"}[language]
    assert f'<th scope="col">{first}</th>' in page
    wraps = re.findall(r'<div class="table-wrap"([^>]*)>', page)
    assert len(wraps) == 8
    for attributes in wraps:
        assert 'tabindex="0"' in attributes and 'role="region"' in attributes
        label = re.search(r'aria-label="([^"]+)"', attributes)
        assert label and ": " in label.group(1)


def test_a_bad_year_is_named(client: Any, world: dict[str, Any]) -> None:
    response = client.get("/statistics/?year=1900")
    assert response.status_code == 400
    assert "Select a valid choice. 1900 is not one of the available choices." in (
        response.content.decode()
    )
    assert client.get("/api/v1/statistics?year=x").json()["errors"][0]["field"] == "year"


def test_the_statistics_as_files(client: Any, world: dict[str, Any]) -> None:
    response = client.get("/statistics/table.csv?year=2026")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "RU,Total,,Russia,6,15.00" in text
    assert "KZ,Total,,Kazakhstan,<5," in text
    assert "RU,By month,2026-04,2026-04,<5," in text
    assert "r1@example.org" not in text
    assert client.get("/statistics/table.pdf?year=2026").status_code == 404
    response = client.get("/statistics/table.xlsx?year=2026")
    assert response["Content-Disposition"] == 'attachment; filename="statistics-2026.xlsx"'
