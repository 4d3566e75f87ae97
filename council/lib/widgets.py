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
        if self.reference and isinstance(choices, ModelChoiceIterator):
            key = ("select options", str(choices.queryset.query), get_language() or "")
            return list(memo(key, lambda: [(str(value), str(label)) for value, label in choices]))
        return [("" if value is None else str(value), label) for value, label in choices]

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        options = self._options()
        if any(isinstance(label, (list, tuple)) for _value, label in options):
            return super().render(name, value, attrs, renderer)
        final_attrs = {"name": name, **self.build_attrs(self.attrs, attrs)}
        chosen = {str(item) for item in self.format_value(value)}
        parts: list[str] = [format_html("<select{}>", flatatt(final_attrs))]
        for text, label in options:
            selected = mark_safe(" selected") if text in chosen else ""
            parts.append(format_html('<option value="{}"{}>{}</option>', text, selected, label))
        parts.append("</select>")
        return mark_safe("".join(parts))  # every part above is escaped
