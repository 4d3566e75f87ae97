"""Schemas and field types shared by the routers.

The types say in the OpenAPI document what the endpoints accept, so that a request the
document allows is not refused by a rule it does not state. Bodies take ids, whole numbers
and booleans strictly: `false` is not an id and `"3"` is not a number (query strings and
paths are text, so there the number is read from it).
"""

from __future__ import annotations

from typing import Annotated, Any

from django.conf import settings
from ninja import Field, Schema
from pydantic import BeforeValidator, StrictBool
from pydantic_core import PydanticCustomError

# Primary keys are 64-bit (BigAutoField); a larger number can name nothing.
MAX_ID = 2**63 - 1
MAX_TEXT = 20_000  # a description, a biography

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


class Names(Schema):
    """A translated text in each language as stored (null or empty where not given)."""

    ru: str | None = None
    kk: str | None = None
    en: str | None = None


def names_of(obj: Any, field: str = "name") -> dict[str, str | None]:
    return {code: getattr(obj, f"{field}_{code}", None) for code in settings.LANGUAGE_CODES}
