from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

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
from council.lib.admin import MirroredReadOnly, inline


@admin.register(Council)
class CouncilAdmin(MirroredReadOnly, TranslationAdmin):
    inlines = [
        inline(CouncilMember, raw_id_fields=["organisation"]),
        inline(CouncilRole, raw_id_fields=["user", "organisation"]),
    ]


@admin.register(Agreement)
class AgreementAdmin(MirroredReadOnly, TranslationAdmin):
    list_display = ["title", "council", "status", "signed_on", "ends_on"]
    list_filter = ["status"]
    raw_id_fields = ["parties"]
    inlines = [
        inline(Signatory, translated=True, raw_id_fields=["organisation"]),
        inline(
            AgreementExtension,
            readonly_fields=["previous_ends_on", "ends_on", "signed_on", "note", "created_by"],
        ),
        inline(
            AgreementDocument,
            readonly_fields=["title", "size", "uploaded_by", "uploaded_at"],
            exclude=["file"],
        ),
    ]


@admin.register(Programme)
class ProgrammeAdmin(MirroredReadOnly, TranslationAdmin):
    raw_id_fields = ["organisations", "projects", "agreement"]
    filter_horizontal = ["countries"]
