"""Reading the dates, numbers and yes/no answers people write in spreadsheet cells, in
Russian, Kazakh and English. Each parser raises ValueError with a translated sentence that
quotes the value and shows how to write it.

Dates: a date or date-time value; an Excel serial number (the 1900 date system, from
1 March 1900); day-first text "31.12.2024", "31/12/2024", "31-12-2024", ISO "2024-12-31" (a
time after the date is ignored); and text with a month name in any order with the day and
the year: "31 декабря 2024 г.", "2024 жылғы 31 желтоқсан", "December 31, 2024", "31 Dec 2024".
Two-digit years ("31.12.24") are refused: a date of birth "01.01.45" could be 1945 or 2045.
Slashed dates are always day first: "12/31/2024" (the American order) is refused, not
guessed, because "03/04/2024" could not be told apart. Dates before 1900 or after 2100 are
refused as typing mistakes.

Numbers: "1234.5", "1234,5", "1 234,50" (any space as the thousands separator, the no-break
space too), "1,234.5" and "1.234,5". A single separator followed by three digits ("1,234") is
a decimal separator, as Russian and Kazakh write it."""

from __future__ import annotations

import math
import re
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.utils.translation import gettext as _

from council.lib.dates import EARLIEST_DAY, LATEST_DAY
from council.lib.spreadsheets.common import Cell, quote

# --- dates ------------------------------------------------------------------------------

_MONTHS: dict[str, int] = {}


def _months(month: int, *names: str) -> None:
    for name in names:
        _MONTHS[name] = month


_months(1, "январь", "января", "янв", "қаңтар", "qańtar", "qantar", "january", "jan")
_months(2, "февраль", "февраля", "фев", "февр", "ақпан", "aqpan", "february", "feb")
_months(3, "март", "марта", "мар", "наурыз", "nauryz", "march", "mar")
_months(4, "апрель", "апреля", "апр", "сәуір", "sáuir", "sauir", "april", "apr")
_months(5, "май", "мая", "мамыр", "mamyr", "may")
_months(6, "июнь", "июня", "июн", "маусым", "maýsym", "mausym", "june", "jun")
_months(7, "июль", "июля", "июл", "шілде", "shilde", "july", "jul")
_months(8, "август", "августа", "авг", "тамыз", "tamyz", "august", "aug")
_months(
    9, "сентябрь", "сентября", "сен", "сент", "қыркүйек", "qyrkúiek", "qyrkuiek",
    "september", "sep", "sept",
)  # fmt: skip
_months(10, "октябрь", "октября", "окт", "қазан", "qazan", "october", "oct")
_months(11, "ноябрь", "ноября", "ноя", "нояб", "қараша", "qarasha", "november", "nov")
_months(12, "декабрь", "декабря", "дек", "желтоқсан", "jeltoqsan", "december", "dec")

# Kazakh letters as people type them on a Russian keyboard: "желтоксан", "кыркуйек".
_PLAIN_KAZAKH = str.maketrans("әғқңөұүһі", "агкноуухи")
_MONTHS.update({name.translate(_PLAIN_KAZAKH): month for name, month in list(_MONTHS.items())})

# Words that may stand beside a date: "г." and "года" (ru), "ж." and "жылғы" (kk), "of" and
# ordinal endings (en: "31st of December"), Kazakh ordinal endings ("31-і").
_FILLERS = {
    "г", "год", "года", "гг", "ж", "жыл", "жылы", "жылғы", "жылгы",
    "of", "the", "st", "nd", "rd", "th", "і", "ші", "шы", "ы",
}  # fmt: skip

_TIME = r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"
_YEAR_WORD = r"(?:\s*(?:г|года|ж|жыл)\.?)?"
_DAY_FIRST = re.compile(rf"(\d{{1,2}})\s*([./-])\s*(\d{{1,2}})\s*\2\s*(\d{{4}}){_TIME}{_YEAR_WORD}")
_YEAR_FIRST = re.compile(rf"(\d{{4}})([./-])(\d{{1,2}})\2(\d{{1,2}}){_TIME}")
_SHORT_YEAR = re.compile(r"\d{1,2}\s*([./-])\s*\d{1,2}\s*\1\s*\d{2}")
_TOKENS = re.compile(r"\d+|[^\W\d_]+")
_CYRILLIC = re.compile("[\u0400-\u04ff]")

# Excel's day 0 in the 1900 date system, for serial numbers from 61 (1 March 1900) on:
# Excel counts a 29 February 1900 that never was, so earlier serials are off by one.
_EXCEL_EPOCH = date(1899, 12, 30)
_FIRST_SERIAL = 61


def _not_a_date(value: object) -> ValueError:
    return ValueError(
        _("“%(value)s” is not a date; write it as 31.12.2024.") % {"value": quote(value)}
    )


def _empty(example: str) -> ValueError:
    return ValueError(_("The cell is empty; write %(example)s.") % {"example": example})


def _checked(value: object, year: int, month: int, day: int) -> date:
    try:
        result = date(year, month, day)
    except ValueError:
        raise _not_a_date(value) from None
    if not EARLIEST_DAY <= result <= LATEST_DAY:
        raise _not_a_date(value)
    return result


def _from_serial(value: int | float | Decimal) -> date:
    if not math.isfinite(value) or not _FIRST_SERIAL <= value < 2_958_466:
        raise _not_a_date(value)
    result = _EXCEL_EPOCH + timedelta(days=int(value))
    if not EARLIEST_DAY <= result <= LATEST_DAY:
        raise _not_a_date(value)
    return result


def _month_of(word: str) -> int | None:
    if word in _MONTHS:
        return _MONTHS[word]
    if _CYRILLIC.search(word):  # a Latin "i" typed for the Kazakh "і"
        return _MONTHS.get(word.replace("i", "і").translate(_PLAIN_KAZAKH))
    return None


def _from_words(value: str, text: str) -> date:
    numbers: list[str] = []
    months: list[int] = []
    for token in _TOKENS.findall(text):
        if token.isdigit():
            numbers.append(token)
            continue
        month = _month_of(token)
        if month is not None:
            months.append(month)
        elif token not in _FILLERS:
            raise _not_a_date(value)
    if len(months) != 1 or len(numbers) != 2:
        raise _not_a_date(value)
    years = [number for number in numbers if len(number) == 4]
    days = [number for number in numbers if len(number) <= 2]
    if len(days) == 2:
        raise _two_digit_year(value)
    if len(years) != 1 or len(days) != 1:
        raise _not_a_date(value)
    return _checked(value, int(years[0]), months[0], int(days[0]))


def _two_digit_year(value: object) -> ValueError:
    return ValueError(
        _("“%(value)s” has a two-digit year; write the year in full, as in 31.12.2024.")
        % {"value": quote(value)}
    )


def parse_date(value: Cell) -> date:
    """The date a cell holds; ValueError with a translated message if it holds none."""
    if value is None or (isinstance(value, str) and not value.strip()):
        raise _empty("31.12.2024")
    if isinstance(value, datetime):
        return _checked(value, value.year, value.month, value.day)
    if isinstance(value, date):
        return _checked(value, value.year, value.month, value.day)
    if isinstance(value, bool):
        raise _not_a_date(value)
    if isinstance(value, int | float | Decimal):
        return _from_serial(value)
    text = " ".join(value.split()).casefold()
    if match := _DAY_FIRST.fullmatch(text):
        day, _separator, month, year = match.groups()
        return _checked(value, int(year), int(month), int(day))
    if match := _YEAR_FIRST.fullmatch(text):
        year, _separator, month, day = match.groups()
        return _checked(value, int(year), int(month), int(day))
    if _SHORT_YEAR.fullmatch(text):
        raise _two_digit_year(value)
    return _from_words(value, text)


# --- numbers ----------------------------------------------------------------------------

_SPACE = "[ \u00a0\u202f\u2009\u2007]"
# Each form of a number, with the character that may mark its decimals ("" for either).
_NUMBER_FORMS = (
    (re.compile(r"\d*[.,]\d+|\d+"), ""),  # 1234 1234,5 1234.5 ,5
    (re.compile(rf"\d{{1,3}}(?:{_SPACE}\d{{3}})+(?:[.,]\d+)?"), ""),  # 1 234 567,5
    (re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?"), "."),  # 1,234,567.5
    (re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?"), ","),  # 1.234.567,5
)


def _not_a_number(value: object) -> ValueError:
    return ValueError(
        _("“%(value)s” is not a number; write it as 1234.5 or 1234,5.") % {"value": quote(value)}
    )


def _number_text(text: str) -> str | None:
    """The number in Python's notation ("1234.5"), or None if the text is not a number."""
    marks = next((marks for form, marks in _NUMBER_FORMS if form.fullmatch(text)), None)
    if marks is None:
        return None
    whole, fraction = text, ""
    for mark in marks or ".,":
        if mark in text:
            whole, _mark, fraction = text.rpartition(mark)
    whole = re.sub(r"\D", "", whole) or "0"
    return f"{whole}.{fraction}" if fraction else whole


def parse_decimal(value: Cell) -> Decimal:
    """The number a cell holds, exactly as written; ValueError with a translated message if it
    holds none."""
    if value is None or (isinstance(value, str) and not value.strip()):
        raise _empty("1234,5")
    if isinstance(value, bool | date):
        raise _not_a_number(value)
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float | Decimal):
        if not math.isfinite(value):
            raise _not_a_number(value)
        return value if isinstance(value, Decimal) else Decimal(repr(value))
    text = value.strip().replace("\u2212", "-")
    sign = ""
    if text[:1] in ("-", "+"):
        sign, text = text[0].replace("+", ""), text[1:].lstrip()
    number = _number_text(text)
    if number is None:
        raise _not_a_number(value)
    return Decimal(sign + number)


# --- yes and no -------------------------------------------------------------------------

_YES = {
    "да", "д", "иә", "иа", "ия", "yes", "y", "true", "t", "1", "+", "истина", "ақиқат", "✓", "✔",
}  # fmt: skip
_NO = {
    "нет", "н", "жоқ", "жок", "no", "n", "false", "f", "0", "-", "−", "ложь", "жалған",
}  # fmt: skip


def parse_bool(value: Cell) -> bool:
    """Yes or no: да/нет, иә/жоқ, yes/no, true/false, 1/0, +/- (and the words a Russian or
    Kazakh Excel writes for TRUE and FALSE); ValueError with a translated message otherwise."""
    if isinstance(value, bool):
        return value
    if value is None or (isinstance(value, str) and not value.strip()):
        raise _empty(_("yes or no"))
    if isinstance(value, int | float | Decimal) and not isinstance(value, date) and value in (0, 1):
        return value == 1
    text = str(value).strip().casefold()
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise ValueError(
        _("“%(value)s” is neither yes nor no; write yes or no.") % {"value": quote(value)}
    )
