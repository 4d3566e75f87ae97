"""Erasure: by the organisation, by the person through the link, by retention
(`manage.py expire_contacts`), and with the person's account."""

from __future__ import annotations

from datetime import date, timedelta
from io import StringIO
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from council.accounts.services import user_erase
from council.audit.models import AuditEvent
from council.volunteers.models import Contact, ContactStatus, ErasureReason
from council.volunteers.services.contact_retention import contacts_expire
from council.volunteers.services.contacts import contact_accept, contact_erase, contact_invite
from council.volunteers.tests.conftest import invitation_link

pytestmark = pytest.mark.django_db
PERSONAL = (
    "given_name",
    "family_name",
    "patronymic",
    "given_name_latin",
    "family_name_latin",
    "name_search",
    "email",
    "phone",
    "external_id",
    "preferred_language",
)


def _assert_tombstone(contact: Contact, reason: str) -> None:
    contact.refresh_from_db()
    assert [name for name in PERSONAL if getattr(contact, name)] == []
    assert contact.date_of_birth is None and contact.home_country is None
    assert contact.user is None
    assert contact.erased_at is not None and contact.erasure_reason == reason
    assert contact.status == ContactStatus.ERASED
    # The tombstone: id, organisation, source.
    assert contact.organisation_id and contact.source


def _full(make_contact: Any, **fields: Any) -> Contact:
    return make_contact(
        patronymic="Ержановна",
        given_name_latin="Aigerim",
        family_name_latin="Sarsenbayeva",
        phone="+77012345678",
        date_of_birth=date(1990, 1, 2),
        external_id="D-1",
        **fields,
    )


def test_the_organisation_erases_with_a_reason(make_contact, org_admin, kazakhstan) -> None:
    contact = _full(make_contact, home_country=kazakhstan)
    contact_erase(contact=contact, actor=org_admin, reason=ErasureReason.ORGANISATION)
    _assert_tombstone(contact, "organisation")
    event = AuditEvent.objects.get(action="contact.erased")
    assert event.actor == org_admin and event.data == {"reason": "organisation"}
    # Erasing again changes nothing.
    contact_erase(contact=contact, actor=org_admin, reason=ErasureReason.PERSON)
    assert AuditEvent.objects.filter(action="contact.erased").count() == 1


def test_an_unknown_reason_is_refused(make_contact, org_admin) -> None:
    contact = make_contact()
    with pytest.raises(ValidationError) as raised:
        contact_erase(contact=contact, actor=org_admin, reason="bored")
    assert "reason" in raised.value.message_dict
    contact.refresh_from_db()
    assert contact.erased_at is None


def test_the_person_erases_through_the_link(
    make_contact, org_admin, mailbox, django_capture_on_commit_callbacks
) -> None:
    contact = _full(make_contact)
    with django_capture_on_commit_callbacks(execute=True):
        contact_invite(contact=contact, actor=org_admin)
    erase = invitation_link(mailbox) + "erase/"
    client = Client()
    page = client.get(erase)
    assert page.status_code == 200 and "Astana Volunteer Centre" in page.content.decode()
    # A link scanner's GET, or an empty POST, erases nothing.
    assert client.post(erase, {}).status_code == 400
    contact.refresh_from_db()
    assert contact.erased_at is None
    done = client.post(erase, {"confirm": "on"})
    assert done.status_code == 200
    assert "Your data have been deleted" in done.content.decode()
    _assert_tombstone(contact, "person")
    assert AuditEvent.objects.get(action="contact.erased").actor is None
    assert client.get(erase).status_code == 410


def test_the_link_erases_even_after_the_invitation_expired(
    make_contact, org_admin, mailbox, django_capture_on_commit_callbacks
) -> None:
    contact = make_contact()
    with django_capture_on_commit_callbacks(execute=True):
        contact_invite(contact=contact, actor=org_admin)
    Contact.objects.filter(pk=contact.pk).update(
        invitation_expires_at=timezone.now() - timedelta(days=1)
    )
    assert Client().post(invitation_link(mailbox) + "erase/", {"confirm": "on"}).status_code == 200
    _assert_tombstone(contact, "person")


def test_retention_erases_only_what_is_due(make_contact, org_admin, settings) -> None:
    settings.CONTACT_RETENTION_DAYS = 30
    today = timezone.localdate()
    due = make_contact(email="due@example.org")
    Contact.objects.filter(pk=due.pk).update(erase_after=today)
    later = make_contact(email="later@example.org")
    assert later.erase_after == today + timedelta(days=30)
    accepted = make_contact(email="accepted@example.org")
    Contact.objects.filter(pk=accepted.pk).update(
        erase_after=today - timedelta(days=3), accepted_at=timezone.now()
    )
    gone = make_contact(email="gone@example.org")
    contact_erase(contact=gone, actor=org_admin, reason="organisation")
    out = StringIO()
    call_command("expire_contacts", stdout=out)
    assert out.getvalue().strip() == "Contacts erased: 1."
    _assert_tombstone(due, "retention")
    later.refresh_from_db()
    accepted.refresh_from_db()
    assert later.erased_at is None and accepted.erased_at is None
    # Idempotent.
    assert contacts_expire() == 0
    # Its day comes.
    assert contacts_expire(now=timezone.now() + timedelta(days=31)) == 1


def test_an_open_invitation_outlives_the_retention_period(
    make_contact, org_admin, settings
) -> None:
    settings.CONTACT_RETENTION_DAYS = 1
    contact = make_contact()
    contact_invite(contact=contact, actor=org_admin)
    contact.refresh_from_db()
    assert contact.erase_after > timezone.localdate(contact.invitation_expires_at)
    assert contacts_expire(now=timezone.now() + timedelta(days=5)) == 0


def test_an_erased_account_takes_its_contact_rows_along(
    make_contact, org_admin, mailbox, django_capture_on_commit_callbacks
) -> None:
    contact = _full(make_contact)
    contact_invite(contact=contact, actor=org_admin)
    contact.refresh_from_db()
    person = contact_accept(
        contact=contact, password="a long new passphrase 42", ip=None, consent=True
    )
    user_erase(user=person)
    _assert_tombstone(contact, "account")
