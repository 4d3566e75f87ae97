"""contact_create / contact_update: a person on the organisation's contact list, no account."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from council.accounts.models import User
from council.audit.models import AuditEvent
from council.conftest import make_org
from council.volunteers.models import Contact, ContactStatus
from council.volunteers.services.contacts import (
    contact_check,
    contact_create,
    contact_invite,
    contact_update,
)

pytestmark = pytest.mark.django_db


def _errors(call: Any) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as raised:
        call()
    return raised.value.message_dict


def test_it_works(org, org_admin, kazakhstan) -> None:
    contact = contact_create(
        organisation=org,
        actor=org_admin,
        given_name=" Айгерим ",
        family_name="Сарсенбаева",
        given_name_latin="Aigerim",
        email=" Aigerim@Example.ORG ",
        phone="8 701 234 5678",
        date_of_birth=date(1999, 5, 17),
        external_id="DOBRO-1",
        source="import:7",
    )
    contact.refresh_from_db()
    assert contact.given_name == "Айгерим"
    assert contact.email == "aigerim@example.org"
    # Read as a Kazakh number (the organisation's country), stored in E.164.
    assert contact.phone == "+77012345678"
    assert contact.preferred_language == "kk"
    assert contact.status == ContactStatus.NOT_INVITED
    assert contact.erase_after == timezone.localdate() + timedelta(days=365)
    assert "aigerim" in contact.name_search and "sarsenbaeva" in contact.name_search
    # No account, no password: the person has not signed up.
    assert not User.objects.filter(email__iexact="aigerim@example.org").exists()
    event = AuditEvent.objects.get(action="contact.created")
    assert event.actor == org_admin and event.organisation_id == org.pk
    # No personal data in the audit trail: the contact's id and source only.
    assert event.data == {"source": "import:7"}
    assert "Айгерим" not in event.target_repr and "aigerim" not in event.target_repr


def test_the_phone_is_read_in_the_home_country(org, org_admin, russia) -> None:
    contact = contact_create(
        organisation=org, actor=org_admin, given_name="Ivan", phone="8 (916) 123-45-67",
        home_country=russia,
    )  # fmt: skip
    assert contact.phone == "+79161234567"


def test_a_russian_organisation_writes_in_russian(org_admin, russia) -> None:
    organisation = make_org("Moscow Centre", russia)
    contact = contact_create(organisation=organisation, actor=org_admin, family_name="Иванов")
    assert contact.preferred_language == "ru"


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"email": "not-an-address"}, "email"),
        ({"phone": "12345"}, "phone"),
        ({"phone": "call me maybe"}, "phone"),
        ({"date_of_birth": date.today() + timedelta(days=3)}, "date_of_birth"),
        ({"date_of_birth": date(1850, 1, 1)}, "date_of_birth"),
        ({"preferred_language": "de"}, "preferred_language"),
        ({"given_name": "", "family_name": ""}, "given_name"),
        ({"given_name": "x" * 81}, "given_name"),
        ({"given_name": "Ann\u202e"}, "given_name"),
    ],
)
def test_bad_input_names_the_field_and_writes_nothing(org, org_admin, fields, field) -> None:
    values = {"given_name": "Ann", "family_name": "Lee", **fields}
    errors = _errors(lambda: contact_create(organisation=org, actor=org_admin, **values))
    assert field in errors
    assert not Contact.objects.exists()
    assert not AuditEvent.objects.filter(action="contact.created").exists()


def test_errors_are_in_the_readers_language(org, org_admin) -> None:
    with translation.override("ru"):
        errors = _errors(
            lambda: contact_create(
                organisation=org,
                actor=org_admin,
                given_name="Ann",
                email="nope",
                date_of_birth=date.today() + timedelta(days=1),
            )
        )
    assert errors["email"] == ["Введите корректный адрес электронной почты."]
    assert errors["date_of_birth"] == ["Дата рождения должна быть в прошлом."]


def test_the_external_id_is_unique_per_organisation_and_source(org, org_admin, kazakhstan) -> None:
    contact_create(organisation=org, actor=org_admin, given_name="A", external_id="42")
    errors = _errors(
        lambda: contact_create(organisation=org, actor=org_admin, given_name="B", external_id="42")
    )
    assert "external_id" in errors
    # Another source, or another organisation, may use the same id.
    contact_create(
        organisation=org, actor=org_admin, given_name="B", external_id="42", source="import:1"
    )
    other = make_org("Other", kazakhstan)
    contact_create(organisation=other, actor=org_admin, given_name="C", external_id="42")
    assert Contact.objects.count() == 3


def test_update_changes_and_audits_the_fields(make_contact, org_admin) -> None:
    contact = make_contact()
    contact_update(contact=contact, actor=org_admin, phone="+7 701 111 2233", given_name="Aru")
    contact.refresh_from_db()
    assert contact.phone == "+77011112233"
    assert contact.given_name == "Aru" and "aru" in contact.name_search.split()
    event = AuditEvent.objects.get(action="contact.updated")
    assert sorted(event.data["fields"]) == ["given_name", "phone"]


def test_update_refuses_bad_input_and_keeps_the_row(make_contact, org_admin) -> None:
    contact = make_contact(phone="+77012345678")
    errors = _errors(lambda: contact_update(contact=contact, actor=org_admin, phone="x"))
    assert "phone" in errors
    contact.refresh_from_db()
    assert contact.phone == "+77012345678"


def test_a_new_address_closes_the_open_invitation(make_contact, org_admin, mailbox) -> None:
    contact = make_contact()
    contact_invite(contact=contact, actor=org_admin)
    contact_update(contact=contact, actor=org_admin, email="new@example.org")
    contact.refresh_from_db()
    assert contact.invitation_token == "" and not contact.invitation_is_open


def test_check_normalises_without_writing(org, org_admin) -> None:
    contact = contact_check(
        organisation=org,
        actor=org_admin,
        family_name=" Lee ",
        phone="87012345678",
        source="import:1",
    )
    assert (contact.pk, contact.family_name, contact.phone) == (None, "Lee", "+77012345678")
    assert not Contact.objects.exists() and not AuditEvent.objects.exists()
    with pytest.raises(ValidationError):
        contact_check(organisation=org, actor=org_admin, family_name="Lee", email="x")


@pytest.mark.parametrize(
    "fields",
    [
        {"given_name": "x" * 81},
        {"family_name": "a\u202eb", "external_id": "y" * 65},
        {"email": "a" * 250 + "@b.kz"},
        {"external_id": "\u200b"},
        {"preferred_language": "de"},
        {"phone": "+7" * 11},
        {"given_name_latin": "Ann", "date_of_birth": date(2000, 1, 2), "email": "a@b.kz"},
    ],
)
def test_the_field_checks_say_what_full_clean_says(fields) -> None:
    from council.volunteers.services.contacts import _check_fields

    def outcome(check: Any) -> dict[str, list[str]] | None:
        contact = Contact(source="manual", **{"given_name": "Ann", **fields})
        try:
            check(contact)
        except ValidationError as error:
            return error.message_dict
        return None

    def full_clean(contact: Contact) -> None:
        contact.full_clean(
            exclude=["organisation", "home_country", "created_by", "user"],
            validate_unique=False,
            validate_constraints=False,
        )

    with translation.override("ru"):
        assert outcome(_check_fields) == outcome(full_clean)
