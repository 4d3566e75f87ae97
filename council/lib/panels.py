"""Parts that a higher app adds to the pages of a lower app's objects, which that lower app
cannot import: the news app lists the news about a forum on the forum's page, and the forums
app sits below it.

The higher app registers a panel for a model in its AppConfig.ready():

    panel_register("forums.forum", render_news_about)

and the lower app's template writes `{% load panels %}{% panels forum %}` where the panels
go: each panel registered for the object's model, rendered with the page's context."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import Model
from django.utils.html import format_html_join
from django.utils.safestring import SafeString

# A panel: the page's template context and the object, to the HTML of its part of the page.
Panel = Callable[[Any, Model], str]

PANELS: dict[str, list[Panel]] = {}


def panel_register(model: str, panel: Panel) -> None:
    """Show `panel` on the pages of the objects of `model` ("app_label.modelname"); once,
    however often the app's ready() runs."""
    registered = PANELS.setdefault(model.lower(), [])
    if panel not in registered:
        registered.append(panel)


def panels_render(context: Any, obj: Model) -> SafeString:
    """The panels registered for the object's model, one after another."""
    panels = PANELS.get(obj._meta.label_lower, [])
    return format_html_join("\n", "{}", ((SafeString(panel(context, obj)),) for panel in panels))
