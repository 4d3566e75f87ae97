from __future__ import annotations

from typing import Any

from django import template
from django.conf import settings

register = template.Library()


@register.inclusion_tag("push/device_button.html", takes_context=True)
def push_device_button(context: template.Context) -> dict[str, Any]:
    """The "turn on notifications on this device" button: shown by council/app.js where the
    browser can receive push messages and the site has VAPID keys; nothing without them."""
    return {"public_key": settings.VAPID_PUBLIC_KEY, "csrf_token": context.get("csrf_token")}
