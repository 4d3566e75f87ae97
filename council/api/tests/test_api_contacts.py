"""An organisation's contact list over the API: list, add, invite, erase."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from council.api.models import TokenScope
from council.api.tests.conftest import API, assert_problem, bearer, fields_of, key_for, post
from council.conftest import make_member, make_org
from council.orgs.models import MembershipRole
from council.volunteers.models import Contact
from council.volunteers.services.contacts import contact_create

pytestmark = pytest.mark.django_db


def get(client: Client, url: str, key: str) -> Any:
    return client.get(API + url, headers=bearer(key))


def test_add_list_invite_erase(
    client, org, org_admin, mailbox, django_capture_on_commit_callbacks
) -> None:
    key = key_for(org_admin)
    body = {
        "family_name": "Сарсенбаева",
        "given_name": "Айгерим",
        "given_name_latin": "Aigerim",
        "email": "Aigerim@Example.org",
        "phone": "8 701 234 56 78",
        "date_of_birth": "1999-05-17",
        "home_country": "kz",
        "external_id": "DOBRO-1",
    }
    created = post(client, f"/organisations/{org.pk}/contacts", body, key)
    assert created.status_code == 201, created.content
    contact = created.json()
    assert contact["phone"] == "+77012345678" and contact["email"] == "aigerim@example.org"
    assert contact["status"] == "not_invited" and contact["source"] == "api"
    assert contact["home_country"] == "KZ" and contact["preferred_language"] == "kk"
    listed = get(client, f"/organisations/{org.pk}/contacts?q=aigerim", key).json()
    assert [item["id"] for item in listed["items"]] == [contact["id"]]
    with django_capture_on_commit_callbacks(execute=True):
        invited = post(client, f"/contacts/{contact['id']}/invite", {}, key)
    assert invited.status_code == 200 and invited.json()["status"] == "invited"
    assert len(mailbox) == 1
    erased = post(client, f"/contacts/{contact['id']}/erase", {"reason": "person"}, key)
    assert erased.status_code == 200
    assert erased.json()["status"] == "erased" and erased.json()["family_name"] == ""
    assert get(client, f"/contacts/{contact['id']}", key).json()["erasure_reason"] == "person"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"family_name": "A", "phone": "12"}, "phone"),
        ({"family_name": "A", "email": "nope"}, "email"),
        ({"family_name": "A", "date_of_birth": "2999-01-01"}, "date_of_birth"),
        ({"family_name": "A", "home_country": "XX"}, "home_country"),
        ({"email": "a@example.org"}, "given_name"),
        ({"family_name": "A", "password": "x"}, "password"),
    ],
)
def test_bad_input_is_a_problem_naming_the_field(client, org, org_admin, body, field) -> None:
    response = post(client, f"/organisations/{org.pk}/contacts", body, key_for(org_admin))
    problem = assert_problem(response, 422)
    assert field in fields_of(problem)
    assert not Contact.objects.exists()


def test_invite_without_an_address_is_refused(client, org, org_admin) -> None:
    contact = contact_create(organisation=org, actor=org_admin, family_name="A")
    problem = assert_problem(
        post(client, f"/contacts/{contact.pk}/invite", {}, key_for(org_admin)), 422
    )
    assert "email" in fields_of(problem)


def test_access(client, org, org_admin, org_member, kazakhstan) -> None:
    contact = contact_create(organisation=org, actor=org_admin, family_name="A")
    member = key_for(org_member)
    assert get(client, f"/organisations/{org.pk}/contacts", member).status_code == 403
    assert post(client, f"/contacts/{contact.pk}/invite", {}, member).status_code == 403
    other = make_org("Other Centre", kazakhstan)
    stranger = key_for(make_member("s@example.org", kazakhstan, other, MembershipRole.ADMIN, "S"))
    assert get(client, f"/organisations/{org.pk}/contacts", stranger).status_code == 404
    assert get(client, f"/contacts/{contact.pk}", stranger).status_code == 404
    erase = post(client, f"/contacts/{contact.pk}/erase", {"reason": "person"}, stranger)
    assert erase.status_code == 404
    reader = key_for(org_admin, TokenScope.READ)
    assert (
        post(client, f"/contacts/{contact.pk}/erase", {"reason": "person"}, reader).status_code
        == 403
    )
    contact.refresh_from_db()
    assert contact.erased_at is None
