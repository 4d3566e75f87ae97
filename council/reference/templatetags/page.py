"""Blocks a layout writes twice: `{% load page %}` then `<h1>{% page_title %}</h1>`.

`page.html` writes a page's `<h1>` from the same `{% block title %}` that names the browser
tab, so a page that extends it says its title once; `{% repeat_block "name" %}` writes any
other block of the page once more (Django's `{% block %}` stands once in a template)."""

from __future__ import annotations

from django import template
from django.template.context import Context
from django.template.loader_tags import BLOCK_CONTEXT_KEY
from django.utils.safestring import SafeString

register = template.Library()


@register.simple_tag(takes_context=True)
def repeat_block(context: Context, name: str) -> SafeString:
    """The page's own `{% block name %}` (the innermost override), rendered once more."""
    block = context.render_context[BLOCK_CONTEXT_KEY].get_block(name)
    return SafeString(block.nodelist.render(context))


@register.simple_tag(takes_context=True)
def page_title(context: Context) -> SafeString:
    """The page's `{% block title %}` once more."""
    return repeat_block(context, "title")
