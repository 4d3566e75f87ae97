from django.contrib import admin
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from council.cooperation.models import (
    Agreement,
    AgreementDocument,
    AgreementExtension,
    Council,
    CouncilMember,
    CouncilRole,
    Programme,
    Signatory,
)


class MemberInline(admin.TabularInline):
    model = CouncilMember
    extra = 0
    raw_id_fields = ["organisation"]


class RoleInline(admin.TabularInline):
    model = CouncilRole
    extra = 0
    raw_id_fields = ["user", "organisation"]


@admin.register(Council)
class CouncilAdmin(TranslationAdmin):
    inlines = [MemberInline, RoleInline]


class SignatoryInline(TranslationTabularInline):
    model = Signatory
    extra = 0
    raw_id_fields = ["organisation"]


class ExtensionInline(admin.TabularInline):
    model = AgreementExtension
    extra = 0
    readonly_fields = ["previous_ends_on", "ends_on", "signed_on", "note", "created_by"]


class DocumentInline(admin.TabularInline):
    model = AgreementDocument
    extra = 0
    readonly_fields = ["title", "size", "uploaded_by", "uploaded_at"]
    exclude = ["file"]


@admin.register(Agreement)
class AgreementAdmin(TranslationAdmin):
    list_display = ["title", "council", "status", "signed_on", "ends_on"]
    list_filter = ["status"]
    raw_id_fields = ["parties"]
    inlines = [SignatoryInline, ExtensionInline, DocumentInline]


@admin.register(Programme)
class ProgrammeAdmin(TranslationAdmin):
    raw_id_fields = ["organisations", "projects", "agreement"]
    filter_horizontal = ["countries"]
