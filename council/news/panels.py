"""The news about a forum, agreement, project or programme, on its page: registered in the
panels of council.lib.panels, since those apps sit below this one."""

from __future__ import annotations

from typing import Any

from django.db.models import Model
from django.template.loader import render_to_string

from council.lib.panels import panel_register
from council.news.selectors import RELATIONS, news_about


def news_panel(context: Any, about: Model) -> str:
    items = news_about(about=about)
    if not items:
        return ""
    request = context.get("request") if hasattr(context, "get") else None
    return render_to_string("news/_about.html", {"items": items}, request=request)


def panels_register() -> None:
    for model in RELATIONS:
        panel_register(model._meta.label_lower, news_panel)
