"""A form's fields in a template by name: `{% load form_fields %}` then
`{% fields form "title" "description" "city" %}`.

Each field is written with `includes/field.html` (or the `template` given), as
`{% include "includes/field.html" with field=form.city %}` would; a field the form keeps in
every language (`title` for `title_ru`, `title_kk`, `title_en`) stands for each language's."""

from __future__ import annotations

from typing import Any

from django import template
from django.conf import settings
from django.template.context import Context
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.simple_tag(takes_context=True)
def fields(
    context: Context, form: Any, *names: str, template: str = "includes/field.html"
) -> SafeString:
    """The named fields of `form`, each through `template`."""
    columns = [
        column
        for name in names
        for column in (
            [name]
            if name in form.fields
            else [f"{name}_{code}" for code in settings.MODELTRANSLATION_LANGUAGES]
        )
    ]
    field_template = context.template.engine.get_template(template)
    parts = []
    for column in columns:
        with context.push(field=form[column]):
            parts.append(field_template.render(context))
    return mark_safe("\n".join(parts))
