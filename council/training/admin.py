from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from council.training.models import QuizAttempt, TrainingModule


class ReadOnly(admin.ModelAdmin):  # type: ignore[type-arg]
    """For looking rows up: organisers write them through the pages, which audit each change."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(TrainingModule)
class TrainingModuleAdmin(ReadOnly):
    list_display = ["title", "organisation", "credential", "pass_mark", "is_published"]
    list_filter = ["is_published"]
    list_select_related = ["organisation", "credential"]
    search_fields = ["title_ru", "title_kk", "title_en"]


@admin.register(QuizAttempt)
class QuizAttemptAdmin(ReadOnly):
    list_display = ["module", "volunteer", "score", "passed", "created_at"]
    list_filter = ["passed"]
    list_select_related = ["module", "volunteer"]
