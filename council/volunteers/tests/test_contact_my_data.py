"""A person's "my data" file holds the organisations' contact rows linked to them."""

from __future__ import annotations

import json

import pytest

from council.volunteers.services.contacts import contact_accept, contact_invite

pytestmark = pytest.mark.django_db


def test_the_export_holds_the_linked_contact_rows(client, make_contact, org_admin) -> None:
    contact = make_contact(phone="+77012345678", external_id="DOBRO-9", source="import:3")
    unlinked = make_contact(email="someone.else@example.org", family_name="Другая")
    contact_invite(contact=contact, actor=org_admin)
    contact.refresh_from_db()
    person = contact_accept(
        contact=contact, password="a long new passphrase 42", ip=None, consent=True
    )
    client.force_login(person)
    data = json.loads(client.get("/me/data/export.json").content)
    (row,) = data["contacts"]
    assert row["organisation_name"] == "Astana Volunteer Centre"
    assert row["phone"] == "+77012345678" and row["external_id"] == "DOBRO-9"
    assert row["source"] == "import:3" and row["accepted_at"]
    assert "Другая" not in json.dumps(data, ensure_ascii=False)
    assert unlinked.pk
