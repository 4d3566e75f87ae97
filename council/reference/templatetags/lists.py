"""A list of items, or a sentence when there are none: `{% load lists %}` then

    {% table certificates as certificate class="stack" %}
      {% heads _("Certificate") _("Code") %}
    {% row %}
      <tr><td>{{ certificate.get_kind_display }}</td><td>{{ certificate.code }}</td></tr>
    {% empty %}
      {% translate "No certificates yet." %}
    {% endtable %}

writes `<div class="table-wrap"><table class="stack">`, the head in `<thead>` and a row for
each item in `<tbody>`; `{% cards forums as forum %}<li class="card">…</li>{% empty %}…
{% endcards %}` writes `<ul class="cards">` and an item for each (`class="results"` adds a
class). The item's part sees `forloop.counter`, `first` and `last` as in `{% for %}`; when the
list is empty, the sentence is written in a `<p>`. `{% heads _("Name") _("Status") %}` writes
a table's header row."""

from __future__ import annotations

from typing import Any

from django import template
from django.template.base import FilterExpression, Node, NodeList, Parser, Token
from django.template.context import Context
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


class ListNode(Node):
    """`opening` (with the class given), `head`, each item's part, `closing`; or the
    sentence when the list is empty."""

    def __init__(
        self,
        kind: str,
        rows: FilterExpression,
        item: str,
        css_class: FilterExpression | None,
        parts: dict[str, NodeList],
    ) -> None:
        self.kind, self.rows, self.item, self.css_class = kind, rows, item, css_class
        self.parts = parts

    def render(self, context: Context) -> SafeString:
        items = list(self.rows.resolve(context) or [])
        if not items:
            return format_html("<p>{}</p>", mark_safe(self.parts["empty"].render(context).strip()))
        css_class = self.css_class.resolve(context) if self.css_class else ""
        if self.kind == "table":
            opening = (
                format_html('<div class="table-wrap"><table class="{}">', css_class)
                if css_class
                else '<div class="table-wrap"><table>'
            )
            head = self.parts["head"].render(context).strip()
            html = [f"{opening}\n  <thead>{head}</thead>\n  <tbody>\n"]
            closing = "\n  </tbody>\n</table></div>"
        else:
            html = [format_html('<ul class="{}">\n', f"cards {css_class}".strip())]
            closing = "\n</ul>"
        with context.push():
            for number, item in enumerate(items):
                context[self.item] = item
                context["forloop"] = {
                    "counter": number + 1,
                    "counter0": number,
                    "first": number == 0,
                    "last": number == len(items) - 1,
                }
                html.append(self.parts["row"].render(context))
        html.append(closing)
        return mark_safe("".join(html))


def _list(parser: Parser, token: Token, kind: str, sections: tuple[str, ...]) -> ListNode:
    bits = token.split_contents()
    if len(bits) not in (4, 5) or bits[2] != "as":
        raise template.TemplateSyntaxError(f'Use {{% {kind} items as item [class="…"] %}}')
    css_class = None
    if len(bits) == 5:
        name, _, value = bits[4].partition("=")
        if name != "class":
            raise template.TemplateSyntaxError(f"{{% {kind} %}} takes only class=")
        css_class = parser.compile_filter(value)
    parts = {}
    for section, end in zip(sections, (*sections[1:], f"end{kind}"), strict=True):
        parts[section] = parser.parse((end,))
        parser.delete_first_token()
    return ListNode(kind, parser.compile_filter(bits[1]), bits[3], css_class, parts)


@register.tag
def table(parser: Parser, token: Token) -> ListNode:
    """`{% table ROWS as ROW [class="…"] %} head {% row %} row {% empty %} none {% endtable %}`"""
    return _list(parser, token, "table", ("head", "row", "empty"))


@register.tag
def cards(parser: Parser, token: Token) -> ListNode:
    """`{% cards ITEMS as ITEM [class="…"] %} item {% empty %} none {% endcards %}`"""
    return _list(parser, token, "cards", ("row", "empty"))


@register.simple_tag
def heads(*labels: Any) -> SafeString:
    """A table's header row: a `<th scope="col">` for each label."""
    cells = format_html_join("", '<th scope="col">{}</th>', ((label,) for label in labels))
    return format_html("<tr>{}</tr>", cells)
