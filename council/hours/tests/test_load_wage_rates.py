"""`manage.py load_wage_rates`: a bad file ends in a message naming its row and column, never
in a traceback, and nothing of it is saved."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from council.hours.models import WageRate

HEADER = "country,isco_group,year,currency,hourly_rate,source\n"


def _load(path: Path) -> str:
    out = io.StringIO()
    call_command("load_wage_rates", str(path), stdout=out)
    return out.getvalue()


def test_it_loads_a_good_file(isco: Any, russia: Any, kazakhstan: Any, tmp_path: Path) -> None:
    path = tmp_path / "rates.csv"
    path.write_text(HEADER + "KZ,,2026,KZT,2500,Росстат\n", encoding="utf-8")
    assert _load(path) == "Wage rates: 1 added, 0 updated.\n"
    assert WageRate.objects.get().source == "Росстат"


def test_a_file_that_is_not_utf8_names_the_row_and_column(
    isco: Any, russia: Any, kazakhstan: Any, tmp_path: Path
) -> None:
    path = tmp_path / "rates.csv"
    path.write_bytes(
        (HEADER + "KZ,,2026,KZT,2500,Demo\nRU,,2026,RUB,330,Росстат\n").encode("cp1251")
    )
    with pytest.raises(CommandError) as caught:
        _load(path)
    assert str(caught.value) == (
        "Row 3, column source: the text is not in UTF-8 (save the file as UTF-8)."
    )
    assert not WageRate.objects.exists()


def test_a_header_that_is_not_utf8_is_row_1(db: Any, tmp_path: Path) -> None:
    path = tmp_path / "rates.csv"
    path.write_bytes("страна,isco_group\n".encode("cp1251"))
    with pytest.raises(CommandError) as caught:
        _load(path)
    assert str(caught.value) == "Row 1: the text is not in UTF-8 (save the file as UTF-8)."


def test_a_rate_under_one_cent_names_the_row_and_column(
    isco: Any, russia: Any, kazakhstan: Any, tmp_path: Path
) -> None:
    path = tmp_path / "rates.csv"
    path.write_text(HEADER + "KZ,,2026,KZT,2500,Demo\nKZ,32,2026,KZT,0.004,Demo\n")
    with pytest.raises(CommandError) as caught:
        _load(path)
    assert str(caught.value) == (
        "Row 3, column hourly_rate: “0.004” is less than 0.01, the smallest rate kept."
    )
    assert not WageRate.objects.exists()


def test_a_broken_csv_names_the_row(
    isco: Any, russia: Any, kazakhstan: Any, tmp_path: Path
) -> None:
    path = tmp_path / "rates.csv"
    path.write_text(HEADER + "KZ,,2026,KZT,2500,Demo\nKZ,,2026,KZT,1," + "x" * 200_000 + "\n")
    with pytest.raises(CommandError) as caught:
        _load(path)
    assert str(caught.value).startswith("Row 3: ")
    assert not WageRate.objects.exists()


def test_a_missing_file_is_a_message(db: Any, tmp_path: Path) -> None:
    with pytest.raises(CommandError):
        _load(tmp_path / "nowhere.csv")
