"""Contacts made by an import (council.imports), many at a time: each checked exactly as
`contact_create` checks one, then written with one INSERT per batch and one audit event each
(`contact.imported`, naming the import). Like every contact, they have no account and no
password: they are invited, not signed up."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db import transaction
from django.utils import timezone

from council.accounts.models import User
from council.audit.services import record_many
from council.orgs.models import Organisation
from council.volunteers.models import Contact
from council.volunteers.services.contacts import _clean, _retention_end


def contact_check(contact: Contact, *, today: date | None = None) -> None:
    """Normalise and check an unsaved contact as `contact_create` would (ValidationError by
    field), leaving the uniqueness of its external id to the caller, who looks a whole
    batch's ids up at once (`contacts_with_external_ids`). `today`: the local date, when the
    caller has read it for many contacts."""
    _clean(contact, external_id_checked=True, today=today)


def contacts_with_external_ids(
    *, organisation: Organisation, source: str, external_ids: Iterable[str]
) -> dict[str, Contact]:
    """The organisation's contacts from `source` holding one of these external ids."""
    wanted = {value for value in external_ids if value}
    if not wanted:
        return {}
    rows = Contact.objects.filter(organisation=organisation, source=source, external_id__in=wanted)
    return {contact.external_id: contact for contact in rows}


@transaction.atomic
def contacts_import(
    *,
    organisation: Organisation,
    actor: User | None,
    contacts: list[Contact],
    source: str,
    audit_data: dict[str, object],
) -> list[Contact]:
    """Write checked contacts (contact_check) of one organisation and source."""
    erase_after = _retention_end(timezone.localdate())
    for contact in contacts:
        contact.organisation = organisation
        contact.created_by = actor
        contact.source = source.strip()[:40] or "manual"
        contact.erase_after = erase_after
    created = Contact.objects.bulk_create(contacts)
    record_many(
        actor=actor,
        action="contact.imported",
        targets=created,
        organisation_id=organisation.pk,
        data={"source": source, **audit_data},
    )
    return created
