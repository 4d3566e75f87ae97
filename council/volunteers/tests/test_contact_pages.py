"""The organisation's contact list pages: organisers only; search in both scripts; status;
add, invite, erase; export through the safe table writer."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from django.test import Client

from council.audit.models import AuditEvent
from council.conftest import make_member, make_org
from council.orgs.models import MembershipRole
from council.volunteers.models import Contact, ContactStatus
from council.volunteers.services.contacts import contact_erase, contact_invite

pytestmark = pytest.mark.django_db


def _signed_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _list(client: Client, org: Any, **query: str) -> str:
    response = client.get(f"/volunteer/orgs/{org.pk}/contacts/", query)
    assert response.status_code == 200
    return response.content.decode()


def test_the_list_finds_names_in_either_script(make_contact, org, org_admin) -> None:
    make_contact(given_name="Айгерим", family_name="Сарсенбаева")
    make_contact(
        given_name="",
        family_name="",
        given_name_latin="Aigerim",
        family_name_latin="Nurlanova",
        email="n@example.org",
    )
    make_contact(given_name="Иван", family_name="Петров", email="ivan@example.org")
    client = _signed_in(org_admin)
    latin = _list(client, org, q="aigerim")
    assert "Сарсенбаева" in latin and "Nurlanova" in latin and "Петров" not in latin
    cyrillic = _list(client, org, q="Айгерим сарсенбаева")
    assert "Сарсенбаева" in cyrillic and "Nurlanova" not in cyrillic
    assert "Петров" in _list(client, org, q="ivan@example")
    assert "Петров" in _list(client, org, q="Petrov")


def test_the_list_filters_by_status(make_contact, org, org_admin) -> None:
    invited = make_contact(family_name="Invitedova")
    contact_invite(contact=invited, actor=org_admin)
    make_contact(family_name="Waitingova", email="w@example.org")
    erased = make_contact(family_name="Erasedova", email="e@example.org")
    contact_erase(contact=erased, actor=org_admin, reason="organisation")
    client = _signed_in(org_admin)
    page = _list(client, org, status=ContactStatus.INVITED)
    assert "Invitedova" in page and "Waitingova" not in page
    page = _list(client, org, status=ContactStatus.NOT_INVITED)
    assert "Waitingova" in page and "Invitedova" not in page
    assert "(erased)" in _list(client, org, status=ContactStatus.ERASED)
    assert "Erasedova" not in _list(client, org)


def test_the_list_costs_the_same_for_more_rows(
    make_contact, org, org_admin, django_assert_num_queries
) -> None:
    client = _signed_in(org_admin)
    make_contact(email="first@example.org")
    client.get(f"/volunteer/orgs/{org.pk}/contacts/")  # the session, warmed
    with django_assert_num_queries(6) as one:
        _list(client, org)
    for number in range(12):
        make_contact(email=f"p{number}@example.org", phone=f"+7701234{number:04d}")
    with django_assert_num_queries(len(one.captured_queries)):
        _list(client, org)


def test_a_contact_is_added_by_hand(org, org_admin) -> None:
    client = _signed_in(org_admin)
    assert client.get(f"/volunteer/orgs/{org.pk}/contacts/new/").status_code == 200
    response = client.post(
        f"/volunteer/orgs/{org.pk}/contacts/new/",
        {"family_name": "Ахметова", "given_name": "Дана", "phone": "87012345678"},
    )
    assert response.status_code == 302
    contact = Contact.objects.get()
    assert contact.phone == "+77012345678" and contact.source == "manual"
    assert contact.created_by == org_admin


def test_bad_input_on_the_page_names_the_field(org, org_admin) -> None:
    response = _signed_in(org_admin).post(
        f"/volunteer/orgs/{org.pk}/contacts/new/",
        {"family_name": "A", "email": "nope", "phone": "1", "date_of_birth": "31.02.2000"},
    )
    assert response.status_code == 400
    # The form's own check first (no such day); the service's checks once the form passes.
    assert set(response.context["form"].errors) == {"date_of_birth"}
    response = _signed_in(org_admin).post(
        f"/volunteer/orgs/{org.pk}/contacts/new/",
        {"family_name": "A", "email": "nope", "phone": "1"},
    )
    assert response.status_code == 400
    assert {"email", "phone"} <= set(response.context["form"].errors)
    assert not Contact.objects.exists()


def test_invite_and_erase_from_the_list(
    make_contact, org, org_admin, mailbox, django_capture_on_commit_callbacks
) -> None:
    contact = make_contact()
    client = _signed_in(org_admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/volunteer/contacts/{contact.pk}/invite/")
    assert response["Location"] == f"/volunteer/orgs/{org.pk}/contacts/"
    assert len(mailbox) == 1
    response = client.post(f"/volunteer/contacts/{contact.pk}/erase/", {"reason": "person"})
    assert response.status_code == 302
    contact.refresh_from_db()
    assert contact.erasure_reason == "person" and contact.email == ""


def test_invite_all_in_the_background(
    make_contact, org, org_admin, mailbox, django_capture_on_commit_callbacks
) -> None:
    make_contact(email="a@example.org")
    make_contact(email="b@example.org")
    client = _signed_in(org_admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/volunteer/orgs/{org.pk}/contacts/invite-all/", follow=True)
    assert "2 invitations are being sent in the background." in response.content.decode()
    assert len(mailbox) == 2


def test_the_export_is_safe_and_filtered(make_contact, org, org_admin) -> None:
    make_contact(given_name='=HYPERLINK("http://evil")', family_name="Smith")
    make_contact(family_name="Other", email="other@example.org")
    response = _signed_in(org_admin).get(f"/volunteer/orgs/{org.pk}/contacts.csv", {"q": "smith"})
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert len(rows) == 2
    assert rows[1][2].startswith("'=HYPERLINK")
    assert AuditEvent.objects.filter(action="contact.list_exported").exists()
    xlsx = _signed_in(org_admin).get(f"/volunteer/orgs/{org.pk}/contacts.xlsx")
    assert xlsx.status_code == 200
    assert _signed_in(org_admin).get(f"/volunteer/orgs/{org.pk}/contacts.pdf").status_code == 404


def test_the_organisation_page_links_the_list(org, org_admin, org_member) -> None:
    link = f"/volunteer/orgs/{org.pk}/contacts/"
    assert link in _signed_in(org_admin).get(f"/orgs/{org.pk}/").content.decode()
    assert link not in _signed_in(org_member).get(f"/orgs/{org.pk}/").content.decode()


def test_a_coordinator_keeps_the_list_too(make_contact, org, kazakhstan) -> None:
    coordinator = make_member(
        "coord@example.org", kazakhstan, org, MembershipRole.COORDINATOR, "Coord"
    )
    contact = make_contact()
    assert "Сарсенбаева" in _list(_signed_in(coordinator), org)
    assert (
        _signed_in(coordinator).post(f"/volunteer/contacts/{contact.pk}/invite/").status_code == 302
    )


def test_a_plain_member_may_not(make_contact, org, org_member) -> None:
    contact = make_contact()
    client = _signed_in(org_member)
    assert client.get(f"/volunteer/orgs/{org.pk}/contacts/").status_code == 403
    assert client.get(f"/volunteer/orgs/{org.pk}/contacts.csv").status_code == 403
    assert (
        client.post(f"/volunteer/orgs/{org.pk}/contacts/new/", {"family_name": "X"}).status_code
        == 403
    )
    assert client.post(f"/volunteer/contacts/{contact.pk}/invite/").status_code == 403
    assert (
        client.post(f"/volunteer/contacts/{contact.pk}/erase/", {"reason": "person"}).status_code
        == 403
    )
    contact.refresh_from_db()
    assert contact.invited_at is None and contact.erased_at is None
    assert Contact.objects.count() == 1


def test_another_organisations_contact_is_a_404(make_contact, org, kazakhstan) -> None:
    other = make_org("Other Centre", kazakhstan)
    stranger = make_member("s@example.org", kazakhstan, other, MembershipRole.ADMIN, "S")
    contact = make_contact()
    client = _signed_in(stranger)
    assert client.get(f"/volunteer/orgs/{org.pk}/contacts/").status_code == 404
    assert client.post(f"/volunteer/contacts/{contact.pk}/invite/").status_code == 404
    assert (
        client.post(f"/volunteer/contacts/{contact.pk}/erase/", {"reason": "person"}).status_code
        == 404
    )
    contact.refresh_from_db()
    assert contact.invited_at is None and contact.erased_at is None


def test_the_anonymous_are_sent_to_sign_in(org) -> None:
    response = Client().get(f"/volunteer/orgs/{org.pk}/contacts/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
