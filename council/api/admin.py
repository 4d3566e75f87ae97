from django.contrib import admin

from council.api.models import ApiToken


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "prefix", "scope", "created_at", "last_used_at", "revoked_at"]
    list_filter = ["scope"]
    search_fields = ["name", "prefix", "user__email"]
    list_select_related = ["user"]
    # The secret is never stored; its hash is of no use to anyone reading this page.
    exclude = ["key_hash"]
    readonly_fields = ["user", "prefix", "scope", "created_at", "last_used_at"]

    def has_add_permission(self, request) -> bool:  # type: ignore[no-untyped-def]
        return False
