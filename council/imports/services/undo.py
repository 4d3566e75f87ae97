"""Undo: the rows an import created are deleted, in one transaction, while nothing has
touched them.

"Touched" means any of:
- an audited change to one of the rows after the import (an edit, a verification, an
  invitation accepted: anything but the import's own `*.imported` event);
- something new that refers to one of them (the kind says what: members of an imported
  organisation, an imported contact who accepted the invitation or got hours…);
- a row the database itself refuses to delete because something protects it.
Undo then refuses, listing what was touched; nothing is deleted."""

from __future__ import annotations

from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import CharField
from django.db.models.deletion import ProtectedError, RestrictedError
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext as _

from council.accounts.models import User
from council.audit.models import AuditEvent
from council.imports.kinds import KINDS
from council.imports.models import ImportedObject, ImportJob, ImportStatus
from council.imports.services.journey import audit

# The statuses after which what an import wrote may be undone.
UNDOABLE = (ImportStatus.FINISHED, ImportStatus.CANCELLED, ImportStatus.FAILED)
DELETE_CHUNK = 2000


def created_by_model(job: ImportJob) -> dict[type[models.Model], list[int]]:
    created: dict[type[models.Model], list[int]] = defaultdict(list)
    types = {
        pk: ContentType.objects.get_for_id(pk)
        for pk in ImportedObject.objects.filter(job=job)
        .values_list("content_type_id", flat=True)
        .distinct()
    }
    rows = ImportedObject.objects.filter(job=job).order_by("pk")
    for content_type_id, object_id in rows.values_list("content_type_id", "object_id"):
        model = types[content_type_id].model_class()
        if model is not None:
            created[model].append(object_id)
    return created


def _changed_since(job: ImportJob, own_actions: tuple[str, ...]) -> bool:
    """An audited change to one of the created rows other than its import."""
    for content_type_id in (
        ImportedObject.objects.filter(job=job).values_list("content_type_id", flat=True).distinct()
    ):
        content_type = ContentType.objects.get_for_id(content_type_id)
        ids = (
            ImportedObject.objects.filter(job=job, content_type_id=content_type_id)
            .annotate(text=Cast("object_id", CharField()))
            .values("text")
        )
        label = f"{content_type.app_label}.{content_type.model}"
        changes = AuditEvent.objects.filter(target_type=label, target_id__in=ids).exclude(
            action__in=own_actions
        )
        if changes.exists():
            return True
    return False


def touched_reasons(job: ImportJob) -> list[str]:
    kind = KINDS[job.kind]
    reasons = kind.touched(job, created_by_model(job))
    if _changed_since(job, (kind.created_action, *kind.own_actions)):
        reasons.append(_("Some of the imported rows have been changed since the import."))
    return reasons


@transaction.atomic
def import_undo(*, actor: User, job: ImportJob) -> ImportJob:
    """Delete every row the import created, or refuse with what was touched."""
    job = ImportJob.objects.select_for_update().get(pk=job.pk)
    if job.status not in UNDOABLE or not job.rows_created:
        raise ValidationError(_("This import has written nothing that could be undone."))
    reasons = touched_reasons(job)
    if reasons:
        raise ValidationError(
            [_("This import cannot be undone: its rows have been used since."), *reasons]
        )
    deleted: dict[str, int] = {}
    kind = KINDS[job.kind]
    try:
        # Last created first: an opportunity before its project.
        for model, ids in reversed(created_by_model(job).items()):
            for start in range(0, len(ids), DELETE_CHUNK):
                kind.delete(model, ids[start : start + DELETE_CHUNK])
            deleted[model._meta.label_lower] = len(ids)
    except (ProtectedError, RestrictedError):
        raise ValidationError(
            [
                _("This import cannot be undone: its rows have been used since."),
                _("Other records refer to some of the imported rows."),
            ]
        ) from None
    job.status = ImportStatus.UNDONE
    job.undone_at = timezone.now()
    job.save(update_fields=["status", "undone_at"])
    audit(actor, "import.undone", job, deleted=deleted)
    return job
