"""Read-only views of the queue and the merges: decisions and merges go through the pages and
their services (which move rows, tell the person and audit), never through the admin."""

from __future__ import annotations

from typing import Any

from django.contrib import admin

from council.dedup.models import AccountMerge, DuplicateCandidate


class ReadOnly(admin.ModelAdmin):  # type: ignore[type-arg]
    def has_add_permission(self, request: Any) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False


@admin.register(DuplicateCandidate)
class DuplicateCandidateAdmin(ReadOnly):
    list_display = ["pk", "kind", "score", "status", "country", "other_country", "created_at"]
    list_filter = ["kind", "status", "country"]
    raw_id_fields = ["left_user", "right_user", "left_organisation", "right_organisation"]


@admin.register(AccountMerge)
class AccountMergeAdmin(ReadOnly):
    list_display = ["pk", "survivor", "merged_user_id", "status", "created_at", "done_at"]
    list_filter = ["status"]
    search_fields = ["merged_email", "survivor__email"]
    list_select_related = ["survivor"]
    raw_id_fields = ["survivor", "proposed_by", "candidate"]
