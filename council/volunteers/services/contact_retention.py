"""Contacts over time: erasure when the retention period ends without an acceptance, and the
person's own rows in their "my data" file and account erasure."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from council.accounts.models import User
from council.volunteers.models import Contact, ErasureReason
from council.volunteers.services.contacts import contact_erase


def contacts_expire(*, now: datetime | None = None) -> int:
    """Erase the contacts not accepted by their `erase_after` day (CONTACT_RETENTION_DAYS
    after they were added, or the day after their last invitation expired if that is
    later), each in its own transaction, re-checked under its lock; returns how many.
    Idempotent."""
    today = timezone.localdate(now or timezone.now())
    due = Contact.objects.filter(
        erased_at__isnull=True, accepted_at__isnull=True, erase_after__lte=today
    )
    erased = 0
    for pk in due.order_by("pk").values_list("pk", flat=True).iterator():
        with transaction.atomic():
            contact = (
                Contact.objects.select_for_update()
                .filter(erased_at__isnull=True, accepted_at__isnull=True, erase_after__lte=today)
                .filter(pk=pk)
                .first()
            )
            if contact is None:
                continue
            contact_erase(contact=contact, actor=None, reason=ErasureReason.RETENTION)
            erased += 1
    return erased


def contacts_expire_job() -> int:
    """`manage.py expire_contacts`."""
    return contacts_expire()


def contacts_export(user: User) -> list[dict[str, Any]]:
    """The contact rows linked to the person, for their "my data" file."""
    rows: Iterable[Contact] = Contact.objects.filter(user=user).select_related("organisation")
    return [
        {
            "organisation": contact.organisation_id,
            "organisation_name": str(contact.organisation.name),
            "source": contact.source,
            "external_id": contact.external_id,
            "given_name": contact.given_name,
            "family_name": contact.family_name,
            "patronymic": contact.patronymic,
            "given_name_latin": contact.given_name_latin,
            "family_name_latin": contact.family_name_latin,
            "email": contact.email,
            "phone": contact.phone,
            "date_of_birth": contact.date_of_birth.isoformat() if contact.date_of_birth else None,
            "preferred_language": contact.preferred_language,
            "home_country": contact.home_country_id,
            "added_at": contact.created_at.isoformat(),
            "invited_at": contact.invited_at.isoformat() if contact.invited_at else None,
            "accepted_at": contact.accepted_at.isoformat() if contact.accepted_at else None,
        }
        for contact in rows
    ]


def contacts_erase(user: User) -> None:
    """The person's account is erased: so are the organisations' contact rows of them."""
    for contact in Contact.objects.filter(user=user, erased_at__isnull=True):
        contact_erase(contact=contact, actor=None, reason=ErasureReason.ACCOUNT)
