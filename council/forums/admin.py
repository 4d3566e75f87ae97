from django.contrib import admin
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from council.forums.models import Forum, ForumSession, Question, Quota, Registration


class QuotaInline(admin.TabularInline):
    model = Quota
    extra = 0


class QuestionInline(TranslationTabularInline):
    model = Question
    extra = 0


class SessionInline(TranslationTabularInline):
    model = ForumSession
    extra = 0


@admin.register(Forum)
class ForumAdmin(TranslationAdmin):
    list_display = ["title", "host", "city", "starts_on", "capacity", "status"]
    list_filter = ["status"]
    search_fields = ["title"]
    raw_id_fields = ["host", "city", "volunteer_project"]
    filter_horizontal = ["co_hosts", "languages"]
    inlines = [QuotaInline, QuestionInline, SessionInline]


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
