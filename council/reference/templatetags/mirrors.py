"""The mark of a row copied from another country's node (`council.lib.models.Mirrored`):
`{% load mirrors %}{% mirrored_badge opportunity project.owner.country %}` shows "From the
Russia node · as of 07.12.2026 13:10" on such a row and nothing on a local one; when that node
cannot be reached now (or the link with it is suspended), it says so (council.lib.mirrors.
node_state).

The country is the organisation's: given (a country row or its code), or found on the row
(an organisation's own, a project's owner's, an opportunity's project's owner's, a forum's or
an assignment's host's), read only for a mirrored row; for a row without an organisation (a
council, an agreement, a programme, a call), the node's, whose id is its country code by
default. Every page and card writes the mark with
the one fragment `includes/mirrored_badge.html`; the search cards, built in Python, through
`mirrored_badge_html`."""

from __future__ import annotations

from typing import Any

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from council.lib.mirrors import is_mirrored, node_state
from council.reference.models import Country
from council.reference.selectors import reference_rows

register = template.Library()

FRAGMENT = "includes/mirrored_badge.html"


# Where a row's organisation is, by the row's model.
ORGANISATION_OF = {
    "organisation": (),
    "project": ("owner",),
    "opportunity": ("project", "owner"),
    "forum": ("host",),
    "assignment": ("host",),
}


def _organisation_country(row: Any) -> str | None:
    path = ORGANISATION_OF.get(row._meta.model_name)
    if path is None:
        return None
    organisation = row
    for name in path:
        organisation = getattr(organisation, name)
    return str(organisation.country_id)


def _country_name(row: Any, country: Country | str | None) -> str:
    if isinstance(country, Country):
        return str(country.name)
    code = (country or _organisation_country(row) or row.origin_node or "").upper()
    found = reference_rows(Country).get(code)
    return str(found.name) if found is not None else code


def badge_context(row: Any, country: Country | str | None = None) -> dict[str, Any]:
    """What the fragment shows of `row`: nothing for a local row."""
    if not is_mirrored(row):
        return {"shown": False}
    return {
        "shown": True,
        "country": _country_name(row, country),
        "synced_at": row.origin_synced_at,
        "state": node_state(row.origin_node),
    }


@register.inclusion_tag(FRAGMENT)
def mirrored_badge(row: Any, country: Country | str | None = None) -> dict[str, Any]:
    return badge_context(row, country)


def mirrored_badge_html(row: Any, country: Country | str | None = None) -> SafeString:
    """The same mark as the tag, for markup written in Python (empty for a local row)."""
    if not is_mirrored(row):
        return mark_safe("")
    return mark_safe(render_to_string(FRAGMENT, badge_context(row, country)))
