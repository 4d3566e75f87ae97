"""The JSON Schema files of the exchange format (council/interchange/schemas/v1/, draft
2020-12) and the checking of a record against them, with each problem named by its field and
told in the reader's language."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError as SchemaError
from jsonschema.exceptions import best_match
from referencing import Registry, Resource

VERSION = 1
SCHEMA_DIR = Path(__file__).resolve().parent / "schemas" / f"v{VERSION}"
# The record kinds, in the order a file carries them, then the header and the signature.
RECORD_KINDS = ("organisation", "opportunity", "hours")
SCHEMA_NAMES = ("common", "header", *RECORD_KINDS, "signature")


def schema_id(name: str) -> str:
    return f"urn:council:exchange:v{VERSION}:{name}"


@cache
def schema(name: str) -> dict[str, Any]:
    """The schema document of that name (KeyError for an unknown name)."""
    if name not in SCHEMA_NAMES:
        raise KeyError(name)
    loaded: dict[str, Any] = json.loads(
        (SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8")
    )
    return loaded


@cache
def _registry() -> Registry:  # type: ignore[type-arg]
    resources = [(schema_id(name), Resource.from_contents(schema(name))) for name in SCHEMA_NAMES]
    return Registry().with_resources(resources)


@cache
def _validator(name: str) -> Draft202012Validator:
    return Draft202012Validator(schema(name), registry=_registry())


@dataclass(frozen=True)
class Problem:
    """What is wrong with one field of a record ("" for the record as a whole)."""

    field: str
    message: str


def _path(parts: Any) -> str:
    return ".".join(str(part) for part in parts)


def _joined(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


_TYPE_NAMES = {
    "string": lambda: _("text"),
    "integer": lambda: _("a whole number"),
    "number": lambda: _("a number"),
    "boolean": lambda: _("true or false"),
    "object": lambda: _("an object"),
    "array": lambda: _("a list"),
    "null": lambda: _("null"),
}


def _expected(types: Any) -> str:
    names = types if isinstance(types, list) else [types]
    return _(" or ").join(_TYPE_NAMES[name]() if name in _TYPE_NAMES else name for name in names)


def _problems_of(error: SchemaError) -> list[Problem]:
    """The problem a jsonschema error stands for, in words the reader's language has."""
    path = _path(error.absolute_path)
    kind = error.validator
    value = error.validator_value
    instance = error.instance
    if kind in ("oneOf", "anyOf") and error.context:
        # A field that may be null or something else: report why the something else failed.
        wanted = [e for e in error.context if e.validator != "type" or e.validator_value != "null"]
        if not wanted or len({e.schema_path[0] for e in wanted}) > 1:
            chosen = best_match(wanted or error.context)
            return _problems_of(chosen) if chosen is not None else []
        return [problem for e in wanted for problem in _problems_of(e)]
    if kind == "required":
        missing = [name for name in value if isinstance(instance, dict) and name not in instance]
        return [Problem(_joined(path, name), _("This field is required.")) for name in missing]
    if kind == "additionalProperties":
        known = set(error.schema.get("properties", {}))
        extra = [
            name
            for name in (instance if isinstance(instance, dict) else {})
            if name not in known and not str(name).startswith("x-")
        ]
        return [
            Problem(_joined(path, str(name)), _("This field is not part of the format."))
            for name in extra
        ]
    if kind == "dependentRequired":
        return [Problem(path, _("A name is given only together with the email address."))]
    if kind == "type":
        message = _("Expected %(type)s.") % {"type": _expected(value)}
    elif kind in ("const", "enum"):
        choices = [value] if kind == "const" else value
        message = _("Expected one of: %(values)s.") % {
            "values": ", ".join(json.dumps(choice, ensure_ascii=False) for choice in choices)
        }
    elif kind == "minLength" or kind == "minProperties":
        message = _("This field may not be empty.")
    elif kind == "maxLength":
        message = _("Too long: at most %(limit)d characters.") % {"limit": value}
    elif kind == "maxItems":
        message = _("Too many items: at most %(limit)d.") % {"limit": value}
    elif kind == "minItems":
        message = _("Give at least %(limit)d item.") % {"limit": value}
    elif kind == "uniqueItems":
        message = _("An item is listed twice.")
    elif kind == "minimum":
        message = _("Enter at least %(limit)s.") % {"limit": value}
    elif kind == "maximum":
        message = _("Enter at most %(limit)s.") % {"limit": value}
    else:  # pattern, format and the rest
        message = _("Not in the expected form.")
    return [Problem(path, message)]


def problems(name: str, record: Any) -> list[Problem]:
    """Every problem of `record` against the schema `name`, in the order of the fields."""
    # jsonschema reports each missing field as its own error of the whole "required" list:
    # the problems are kept once each, in order.
    found: dict[Problem, None] = {}
    errors = sorted(_validator(name).iter_errors(record), key=lambda e: _path(e.absolute_path))
    for error in errors:
        found.update(dict.fromkeys(_problems_of(error)))
    return list(found)
