"""contact_invite: a mail in the contact's language with a working link; re-invitation."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from council.audit.models import AuditEvent
from council.volunteers.models import ContactStatus, contact_token_digest
from council.volunteers.services.contacts import (
    contact_erase,
    contact_invite,
    contacts_invite_all,
)
from council.volunteers.tests.conftest import invitation_link

pytestmark = pytest.mark.django_db


def test_it_mails_the_invitation_in_the_contacts_language(
    make_contact, org_admin, mailbox, django_capture_on_commit_callbacks
) -> None:
    contact = make_contact(preferred_language="kk", phone="+77012345678")
    with django_capture_on_commit_callbacks(execute=True):
        contact_invite(contact=contact, actor=org_admin)
    (message,) = mailbox
    assert message.to == ["aigerim@example.org"]
    assert "Astana Volunteer Centre" in message.subject
    # In Kazakh: what the organisation holds, under Kazakh labels.
    assert "Электрондық пошта мекенжайы: aigerim@example.org" in message.body
    assert "Сарсенбаева Айгерим" in message.body and "+77012345678" in message.body
    link = invitation_link(mailbox)
    assert f"{link}erase/" in message.body
    # Only the token's digest is kept; the link works.
    contact.refresh_from_db()
    token = link.rstrip("/").rsplit("/", 1)[1]
    assert len(token) >= 43 and contact.invitation_token == contact_token_digest(token)
    assert token not in str(contact.__dict__)
    assert contact.status == ContactStatus.INVITED and contact.invitation_count == 1
    page = Client().get(link)
    assert page.status_code == 200
    assert "Astana Volunteer Centre" in page.content.decode()
    event = AuditEvent.objects.get(action="contact.invited")
    assert event.data == {"count": 1} and token not in str(event.data)


def test_inviting_again_sends_a_new_link_and_closes_the_old(
    make_contact, org_admin, mailbox, django_capture_on_commit_callbacks
) -> None:
    contact = make_contact()
    with django_capture_on_commit_callbacks(execute=True):
        contact_invite(contact=contact, actor=org_admin)
    first = invitation_link(mailbox)
    with django_capture_on_commit_callbacks(execute=True):
        contact_invite(contact=contact, actor=org_admin)
    second = invitation_link(mailbox)
    assert first != second
    assert Client().get(first).status_code == 404
    assert Client().get(second).status_code == 200
    contact.refresh_from_db()
    assert contact.invitation_count == 2


def test_it_refuses_a_contact_without_an_address(make_contact, org_admin, mailbox) -> None:
    contact = make_contact(email="")
    with pytest.raises(ValidationError) as raised:
        contact_invite(contact=contact, actor=org_admin)
    assert "email" in raised.value.message_dict
    contact.refresh_from_db()
    assert contact.invited_at is None and mailbox == []


def test_it_refuses_an_erased_contact(make_contact, org_admin, mailbox) -> None:
    contact = make_contact()
    contact_erase(contact=contact, actor=org_admin, reason="organisation")
    with pytest.raises(ValidationError):
        contact_invite(contact=contact, actor=org_admin)
    assert mailbox == []


def test_invite_all_invites_those_not_yet_invited(
    make_contact, org_admin, mailbox, django_capture_on_commit_callbacks
) -> None:
    invited = make_contact(email="one@example.org")
    contact_invite(contact=invited, actor=org_admin)
    make_contact(email="two@example.org")
    make_contact(email="three@example.org")
    make_contact(email="")
    mailbox.clear()
    # The invitations go in the background (a task), each in its own transaction; their
    # mail after them.
    with django_capture_on_commit_callbacks(execute=True):
        assert contacts_invite_all(organisation=invited.organisation, actor=org_admin) == 2
    assert sorted(message.to[0] for message in mailbox) == ["three@example.org", "two@example.org"]
    assert AuditEvent.objects.filter(action="contact.invited").count() == 3
