"""Schemas shared by the routers."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from ninja import Schema


class Names(Schema):
    """A translated text in each language as stored (null or empty where not given)."""

    ru: str | None = None
    kk: str | None = None
    en: str | None = None


def names_of(obj: Any, field: str = "name") -> dict[str, str | None]:
    return {code: getattr(obj, f"{field}_{code}", None) for code in settings.LANGUAGE_CODES}
