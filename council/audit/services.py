from __future__ import annotations

from typing import Any

from django.db import models

from council.audit.models import AuditEvent
from council.lib.people import Person


def record(
    *,
    actor: Person | None,
    action: str,
    target: models.Model,
    organisation_id: int | None = None,
    data: dict[str, Any] | None = None,
) -> AuditEvent:
    """Write one audit event; call it inside the transaction of the change it describes."""
    actor_id = getattr(actor, "pk", None) if actor is not None else None
    return AuditEvent.objects.create(
        actor_id=actor_id if getattr(actor, "is_authenticated", True) else None,
        action=action,
        target_type=target._meta.label_lower,
        target_id=str(target.pk),
        target_repr=str(target)[:200],
        organisation_id=organisation_id,
        data=data or {},
    )
