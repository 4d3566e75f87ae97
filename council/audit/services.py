from __future__ import annotations

from collections.abc import Iterable
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


def record_many(
    *,
    actor: Person | None,
    action: str,
    targets: Iterable[models.Model],
    organisation_id: int | None = None,
    organisation: str | None = None,
    data: dict[str, Any] | None = None,
    batch_size: int = 2000,
) -> int:
    """Write one audit event per target in a few INSERTs (an import's thousands of created
    rows), the same `data` on each, filed under `organisation_id` or the organisation each
    target's attribute `organisation` holds ("pk", "organisation_id"); call it inside the
    transaction of the change. Returns the number of events written."""
    actor_id = getattr(actor, "pk", None) if actor is not None else None
    if not getattr(actor, "is_authenticated", True):
        actor_id = None
    events = [
        AuditEvent(
            actor_id=actor_id,
            action=action,
            target_type=target._meta.label_lower,
            target_id=str(target.pk),
            target_repr=str(target)[:200],
            organisation_id=getattr(target, organisation) if organisation else organisation_id,
            data=data or {},
        )
        for target in targets
    ]
    AuditEvent.objects.bulk_create(events, batch_size=batch_size)
    return len(events)
