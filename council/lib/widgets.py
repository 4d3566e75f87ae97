"""Form widgets."""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms.models import ModelChoiceIterator
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from council.lib.memo import memo


class FastSelect(forms.Select):
    """A select whose options are written in Python instead of one template render each:
    a list of the council's 1,186 cities then costs about a millisecond instead of a
    hundred. Grouped choices fall back to Django's own rendering.

    With `reference=True` the options of a model choice field are read once per language and
    query and kept in `council.lib.memo`: meant for reference data (countries, regions,
    cities, skills).
    """

    def __init__(self, attrs: dict[str, Any] | None = None, *, reference: bool = False) -> None:
        super().__init__(attrs)
        self.reference = reference

    def _options(self) -> list[tuple[str, Any]]:
        choices = self.choices
        return [("" if value is None else str(value), label) for value, label in choices]

    def _reference_html(self) -> list[tuple[str, str]] | None:
        """(value, escaped <option> tag) of every choice, built once per language and query."""
        choices = self.choices
        if not (self.reference and isinstance(choices, ModelChoiceIterator)):
            return None

        def build() -> list[tuple[str, str]]:
            return [
                (text, format_html('<option value="{}">{}</option>', text, label))
                for text, label in (("" if v is None else str(v), str(lb)) for v, lb in choices)
            ]

        field = choices.field
        key = (
            field.reference_key()
            if hasattr(field, "reference_key")
            else str(choices.queryset.query)
        )
        return memo(("select options", key, get_language() or ""), build)

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        final_attrs = {"name": name, **self.build_attrs(self.attrs, attrs)}
        chosen = {str(item) for item in self.format_value(value)}
        cached = self._reference_html()
        if cached is not None:
            parts: list[str] = [format_html("<select{}>", flatatt(final_attrs))]
            for text, tag in cached:
                # The tag was escaped when built; only the selected mark is added.
                parts.append(tag.replace(">", " selected>", 1) if text in chosen else tag)
            parts.append("</select>")
            return mark_safe("".join(parts))
        options = self._options()
        if any(isinstance(label, (list, tuple)) for _value, label in options):
            return super().render(name, value, attrs, renderer)
        parts = [format_html("<select{}>", flatatt(final_attrs))]
        for text, label in options:
            selected = mark_safe(" selected") if text in chosen else ""
            parts.append(format_html('<option value="{}"{}>{}</option>', text, selected, label))
        parts.append("</select>")
        return mark_safe("".join(parts))  # every part above is escaped
