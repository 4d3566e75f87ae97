"""Models' fields kept in every language (django-modeltranslation).

Each app's `translation.py` (which modeltranslation imports at start-up) calls
`translated_fields_register({Model: ("field", ...), ...})`. No language is required: a text
left empty in one language falls back to the others."""

from __future__ import annotations

from collections.abc import Mapping

from django.db.models import Model
from modeltranslation.translator import translator


def translated_fields_register(fields: Mapping[type[Model], tuple[str, ...]]) -> None:
    """Register every model's translated fields, none of them required in any language."""
    for model, names in fields.items():
        translator.register(model, fields=names, required_languages=())
