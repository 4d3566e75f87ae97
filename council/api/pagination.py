"""Cursor pagination for API lists: `?cursor=&limit=` in, `{items, next_cursor}` out.

The cursor is opaque to clients: base64url of JSON holding the sort key's name, the last
item's value of that key and its pk. Pages are found by keyset ("after this value and pk"),
so they stay stable while rows are added, and a deep page costs no more than the first.

Usage in a router:

    @router.get("/things", response=page_of(ThingOut))
    def thing_list(request, page: Query[CursorParams]):
        return paginate(things_public(), key="created_at", params=page)
"""

from __future__ import annotations

import base64
import binascii
import json
from datetime import date, datetime
from decimal import Decimal
from functools import cache
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Model, Q, QuerySet
from django.utils.translation import gettext as _
from ninja import Field, Schema
from pydantic import create_model

from council.api.schemas import MAX_ID

MAX_LIMIT = 200
DEFAULT_LIMIT = min(getattr(settings, "NINJA_PAGINATION_PER_PAGE", 50), MAX_LIMIT)


class CursorParams(Schema):
    cursor: str | None = Field(
        None, description="The `next_cursor` of the previous page; leave out for the first."
    )
    limit: int = Field(
        DEFAULT_LIMIT, ge=1, description=f"Items per page; at most {MAX_LIMIT} are returned."
    )


@cache
def page_of(item: type[Schema]) -> type[Schema]:
    """The response schema of a page of `item`, named `<Item>Page` in the OpenAPI document
    (one class per item schema, so that two lists of the same thing share it)."""
    name = item.__name__.removesuffix("Out") + "Page"
    return create_model(  # type: ignore[call-overload,no-any-return]
        name,
        __base__=Schema,
        items=(list[item], ...),  # type: ignore[valid-type]
        next_cursor=(str | None, None),
    )


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def encode_cursor(key: str, value: Any, pk: Any) -> str:
    raw = json.dumps([key, _plain(value), pk], separators=(",", ":"), ensure_ascii=False)
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def _not_ours() -> ValidationError:
    return ValidationError({"cursor": _("This cursor is not valid; start from the first page.")})


def _in_range(value: Any) -> bool:
    """A JSON value a column can be compared with: no object or list, no bool, no whole
    number past 64 bits."""
    if isinstance(value, bool | dict | list):
        return False
    return not isinstance(value, int) or -MAX_ID <= value <= MAX_ID


def decode_cursor(cursor: str, key: str) -> tuple[Any, Any]:
    """(value, pk) of the cursor; a ValidationError naming `cursor` if it is not ours."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        name, value, pk = json.loads(base64.urlsafe_b64decode(padded.encode()))
    except (ValueError, TypeError, binascii.Error):
        name = value = pk = None
    if name != key or pk is None or not _in_range(value) or not _in_range(pk):
        raise _not_ours()
    return value, pk


def paginate(queryset: QuerySet[Any], *, key: str, params: CursorParams) -> dict[str, Any]:
    """One page of `queryset` ordered by `key` (a non-null field or annotation; prefix "-" for
    descending) and then pk. The limit is capped at MAX_LIMIT."""
    limit = min(params.limit, MAX_LIMIT)
    field = key.removeprefix("-")
    descending = key.startswith("-")
    queryset = queryset.order_by(key, "-pk" if descending else "pk")
    if params.cursor:
        value, pk = decode_cursor(params.cursor, key)
        after = "lt" if descending else "gt"
        try:
            queryset = queryset.filter(
                Q(**{f"{field}__{after}": value}) | Q(**{field: value, f"pk__{after}": pk})
            )
        except (ValueError, TypeError, ValidationError):  # a value the column cannot hold
            raise _not_ours() from None
    rows: list[Model] = list(queryset[: limit + 1])
    next_cursor = None
    if len(rows) > limit:
        rows = rows[:limit]
        last = rows[-1]
        next_cursor = encode_cursor(key, getattr(last, field), last.pk)
    return {"items": rows, "next_cursor": next_cursor}
