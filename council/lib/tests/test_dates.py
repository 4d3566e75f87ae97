"""The window of plausible dates."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from council.lib.dates import (
    EARLIEST_DATE,
    date_problem,
    latest_plan_date,
    today_somewhere,
    validate_past_date,
    validate_plan_date,
)


def test_plans_run_from_2000_to_ten_years_ahead() -> None:
    assert latest_plan_date(date(2026, 12, 6)) == date(2036, 12, 6)
    assert latest_plan_date(date(2028, 2, 29)) == date(2038, 2, 28)
    validate_plan_date(EARLIEST_DATE)
    validate_plan_date(latest_plan_date())
    validate_plan_date(datetime(2030, 5, 1, 9, 0, tzinfo=UTC))
    validate_plan_date(None)
    for wrong in (date(1, 1, 1), date(1999, 12, 31), latest_plan_date() + timedelta(days=1)):
        with pytest.raises(ValidationError) as caught:
            validate_plan_date(wrong)
        assert caught.value.messages[0].startswith("Enter a date between 2000-01-01 and ")
    with pytest.raises(ValidationError):
        validate_plan_date(datetime(9999, 12, 31, 23, 59, tzinfo=UTC))


def test_what_has_happened_is_not_in_the_future() -> None:
    validate_past_date(timezone.localdate())
    validate_past_date(today_somewhere())
    assert today_somewhere() >= timezone.localdate()
    with pytest.raises(ValidationError) as caught:
        validate_past_date(today_somewhere() + timedelta(days=1))
    assert caught.value.messages == ["The date cannot be in the future."]
    with pytest.raises(ValidationError):
        validate_past_date(date(1, 1, 1))


def test_the_problem_names_the_window() -> None:
    assert date_problem(date(2010, 1, 1)) is None
    assert date_problem(date(1, 1, 1), latest=date(2026, 1, 1)) == (
        "Enter a date between 2000-01-01 and 2026-01-01."
    )
