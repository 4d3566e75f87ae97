"""The council of the two national networks comes from the cooperation tests; pytest passes it
in by name."""

from __future__ import annotations

from typing import Any

from council.cooperation.tests.conftest import council  # noqa: F401
from council.deployments import services
from council.deployments.models import Assignment


def draft_assignment(
    secretariat: Any, of_council: Any, host: Any, where: tuple[Any, str], **fields: Any
) -> Assignment:
    """A six-month assignment the secretariat drafts for `host`, at `where` (a country and
    the duty station), with `fields` (title_en, starts_on, …)."""
    country, duty_station = where
    return services.assignment_create(
        actor=secretariat,
        council=of_council,
        host=host,
        country=country,
        duty_station=duty_station,
        months=6,
        **fields,
    )
