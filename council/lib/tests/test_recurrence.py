"""Recurrence rules: read through dateutil, bounded, on the place's clock."""

from __future__ import annotations

from datetime import date, time

import pytest
from django.core.exceptions import ValidationError

from council.lib.recurrence import occurrence_days, rule_ending_before, weekly_rule


def days(rule: str, **options: object) -> list[date]:
    options.setdefault("first_date", date(2027, 6, 1))
    options.setdefault("at", time(18))
    options.setdefault("zone", "Asia/Almaty")
    return occurrence_days(rule, **options)  # type: ignore[arg-type]


def test_an_until_date_takes_its_whole_day() -> None:
    # 2027-06-01 is a Tuesday; UNTIL as a date alone keeps the shift at 18:00 that day.
    assert days("RRULE:FREQ=WEEKLY;BYDAY=TU;UNTIL=20270615") == [
        date(2027, 6, 1),
        date(2027, 6, 8),
        date(2027, 6, 15),
    ]


def test_an_until_in_utc_is_read_on_the_place_clock() -> None:
    # 12:59 UTC is 17:59 in Almaty (UTC+5): before the 18:00 shift of 15 June.
    assert days("FREQ=WEEKLY;BYDAY=TU;UNTIL=20270615T125900Z")[-1] == date(2027, 6, 8)


def test_exceptions_and_weekly_rules() -> None:
    rule = weekly_rule(weekdays=[3, 1], until=None, count=4)
    assert rule == "FREQ=WEEKLY;BYDAY=TU,TH;COUNT=4"
    assert days(rule, exceptions=[date(2027, 6, 3)]) == [
        date(2027, 6, 1),
        date(2027, 6, 8),
        date(2027, 6, 10),
    ]


def test_a_rule_is_cut_before_a_day() -> None:
    cut = rule_ending_before("FREQ=WEEKLY;BYDAY=TU;COUNT=10", date(2027, 6, 15))
    assert cut == "FREQ=WEEKLY;UNTIL=20270614;BYDAY=TU"
    assert days(cut)[-1] == date(2027, 6, 8)


def test_a_count_that_finds_no_day_stops() -> None:
    with pytest.raises(ValidationError) as error:
        days("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30;COUNT=2")
    assert "rule" in error.value.message_dict
