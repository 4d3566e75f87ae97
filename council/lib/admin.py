"""Admin pieces the apps share."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import Model
from modeltranslation.admin import TranslationTabularInline

from council.lib.mirrors import is_mirrored


def inline(model: type[Model], *, translated: bool = False, **options: Any) -> type[Any]:
    """A table of `model`'s rows on its parent's admin page, with no empty rows to fill in
    (`extra = 0`); `translated`, a column for each language of its translated fields.
    `options` are the other attributes of the inline (fields, raw_id_fields…)."""
    base = TranslationTabularInline if translated else admin.TabularInline
    return type(f"{model.__name__}Inline", (base,), {"model": model, "extra": 0, **options})


class MirroredReadOnly:
    """Admin of a model with mirrored rows (`council.lib.models.Mirrored`): another node's row
    is shown, never changed or deleted here (only the federation's feed applier writes it)."""

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        if obj is not None and is_mirrored(obj):
            return False
        return bool(super().has_change_permission(request, obj))  # type: ignore[misc]

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        if obj is not None and is_mirrored(obj):
            return False
        return bool(super().has_delete_permission(request, obj))  # type: ignore[misc]
