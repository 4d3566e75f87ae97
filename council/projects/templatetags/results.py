"""Search result cards written in Python: a page of 25 cards costs about a millisecond here,
against several through template nodes (a `{% timezone %}` block, two date filters, a URL and
translated labels per card)."""

from __future__ import annotations

from typing import Any

from django import template
from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils import formats
from django.utils.dateformat import format as date_format_iso
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import localtime
from django.utils.translation import gettext

from council.lib.mirrors import is_mirrored
from council.lib.timezones import place_zone
from council.projects.models import Opportunity
from council.reference.templatetags.mirrors import mirrored_badge_html

register = template.Library()


def _place(opportunity: Any) -> str:
    if opportunity.is_online:
        return gettext("online")
    text = opportunity.city.name if opportunity.city_id else "—"
    distance = getattr(opportunity, "distance_km", None)
    if distance is not None:
        km = floatformat(distance, 0)
        text += " · " + gettext("%(distance)s km away") % {"distance": km}
    return text


def _next_shift(opportunity: Any) -> SafeString | str:
    start = getattr(opportunity, "next_start", None)
    if start is not None:
        local = localtime(start, place_zone(opportunity.timezone))
        return format_html(
            '<time datetime="{}">{}</time> ({})',
            date_format_iso(local, "c"),
            formats.date_format(local, "DATETIME_FORMAT"),
            gettext("local time"),
        )
    if not opportunity.first_start:
        return gettext("no fixed dates")
    return "—"


def _mirrored_badges(opportunities: Any) -> dict[int, SafeString]:
    """The "from the … node" mark of each card of another node's opportunity, by key; their
    organisations' countries in one query, only when the page has such cards."""
    mirrored = [opportunity for opportunity in opportunities if is_mirrored(opportunity)]
    if not mirrored:
        return {}
    countries = dict(
        Opportunity.objects.filter(pk__in=[row.pk for row in mirrored]).values_list(
            "pk", "project__owner__country_id"
        )
    )
    return {
        row.pk: mark_safe(f"{mirrored_badge_html(row, countries.get(row.pk))}\n    ")
        for row in mirrored
    }


@register.simple_tag
def result_cards(opportunities: Any) -> SafeString:
    """`{% result_cards page.object_list %}`: the `<li>` cards of search results (rows from
    `opportunity_rows` or `opportunity_search`)."""
    # One reverse() for the page; each card's address differs only in its key.
    pattern = reverse("projects:opportunity", args=[0])[:-2]
    badges = _mirrored_badges(opportunities)
    labels = (gettext("Place"), gettext("Next shift"), gettext("Free places"))
    cards = [
        format_html(
            '<li class="card">\n    <h2 class="result-title"><a href="{}{}/">{}</a></h2>\n'
            '    {}<span class="muted">{}</span>\n    <dl class="facts">\n'
            "      <dt>{}</dt>\n      <dd>{}</dd>\n      <dt>{}</dt>\n      <dd>{}</dd>\n"
            "      <dt>{}</dt>\n      <dd>{}</dd>\n    </dl>\n  </li>",
            pattern,
            opportunity.pk,
            opportunity.title,
            badges.get(opportunity.pk, ""),
            opportunity.project.title,
            labels[0],
            _place(opportunity),
            labels[1],
            _next_shift(opportunity),
            labels[2],
            formats.localize(opportunity.free_seats),
        )
        for opportunity in opportunities
    ]
    return mark_safe("\n  ".join(cards))  # every card is built by format_html
