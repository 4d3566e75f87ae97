from django.contrib import admin

from council.audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ["at", "actor", "action", "target_type", "target_id", "organisation_id"]
    list_filter = ["action"]
    search_fields = ["action", "target_id", "target_repr"]
    readonly_fields = [f.name for f in AuditEvent._meta.fields]
    list_select_related = ["actor"]

    def has_add_permission(self, request) -> bool:  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]
        return False
