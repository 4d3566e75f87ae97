from django.contrib import admin
from django.http import HttpRequest
from modeltranslation.admin import TranslationAdmin

from council.lib.admin import inline
from council.volunteers.models import Contact, LanguageSkill, VolunteerProfile


@admin.register(VolunteerProfile)
class VolunteerProfileAdmin(TranslationAdmin):
    list_display = ["user", "city", "date_of_birth", "discoverable", "updated_at"]
    list_filter = ["discoverable", "medical_qualification"]
    search_fields = ["user__email", "user__name_search"]
    raw_id_fields = ["user", "city"]
    filter_horizontal = ["skills", "causes", "sdg_goals"]
    list_select_related = ["user", "city"]
    readonly_fields = ["updated_at"]
    inlines = [inline(LanguageSkill)]


@admin.register(Contact)
class ContactAdmin(admin.ModelAdmin):
    """Read-only: contacts change through their organisation's pages (audited)."""

    list_display = ["pk", "organisation", "source", "created_at", "invited_at", "accepted_at"]
    list_filter = ["source"]
    raw_id_fields = ["organisation", "home_country", "created_by", "user"]
    list_select_related = ["organisation"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
