"""Reading dates, numbers and yes/no answers as people write them in Russian, Kazakh and
English cells."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest

from council.lib.spreadsheets import Cell, parse_bool, parse_date, parse_decimal

DECEMBER_31 = date(2024, 12, 31)


@pytest.mark.parametrize(
    "value",
    [
        DECEMBER_31,
        datetime(2024, 12, 31, 18, 30),
        45657,  # Excel's serial number
        45657.75,  # with a time of day
        Decimal("45657"),
        "31.12.2024",
        " 31.12.2024 ",
        "31/12/2024",
        "31-12-2024",
        "31.12.2024 г.",
        "31.12.2024 10:30",
        "2024-12-31",
        "2024-12-31T10:30:00",
        "2024.12.31",
        "31 декабря 2024",
        "31 декабря 2024 г.",
        "31 декабря 2024 года",
        "31 Декабрь 2024",
        "31 дек. 2024",
        "31 желтоқсан 2024",
        "31 желтоқсан 2024 ж.",
        "2024 жылғы 31 желтоқсан",
        "2024 ж. 31 желтоқсан",
        "31 желтоксан 2024",  # typed on a Russian keyboard
        "31 jeltoqsan 2024",  # the Kazakh Latin alphabet
        "December 31, 2024",
        "Dec 31, 2024",
        "31 Dec 2024",
        "31 December 2024",
        "31st of December 2024",
    ],
)
def test_it_reads_december_31(value: Cell) -> None:
    assert parse_date(value) == DECEMBER_31


@pytest.mark.parametrize(
    ("month", "names"),
    [
        (1, ("января", "январь", "қаңтар", "January", "Jan")),
        (2, ("февраля", "февраль", "ақпан", "February", "Feb")),
        (3, ("марта", "март", "наурыз", "March", "Mar")),
        (4, ("апреля", "апрель", "сәуір", "April", "Apr")),
        (5, ("мая", "май", "мамыр", "May", "May")),
        (6, ("июня", "июнь", "маусым", "June", "Jun")),
        (7, ("июля", "июль", "шілде", "July", "Jul")),
        (8, ("августа", "август", "тамыз", "August", "Aug")),
        (9, ("сентября", "сентябрь", "қыркүйек", "September", "Sep")),
        (10, ("октября", "октябрь", "қазан", "October", "Oct")),
        (11, ("ноября", "ноябрь", "қараша", "November", "Nov")),
        (12, ("декабря", "декабрь", "желтоқсан", "December", "Dec")),
    ],
)
def test_it_knows_every_month(month: int, names: tuple[str, ...]) -> None:
    for name in names:
        assert parse_date(f"7 {name} 2025") == date(2025, month, 7), name
        assert parse_date(f"7 {name.upper()} 2025") == date(2025, month, 7), name
    assert parse_date(f"2025 жылғы 7 {names[2]}") == date(2025, month, 7)
    assert parse_date(f"{names[3]} 7, 2025") == date(2025, month, 7)


def test_it_reads_excel_serial_numbers() -> None:
    assert parse_date(45658) == date(2025, 1, 1)
    assert parse_date(61) == date(1900, 3, 1)
    assert parse_date(73415) == date(2100, 12, 31)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("31.02.2024", "“31.02.2024” is not a date; write it as 31.12.2024."),
        ("12/31/2024", "“12/31/2024” is not a date; write it as 31.12.2024."),
        ("30 февраля 2024", "“30 февраля 2024” is not a date; write it as 31.12.2024."),
        ("31 декабря", "“31 декабря” is not a date; write it as 31.12.2024."),
        ("31 бреда 2024", "“31 бреда 2024” is not a date; write it as 31.12.2024."),
        ("31.12.1850", "“31.12.1850” is not a date; write it as 31.12.2024."),
        ("2024", "“2024” is not a date; write it as 31.12.2024."),
        ("вчера", "“вчера” is not a date; write it as 31.12.2024."),
        (
            "31.12.24",
            "“31.12.24” has a two-digit year; write the year in full, as in 31.12.2024.",
        ),
        (
            "31 дек 24",
            "“31 дек 24” has a two-digit year; write the year in full, as in 31.12.2024.",
        ),
        (0, "“0” is not a date; write it as 31.12.2024."),
        (60, "“60” is not a date; write it as 31.12.2024."),
        (20241231, "“20241231” is not a date; write it as 31.12.2024."),
        (-5.5, "“-5.5” is not a date; write it as 31.12.2024."),
        (float("nan"), "“nan” is not a date; write it as 31.12.2024."),
        (True, "“True” is not a date; write it as 31.12.2024."),
        (date(1, 1, 1), "“0001-01-01” is not a date; write it as 31.12.2024."),
        (None, "The cell is empty; write 31.12.2024."),
        ("  ", "The cell is empty; write 31.12.2024."),
        (
            "x" * 100,
            "“xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…” is not a date; write it as 31.12.2024.",
        ),
    ],
)
def test_it_refuses_what_is_not_a_date(value: Cell, message: str) -> None:
    with pytest.raises(ValueError) as caught:
        parse_date(value)
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("value", "number"),
    [
        ("1 234,5", Decimal("1234.5")),
        ("1234.5", Decimal("1234.5")),
        ("1\u00a0234,50", Decimal("1234.50")),
        ("1\u202f234\u202f567", Decimal("1234567")),
        ("1234,5", Decimal("1234.5")),
        ("1,234.5", Decimal("1234.5")),
        ("1.234,5", Decimal("1234.5")),
        ("1,234,567", Decimal("1234567")),
        ("1.234.567,89", Decimal("1234567.89")),
        ("1,5", Decimal("1.5")),
        ("1,234", Decimal("1.234")),  # a decimal comma, as Russian and Kazakh write it
        (",5", Decimal("0.5")),
        ("-3,25", Decimal("-3.25")),
        ("−3,25", Decimal("-3.25")),  # a minus sign
        ("+7", Decimal("7")),
        (" 42 ", Decimal("42")),
        (42, Decimal("42")),
        (2.5, Decimal("2.5")),
        (0.1, Decimal("0.1")),  # not 0.1000000000000000055511151231257827...
        (Decimal("3.50"), Decimal("3.50")),
    ],
)
def test_it_reads_numbers(value: Cell, number: Decimal) -> None:
    result = parse_decimal(value)
    assert result == number and str(result) == str(number)


@pytest.mark.parametrize(
    "value",
    ["1,234.5,6", "1.234.5", "12 34", "1 2345", "1..5", "abc", "5 руб", "1e5", "-", True,
     date(2024, 1, 1), float("inf")],
)  # fmt: skip
def test_it_refuses_what_is_not_a_number(value: Cell) -> None:
    with pytest.raises(ValueError) as caught:
        parse_decimal(value)
    assert str(caught.value).endswith("is not a number; write it as 1234.5 or 1234,5.")


def test_an_empty_cell_is_not_a_number() -> None:
    with pytest.raises(ValueError) as caught:
        parse_decimal(None)
    assert str(caught.value) == "The cell is empty; write 1234,5."


@pytest.mark.parametrize(
    "value",
    ["да", "Да", "ДА", "иә", "Иә", "yes", "Yes", "true", "TRUE", "1", "+", "ИСТИНА", 1, 1.0, True],
)
def test_it_reads_yes(value: Cell) -> None:
    assert parse_bool(value) is True


@pytest.mark.parametrize(
    "value",
    ["нет", "Нет", "жоқ", "Жоқ", "no", "No", "false", "FALSE", "0", "-", "ЛОЖЬ", 0, 0.0, False],
)
def test_it_reads_no(value: Cell) -> None:
    assert parse_bool(value) is False


@pytest.mark.parametrize("value", ["может быть", "2", 2, "yesno", date(2024, 1, 1)])
def test_it_refuses_what_is_neither(value: Cell) -> None:
    with pytest.raises(ValueError) as caught:
        parse_bool(value)
    assert str(caught.value).endswith("is neither yes nor no; write yes or no.")
    with pytest.raises(ValueError, match=r"The cell is empty; write yes or no\."):
        parse_bool(None)
