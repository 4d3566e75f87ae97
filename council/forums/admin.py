from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from council.forums.models import Forum, ForumSession, Question, Quota, Registration
from council.lib.admin import MirroredReadOnly, inline


@admin.register(Forum)
class ForumAdmin(MirroredReadOnly, TranslationAdmin):
    list_display = ["title", "host", "city", "starts_on", "capacity", "status"]
    list_filter = ["status"]
    search_fields = ["title"]
    raw_id_fields = ["host", "city", "volunteer_project"]
    filter_horizontal = ["co_hosts", "languages"]
    inlines = [
        inline(Quota),
        inline(Question, translated=True),
        inline(ForumSession, translated=True),
    ]


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    """Read-only: seats change through the services, which lock, re-count and audit."""

    list_display = ["person", "forum", "quota", "status", "created_at", "hold_expires_at"]
    list_filter = ["status"]
    search_fields = ["person__email"]

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False

    def has_add_permission(self, request: object) -> bool:
        return False
