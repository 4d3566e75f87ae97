from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from council.audit.labels import action_label
from council.audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ["at", "actor", "what", "action", "target_type", "target_id", "organisation_id"]
    list_filter = ["action"]
    search_fields = ["action", "target_id", "target_repr"]
    readonly_fields = [f.name for f in AuditEvent._meta.fields]
    list_select_related = ["actor"]

    @admin.display(description=_("What"))
    def what(self, event: AuditEvent) -> str:
        return action_label(event.action)

    def has_add_permission(self, request) -> bool:  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]
        return False
