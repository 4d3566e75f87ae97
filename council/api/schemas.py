"""Schemas and field types shared by the routers."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from django.conf import settings
from ninja import Schema
from pydantic import AfterValidator, Field
from pydantic_core import PydanticCustomError

from council.lib.dates import EARLIEST_DAY, LATEST_DAY, date_problem, today_somewhere
from council.lib.text import MAX_TEXT, text_problem

# The error type of the checks below: council/api/errors.py shows their (translated) message.
COUNCIL_ERROR = "council_invalid"


def _refuse(problem: str | None) -> None:
    if problem is not None:
        raise PydanticCustomError(COUNCIL_ERROR, "{problem}", {"problem": problem})


def _plain_text(value: str) -> str:
    _refuse(text_problem(value))
    return value


def _plan_date(value: date) -> date:
    _refuse(date_problem(value))
    return value


def _past_date(value: date) -> date:
    _refuse(date_problem(value, latest=today_somewhere()))
    return value


# A name or title: something visible, no text-direction controls (council.lib.text).
PlainText = Annotated[str, AfterValidator(_plain_text)]
# Free text (descriptions, questions): at most MAX_TEXT characters.
LongText = Annotated[str, Field(max_length=MAX_TEXT)]
# The date of a plan (project, shift, forum): from 2000 to ten years ahead.
PlanDate = Annotated[date, AfterValidator(_plan_date)]
# The date of something done (hours worked): from 2000 to today.
PastDate = Annotated[date, AfterValidator(_past_date)]
# Any date that an endpoint takes (a filter): within the years that forms take too.
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
