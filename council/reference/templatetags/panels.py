"""`{% load panels %}{% panels forum %}`: the parts higher apps add to an object's page
(council.lib.panels), such as the news about it."""

from __future__ import annotations

from typing import Any

from django import template
from django.db.models import Model
from django.utils.safestring import SafeString

from council.lib.panels import panels_render

register = template.Library()


@register.simple_tag(takes_context=True)
def panels(context: Any, obj: Model) -> SafeString:
    return panels_render(context, obj)
