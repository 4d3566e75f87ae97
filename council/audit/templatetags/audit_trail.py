"""The audit trail as a reader reads it: what happened in their language, when in their zone."""

from __future__ import annotations

from datetime import datetime

from django import template

from council.audit.labels import action_label, target_text
from council.lib.timezones import local_datetime

register = template.Library()

register.filter("action_label", action_label)
register.filter("audit_target", target_text)


@register.filter
def in_zone(value: datetime | None, zone: str) -> str:
    """`{{ event.at|in_zone:zone }}` → "6 декабря 2026 г. 18:00" in that zone."""
    return local_datetime(value, zone) if value is not None else ""
