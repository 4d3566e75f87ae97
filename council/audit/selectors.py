from __future__ import annotations

from django.db.models import QuerySet

from council.audit.models import AuditEvent


def audit_events_for_organisation(*, organisation_id: int) -> QuerySet[AuditEvent]:
    return AuditEvent.objects.filter(organisation_id=organisation_id).select_related("actor")


def audit_events_for_target(*, target_type: str, target_id: str) -> QuerySet[AuditEvent]:
    return AuditEvent.objects.filter(target_type=target_type, target_id=target_id).select_related(
        "actor"
    )
