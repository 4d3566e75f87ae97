"""Verified hours brought in from elsewhere: a spreadsheet import (council.imports) or another
registry's exchange file (council.interchange). They arrive already verified by the
organisation named in them, so they are written as verified entries at once, valued like any
other, and kept in the aggregates. `origin` says where they came from ("import:<id>",
"exchange:<issuer>") and `external_id` is their id there: bringing the same record in again
updates the entry instead of adding a second one."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from council.accounts.models import User
from council.audit.services import record
from council.hours.models import CheckIn, EntryMode, EntrySource, EntryStatus, HoursEntry
from council.hours.services.entries import _age_band, _value, clean_hours
from council.hours.services.rollups import rollups_maintained
from council.projects.models import Opportunity, Project


@dataclass
class ImportedEntry:
    """One verified record of hours to bring in."""

    volunteer: User
    project: Project
    day: date
    hours: Decimal
    origin: str
    external_id: str
    country_id: str
    region_id: int | None = None
    opportunity: Opportunity | None = None
    verified_at: datetime | None = None
    mode: str = EntryMode.ORGANISATION
    during_paid_work: bool = False
    isco_group_id: str | None = None
    sdg_target_ids: list[int] = field(default_factory=list)
    description: str = ""


# What a second import of the same record may change.
_UPDATED = (
    "volunteer",
    "organisation",
    "project",
    "opportunity",
    "date",
    "hours",
    "mode",
    "during_paid_work",
    "isco_group",
    "country",
    "region",
    "description",
    "decided_at",
    "age_band",
    "value",
    "currency",
    "wage_rate",
    "valuation_level",
)


def _fill(entry: HoursEntry, item: ImportedEntry) -> None:
    entry.volunteer = item.volunteer
    entry.organisation_id = item.project.owner_id
    entry.project = item.project
    entry.opportunity = item.opportunity
    entry.date = item.day
    entry.hours = clean_hours(item.hours)
    entry.mode = item.mode
    entry.during_paid_work = item.during_paid_work
    entry.isco_group_id = item.isco_group_id
    entry.country_id = item.country_id
    entry.region_id = item.region_id
    entry.description = item.description.strip()
    entry.decided_at = item.verified_at or timezone.now()
    entry.age_band = _age_band(entry)
    _value(entry)


@transaction.atomic
def hours_import_verified(
    *, actor: User | None, entries: Sequence[ImportedEntry]
) -> tuple[int, int]:
    """Write the records as verified entries (created, or updated when their origin and id
    are already known), each audited, with the aggregates kept right. Returns (created,
    updated). The caller has checked that the actor may vouch for them; each entry is
    `full_clean`ed (a date in the future or before 2000 is refused with its field)."""
    known = {
        (entry.origin, entry.external_id): entry
        for entry in HoursEntry.objects.filter(
            external_id__in=[item.external_id for item in entries if item.external_id]
        ).exclude(external_id="")
    }
    volunteer_ids: Iterable[int] = {item.volunteer.pk for item in entries}
    created = updated = 0
    with rollups_maintained(
        [entry.pk for entry in known.values()], volunteer_ids=volunteer_ids
    ) as tracker:
        for item in entries:
            entry = known.get((item.origin, item.external_id)) if item.external_id else None
            is_new = entry is None
            if entry is None:
                entry = HoursEntry(
                    source=EntrySource.IMPORTED,
                    status=EntryStatus.VERIFIED,
                    origin=item.origin,
                    external_id=item.external_id,
                    created_by=actor,
                    decided_by=actor,
                )
            _fill(entry, item)
            entry.full_clean(
                exclude=["volunteer", "organisation", "project", "country", "created_by"],
                validate_constraints=False,
            )
            entry.save() if is_new else entry.save(update_fields=_UPDATED)
            entry.sdg_targets.set(item.sdg_target_ids)
            entry.causes.set(list(item.project.causes.values_list("pk", flat=True)))
            if is_new:
                tracker.created(entry)
                created += 1
                if item.external_id:
                    known[(item.origin, item.external_id)] = entry
            else:
                updated += 1
            record(
                actor=actor,
                action="hours.imported" if is_new else "hours.import_updated",
                target=entry,
                organisation_id=entry.organisation_id,
                data={"hours": str(entry.hours), "origin": entry.origin, "id": entry.external_id},
            )
    return created, updated


@transaction.atomic
def hours_imported_delete(*, entry_ids: Sequence[int]) -> int:
    """Delete imported entries (an import undone by its importer, council.imports), with the
    aggregates kept right. The caller has checked that nothing has used them since and
    records the undo; the deleted entries' own audit events stay. Returns how many."""
    ids = list(entry_ids)
    if not ids:
        return 0
    with rollups_maintained(ids):
        wanted = HoursEntry.objects.filter(pk__in=ids, source=EntrySource.IMPORTED)
        CheckIn.objects.filter(entry__in=wanted).update(entry=None)
        count = wanted.count()
        wanted.delete()
    return count
