"""Admin pieces the apps share."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import Model
from modeltranslation.admin import TranslationTabularInline


def inline(model: type[Model], *, translated: bool = False, **options: Any) -> type[Any]:
    """A table of `model`'s rows on its parent's admin page, with no empty rows to fill in
    (`extra = 0`); `translated`, a column for each language of its translated fields.
    `options` are the other attributes of the inline (fields, raw_id_fields…)."""
    base = TranslationTabularInline if translated else admin.TabularInline
    return type(f"{model.__name__}Inline", (base,), {"model": model, "extra": 0, **options})
