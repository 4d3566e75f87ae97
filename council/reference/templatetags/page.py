"""What a page would otherwise write twice: `{% load page %}` then `<h1>{% page_title %}</h1>`.

`page.html` writes a page's `<h1>` from the same `{% block title %}` that names the browser
tab, so a page that extends it says its title once; `{% repeat_block "name" %}` writes any
other block of the page once more (Django's `{% block %}` stands once in a template).

`{% section "programme" _("Programme") class="panel" %}…{% endsection %}` writes a section
labelled by its heading, the heading's id ("programme-heading") once:

    <section class="panel" aria-labelledby="programme-heading">
      <h2 id="programme-heading">Programme</h2>…</section>"""

from __future__ import annotations

from django import template
from django.template.base import FilterExpression, Node, NodeList, Parser, Token
from django.template.context import Context
from django.template.loader_tags import BLOCK_CONTEXT_KEY
from django.utils.html import format_html
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


class SectionNode(Node):
    """A `<section>` labelled by its `<h2>`, then its content."""

    def __init__(
        self,
        name: FilterExpression,
        heading: FilterExpression,
        css_class: FilterExpression | None,
        content: NodeList,
    ) -> None:
        self.name, self.heading, self.css_class, self.content = name, heading, css_class, content

    def render(self, context: Context) -> SafeString:
        label = f"{self.name.resolve(context)}-heading"
        css_class = self.css_class.resolve(context) if self.css_class else ""
        opening = format_html(
            '<section{} aria-labelledby="{}">\n  <h2 id="{}">{}</h2>',
            format_html(' class="{}"', css_class) if css_class else "",
            label,
            label,
            self.heading.resolve(context),
        )
        return format_html("{}{}</section>", opening, self.content.render(context))


@register.tag
def section(parser: Parser, token: Token) -> SectionNode:
    """`{% section NAME HEADING [class="…"] %} content {% endsection %}`"""
    bits = token.split_contents()
    css_class = None
    if len(bits) == 4 and bits[3].startswith("class="):
        css_class = parser.compile_filter(bits[3].removeprefix("class="))
    elif len(bits) != 3:
        raise template.TemplateSyntaxError('Use {% section name heading [class="…"] %}')
    content = parser.parse(("endsection",))
    parser.delete_first_token()
    return SectionNode(
        parser.compile_filter(bits[1]), parser.compile_filter(bits[2]), css_class, content
    )
