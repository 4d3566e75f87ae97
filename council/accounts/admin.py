import allauth.mfa.admin  # noqa: F401  (registers allauth's admin, replaced below)
from allauth.mfa.models import Authenticator
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from council.accounts.models import Consent, User
from council.accounts.services import PROFILE_FIELDS


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "given_name", "family_name", "home_country", "is_secretariat"]
    list_filter = ["home_country", "is_secretariat", "is_staff", "is_active"]
    search_fields = ["email", "given_name", "family_name", "name_search"]
    list_select_related = ["home_country"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (
            _("Person"),
            {"fields": PROFILE_FIELDS},
        ),
        (
            _("Roles"),
            {"fields": ("is_active", "is_secretariat", "is_staff", "is_superuser", "groups")},
        ),
        (_("Dates"), {"fields": ("last_login", "date_joined", "erased_at")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)


@admin.register(Consent)
class ConsentAdmin(admin.ModelAdmin):
    list_display = ["user", "purpose", "text_version", "given_at", "withdrawn_at"]
    list_filter = ["purpose", "text_version"]
    raw_id_fields = ["user"]
    list_select_related = ["user"]


# allauth's own admin (imported above, which the app list would do only after this module)
# shows and edits the raw data with the secret.
admin.site.unregister(Authenticator)


@admin.register(Authenticator)
class AuthenticatorAdmin(admin.ModelAdmin):
    """Who has which second factor, and since when; never the secret itself. An admin may
    delete one (a lost phone), not add or edit one."""

    list_display = ["user", "type", "created_at", "last_used_at"]
    list_filter = ["type", "created_at", "last_used_at"]
    search_fields = ["user__email"]
    list_select_related = ["user"]
    fields = ("user", "type", "created_at", "last_used_at")
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
