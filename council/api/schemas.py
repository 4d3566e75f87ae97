"""Schemas shared by the routers."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from django.conf import settings
from ninja import Field, Schema

from council.lib.forms import EARLIEST_DAY, LATEST_DAY

# A date that an endpoint takes: within the years that forms take too (council.lib.forms).
Day = Annotated[
    date,
    Field(
        ge=EARLIEST_DAY,
        le=LATEST_DAY,
        description=f"A date from {EARLIEST_DAY.isoformat()} to {LATEST_DAY.isoformat()}",
    ),
]


class Names(Schema):
    """A translated text in each language as stored (null or empty where not given)."""

    ru: str | None = None
    kk: str | None = None
    en: str | None = None


def names_of(obj: Any, field: str = "name") -> dict[str, str | None]:
    return {code: getattr(obj, f"{field}_{code}", None) for code in settings.LANGUAGE_CODES}
