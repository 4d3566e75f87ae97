"""The write-then-audit shapes services share: an app's audit function that files each event
under the target's organisation and council (or forum), a new row validated, saved and
audited, and a few fields of a row set, saved and audited."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from typing import Any, Protocol, TypeVar

from django.db import models

from council.audit.models import AuditEvent
from council.audit.services import record
from council.lib.people import Person

M = TypeVar("M", bound=models.Model)


class Audit(Protocol):
    """Records one event of `action` on `target`, with `data`."""

    def __call__(
        self, actor: Person | None, action: str, target: models.Model, /, **data: Any
    ) -> AuditEvent: ...


def audit_for(scope: str | None = None, *, organisation: str | None = None) -> Audit:
    """An app's audit function: each event's data names first the target's `scope` (its
    `council_id` for "council"), and the event is filed under the organisation the target's
    attribute `organisation` holds ("host_id", "organisation_id", "pk")."""

    def audit(
        actor: Person | None, action: str, target: models.Model, /, **data: Any
    ) -> AuditEvent:
        if scope is not None:
            data = {scope: getattr(target, f"{scope}_id"), **data}
        return record(
            actor=actor,
            action=action,
            target=target,
            organisation_id=getattr(target, organisation) if organisation else None,
            data=data,
        )

    return audit


plain = audit_for()
# Events on an organisation, and on a row of one (a membership, an invitation).
audit_organisation = audit_for(organisation="pk")
audit_in_organisation = audit_for(organisation="organisation_id")


def create_audited(
    instance: M,
    *,
    actor: Person | None,
    action: str,
    exclude: Collection[str] = (),
    many: Mapping[str, Iterable[Any]] | None = None,
    data: Mapping[str, Any] | None = None,
    audit: Audit = plain,
) -> M:
    """Validate the new `instance` (all but the fields in `exclude`), save it, set its
    many-to-many relations `many` and audit its creation."""
    instance.full_clean(exclude=list(exclude))
    instance.save()
    for name, rows in (many or {}).items():
        getattr(instance, name).set(rows)
    audit(actor, action, instance, **(data or {}))
    return instance


def update_audited(
    instance: M,
    changes: Mapping[str, Any],
    *,
    actor: Person | None,
    action: str,
    data: Mapping[str, Any] | None = None,
    audit: Audit = plain,
) -> M:
    """Set `changes` on `instance`, save just those fields and audit the change."""
    for name, value in changes.items():
        setattr(instance, name, value)
    instance.save(update_fields=list(changes))
    audit(actor, action, instance, **(data or {}))
    return instance
