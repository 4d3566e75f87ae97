"""The council of the two national networks comes from the cooperation tests; pytest passes it
in by name."""

from __future__ import annotations

from datetime import date, timedelta

from council.cooperation.tests.conftest import council  # noqa: F401


def exchange_dates(today: date, starts_in: int, ends_in: int) -> dict[str, date]:
    """The dates of an exchange from `starts_in` to `ends_in` days after `today`, whose
    applications close 30 days after it."""
    return {
        "starts_on": today + timedelta(days=starts_in),
        "ends_on": today + timedelta(days=ends_in),
        "applications_close": today + timedelta(days=30),
    }
