"""Schemas and field types shared by the routers.

The types say in the OpenAPI document what the endpoints accept, so that a request the
document allows is not refused by a rule it does not state. Bodies take ids, whole numbers
and booleans strictly: `false` is not an id and `"3"` is not a number (query strings and
paths are text, so there the number is read from it).
"""

from __future__ import annotations

from datetime import date
from operator import attrgetter
from typing import Annotated, Any

from django.conf import settings
from ninja import Schema
from pydantic import AfterValidator, BeforeValidator, Field, StrictBool
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

# In answers: a translated text in the request's language, or in another where it has none.
ShownText = Annotated[str, Field(description="In the request's language, falling back to another")]

# Primary keys are 64-bit (BigAutoField); a larger number can name nothing.
MAX_ID = 2**63 - 1

# In paths and query strings.
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
CountryCode = Annotated[
    str,
    Field(min_length=2, max_length=2, pattern=r"^[A-Za-z]{2}$", description="ISO 3166-1 alpha-2"),
]
Slug = Annotated[str, Field(min_length=1, max_length=60, pattern=r"^[-a-zA-Z0-9_]+$")]
LanguageTag = Annotated[
    str, Field(min_length=2, max_length=16, pattern=r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")
]
SdgGoalNumber = Annotated[int, Field(ge=1, le=17, description="SDG goal number")]
SearchText = Annotated[str, Field(max_length=200)]
SdgTargetCode = Annotated[str, Field(max_length=6, pattern=r"^[0-9]{1,2}\.[0-9a-z]{1,2}$")]
IscoCode = Annotated[str, Field(min_length=1, max_length=4, pattern=r"^[0-9]{1,4}$")]


def _json_number(value: Any) -> Any:
    """A JSON number only: `true`, `false` and text are not numbers (pydantic's lax mode would
    read them as 1, 0 and the number written), while 3.0 is the whole number 3, as JSON Schema
    has it."""
    if isinstance(value, bool | str):
        raise PydanticCustomError("int_type", "Input should be a valid integer")
    return value


# In JSON bodies. The bounds come before the check of the JSON type, so that the document
# shows them as minimum and maximum of the integer.
JSON_NUMBER = BeforeValidator(_json_number)
StrictId = Annotated[int, Field(ge=1, le=MAX_ID), JSON_NUMBER]
StrictSdgGoal = Annotated[int, Field(ge=1, le=17, description="SDG goal number"), JSON_NUMBER]
StrictMonth = Annotated[int, Field(ge=1, le=12), JSON_NUMBER]
Flag = StrictBool


class DescriptionsIn(Schema):
    """A description in each language, each optional, as the pages' forms take it. A payload
    that lists its names before the descriptions takes the names' schema as the later base:
    pydantic puts the fields of the later bases first."""

    description_ru: LongText | None = None
    description_kk: LongText | None = None
    description_en: LongText | None = None


class Names(Schema):
    """A translated text in each language as stored (null or empty where not given)."""

    ru: str | None = None
    kk: str | None = None
    en: str | None = None


def names_of(obj: Any, field: str = "name") -> dict[str, str | None]:
    return {code: getattr(obj, f"{field}_{code}", None) for code in settings.LANGUAGE_CODES}


def attribute(path: str) -> staticmethod[[Any], Any]:
    """A schema's resolver that reads an attribute of the object, along dots if need be:

    resolve_country = attribute("country_id")"""
    read = attrgetter(path)

    def resolve(obj: Any) -> Any:
        return read(obj)

    return staticmethod(resolve)


def text_at(path: str) -> staticmethod[[Any], str]:
    """A schema's resolver of an attribute as text (a name in the request's language):

    resolve_host = text_at("host.name")"""
    read = attrgetter(path)

    def resolve(obj: Any) -> str:
        return str(read(obj))

    return staticmethod(resolve)


def in_every_language(field: str = "name") -> staticmethod[[Any], dict[str, str | None]]:
    """A schema's resolver of a translated text in each language, as `names_of` gives it:

    resolve_titles = in_every_language("title")"""

    def resolve(obj: Any) -> dict[str, str | None]:
        return names_of(obj, field)

    return staticmethod(resolve)


def optional_text(field: str) -> staticmethod[[Any], str]:
    """A schema's resolver of a text that may be left out: "" rather than null."""

    def resolve(obj: Any) -> str:
        return getattr(obj, field) or ""

    return staticmethod(resolve)


def translated_text(
    field: str,
) -> tuple[staticmethod[[Any], str], staticmethod[[Any], dict[str, str | None]]]:
    """The resolvers of an optional translated text: `<field>` in the request's language ("" if
    it has none) and `<field>s` in each language:

    resolve_description, resolve_descriptions = translated_text("description")"""
    return optional_text(field), in_every_language(field)
