from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from council.news.models import NewsItem


@admin.register(NewsItem)
class NewsItemAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """For looking items up: their editors write them through the pages, which audit each
    change, so the admin only reads."""

    list_display = ["title", "organisation", "council", "status", "published_at"]
    list_filter = ["status"]
    list_select_related = ["organisation", "council"]
    search_fields = ["title_ru", "title_kk", "title_en"]
    date_hierarchy = "published_at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
