"""The news items' fields kept in every language."""

from council.lib.translation import translated_fields_register
from council.news.models import NewsItem

translated_fields_register({NewsItem: ("title", "summary", "body")})
