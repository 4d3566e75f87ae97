"""Admin for projects, opportunities, shifts, applications and calendar feeds.

The admin is for the secretariat's corrections. After a save it brings the denormalised search
fields up to date, as the services do; applications are read-only here (seats are taken and
freed only through the application services, which keep the waiting list and mail in step).
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import transaction
from django.http import HttpRequest
from modeltranslation.admin import TranslationAdmin

from council.lib.admin import MirroredReadOnly, inline
from council.projects.models import (
    Application,
    CalendarFeed,
    Opportunity,
    OpportunityLanguage,
    Project,
    Shift,
)
from council.projects.services.index import opportunity_refresh, project_refresh


@admin.register(Project)
class ProjectAdmin(MirroredReadOnly, TranslationAdmin):
    list_display = ["title", "owner", "status", "is_flagship", "start_date", "created_at"]
    list_filter = ["status", "is_flagship"]
    search_fields = ["title_ru", "title_kk", "title_en", "owner__name"]
    list_select_related = ["owner"]
    raw_id_fields = ["owner", "created_by"]
    filter_horizontal = ["partners", "causes", "sdg_targets"]
    readonly_fields = ["countries", "created_at"]
    date_hierarchy = "created_at"
    inlines = [
        inline(
            Opportunity,
            translated=True,
            fields=["title", "is_online", "city", "application_mode", "capacity"],
            raw_id_fields=["city"],
            show_change_link=True,
        )
    ]

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        with transaction.atomic():
            super().save_related(request, form, formsets, change)
            project_refresh(project=form.instance)


@admin.register(Opportunity)
class OpportunityAdmin(MirroredReadOnly, TranslationAdmin):
    list_display = [
        "title",
        "project",
        "is_online",
        "city",
        "application_mode",
        "is_published",
        "first_start",
    ]
    list_filter = ["is_published", "is_online", "application_mode", "restricted_category"]
    search_fields = ["title_ru", "title_kk", "title_en", "project__title_ru", "project__title_en"]
    list_select_related = ["project", "city"]
    raw_id_fields = ["project", "city"]
    filter_horizontal = ["skills"]
    readonly_fields = [
        "country",
        "region",
        "is_published",
        "first_start",
        "last_end",
        "has_ended",
        "created_at",
    ]
    inlines = [inline(OpportunityLanguage), inline(Shift, fields=["start", "end", "capacity"])]

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        with transaction.atomic():
            super().save_related(request, form, formsets, change)
            opportunity_refresh(opportunity=form.instance)


@admin.register(Shift)
class ShiftAdmin(MirroredReadOnly, admin.ModelAdmin):
    list_display = ["opportunity", "start", "end", "capacity"]
    list_select_related = ["opportunity"]
    raw_id_fields = ["opportunity"]
    date_hierarchy = "start"
    readonly_fields = ["reminder_sent_at"]

    def save_model(self, request: HttpRequest, obj: Shift, form: Any, change: bool) -> None:
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            opportunity_refresh(opportunity=obj.opportunity)

    def delete_model(self, request: HttpRequest, obj: Shift) -> None:
        with transaction.atomic():
            opportunity = obj.opportunity
            super().delete_model(request, obj)
            opportunity_refresh(opportunity=opportunity)

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        """The "delete selected" action: the opportunities of the deleted shifts are brought
        up to date too."""
        with transaction.atomic():
            opportunities = list(
                Opportunity.objects.filter(shifts__in=queryset)
                .distinct()
                .select_related("project__owner", "city")
            )
            super().delete_queryset(request, queryset)
            for opportunity in opportunities:
                opportunity_refresh(opportunity=opportunity)


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    list_display = ["volunteer", "opportunity", "shift", "status", "created_at", "decided_at"]
    list_filter = ["status"]
    search_fields = ["volunteer__email", "opportunity__title_ru", "opportunity__title_en"]
    list_select_related = ["volunteer", "opportunity", "shift"]
    raw_id_fields = ["volunteer", "opportunity", "shift", "decided_by"]
    date_hierarchy = "created_at"

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return [field.name for field in Application._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(CalendarFeed)
class CalendarFeedAdmin(admin.ModelAdmin):
    list_display = ["user", "created_at"]
    list_select_related = ["user"]
    search_fields = ["user__email"]
    raw_id_fields = ["user"]
    readonly_fields = ["token", "created_at"]
