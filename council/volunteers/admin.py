from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from council.lib.admin import inline
from council.volunteers.models import LanguageSkill, VolunteerProfile


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
