from __future__ import annotations

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from council.lib.admin import inline
from council.reference import models as ref


@admin.register(ref.Country)
class CountryAdmin(TranslationAdmin):
    list_display = ["code", "code3", "numeric", "name", "is_council_member"]
    list_filter = ["is_council_member"]
    search_fields = ["code", "code3", "name_ru", "name_kk", "name_en"]


@admin.register(ref.Region)
class RegionAdmin(TranslationAdmin):
    list_display = ["code", "name", "country", "kind", "geonames_admin1"]
    list_filter = ["country", "kind"]
    search_fields = ["code", "name_ru", "name_kk", "name_en"]
    list_select_related = ["country"]


@admin.register(ref.City)
class CityAdmin(TranslationAdmin):
    list_display = ["name", "region", "country", "population", "timezone", "geonames_id"]
    list_filter = ["country"]
    search_fields = ["name_ru", "name_kk", "name_en", "=geonames_id"]
    list_select_related = ["country", "region"]
    raw_id_fields = ["region"]


@admin.register(ref.Language)
class LanguageAdmin(TranslationAdmin):
    list_display = ["code", "name", "position"]
    list_editable = ["position"]
    search_fields = ["code", "name_ru", "name_kk", "name_en"]


@admin.register(ref.SdgGoal)
class SdgGoalAdmin(TranslationAdmin):
    list_display = ["number", "short_name", "colour"]
    search_fields = ["short_name_ru", "short_name_kk", "short_name_en"]
    inlines = [inline(ref.SdgTarget, translated=True, fields=["code", "position", "title"])]


@admin.register(ref.SdgTarget)
class SdgTargetAdmin(TranslationAdmin):
    list_display = ["code", "title", "goal"]
    list_filter = ["goal"]
    search_fields = ["code", "title_ru", "title_kk", "title_en"]
    list_select_related = ["goal"]


@admin.register(ref.Cause)
class CauseAdmin(TranslationAdmin):
    list_display = ["slug", "name", "position", "goals"]
    search_fields = ["slug", "name_ru", "name_kk", "name_en"]
    filter_horizontal = ["sdg_goals"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[ref.Cause]:
        return super().get_queryset(request).prefetch_related("sdg_goals")

    @admin.display(description=_("SDG goals"))
    def goals(self, cause: ref.Cause) -> str:
        return ", ".join(str(goal.number) for goal in cause.sdg_goals.all())


@admin.register(ref.IscoGroup)
class IscoGroupAdmin(TranslationAdmin):
    list_display = ["code", "name", "parent"]
    search_fields = ["code", "name_ru", "name_kk", "name_en"]
    list_select_related = ["parent"]


@admin.register(ref.SkillGroup)
class SkillGroupAdmin(TranslationAdmin):
    list_display = ["slug", "name", "position"]
    search_fields = ["slug", "name_ru", "name_kk", "name_en"]


@admin.register(ref.Skill)
class SkillAdmin(TranslationAdmin):
    list_display = ["slug", "name", "group", "isco_major"]
    list_filter = ["group", "isco_major"]
    search_fields = ["slug", "name_ru", "name_kk", "name_en"]
    list_select_related = ["group", "isco_major"]
