from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from council.lib.admin import MirroredReadOnly, inline
from council.orgs.models import Invitation, Membership, Organisation


@admin.register(Organisation)
class OrganisationAdmin(MirroredReadOnly, TranslationAdmin):
    list_display = ["name", "kind", "country", "status", "created_at"]
    list_filter = ["status", "kind", "country"]
    search_fields = ["name_ru", "name_kk", "name_en", "registration_number"]
    raw_id_fields = ["parent", "city", "region", "created_by", "verified_by"]
    list_select_related = ["country"]
    inlines = [inline(Membership, raw_id_fields=["user"])]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation", "role", "created_at"]
    list_filter = ["role"]
    raw_id_fields = ["user", "organisation"]
    list_select_related = ["user", "organisation"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "organisation", "role", "created_at", "accepted_at", "revoked_at"]
    raw_id_fields = ["organisation", "invited_by"]
    list_select_related = ["organisation"]
