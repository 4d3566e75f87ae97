"""The invitation accepted: one account with the chosen password, the consent row, the
profile, membership; before that, no account and no password anywhere."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from allauth.account.models import EmailAddress
from django.test import Client
from django.utils import timezone

from council.accounts.consents import current_version
from council.accounts.models import Consent, ConsentPurpose, User
from council.audit.models import AuditEvent
from council.conftest import PASSWORD, make_user
from council.orgs.models import Membership, MembershipRole
from council.volunteers.models import Contact, ContactStatus, VolunteerProfile
from council.volunteers.services.contacts import contact_erase, contact_invite
from council.volunteers.tests.conftest import invitation_link, years_ago

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "a long new passphrase 42"


@pytest.fixture
def invited(make_contact, org_admin, mailbox, django_capture_on_commit_callbacks) -> Any:
    """A contact with a date of birth and a Kazakh phone number, invited: (contact, link)."""

    def invite(**fields: Any) -> tuple[Contact, str]:
        fields.setdefault("date_of_birth", date(1998, 3, 8))
        fields.setdefault("phone", "+77012345678")
        contact = make_contact(**fields)
        with django_capture_on_commit_callbacks(execute=True):
            contact_invite(contact=contact, actor=org_admin)
        contact.refresh_from_db()
        return contact, invitation_link(mailbox)

    return invite


def _accept(client: Client, link: str, **data: Any) -> Any:
    body = {"password": NEW_PASSWORD, "password_again": NEW_PASSWORD, "consent": "on", **data}
    return client.post(link, body)


def test_no_account_and_no_password_before_acceptance(invited) -> None:
    contact, _link = invited()
    # Invitation instead of sign-up: nothing in the accounts but the staff's own.
    assert not User.objects.filter(email__iexact=contact.email).exists()
    assert not Consent.objects.filter(user__email=contact.email).exists()
    assert contact.user is None and contact.status == ContactStatus.INVITED
    assert not EmailAddress.objects.filter(email__iexact=contact.email).exists()


def test_the_page_shows_the_organisation_the_data_and_the_consent(invited) -> None:
    _contact, link = invited()
    page = Client().get(link)
    text = page.content.decode()
    assert page.status_code == 200
    assert "Astana Volunteer Centre" in text
    assert "Сарсенбаева Айгерим" in text and "+77012345678" in text
    assert "aigerim@example.org" in text
    assert "I agree that the Volunteer Council platform processes my personal data" in text
    assert "delete my data" in text
    assert page["Cache-Control"].startswith("max-age=0")


def test_accepting_makes_one_account_with_everything(invited) -> None:
    contact, link = invited()
    client = Client()
    response = _accept(client, link)
    assert response.status_code == 302
    assert response["Location"] == f"/orgs/{contact.organisation_id}/"
    (person,) = User.objects.filter(email__iexact="aigerim@example.org")
    assert person.check_password(NEW_PASSWORD)
    assert (person.given_name, person.family_name) == ("Айгерим", "Сарсенбаева")
    assert person.home_country_id == "KZ" and person.preferred_language == "kk"
    assert "aigerim" in person.name_search
    (consent,) = Consent.objects.filter(user=person)
    assert consent.purpose == ConsentPurpose.PROCESSING
    assert consent.text_version == current_version(ConsentPurpose.PROCESSING)
    assert consent.given_ip == "127.0.0.1"
    assert VolunteerProfile.objects.get(user=person).date_of_birth == date(1998, 3, 8)
    membership = Membership.objects.get(user=person)
    assert membership.organisation_id == contact.organisation_id
    assert membership.role == MembershipRole.MEMBER
    assert EmailAddress.objects.get(user=person).verified
    contact.refresh_from_db()
    assert contact.user == person and contact.status == ContactStatus.ACCEPTED
    assert contact.erase_after is None
    # Signed in, with a proper session.
    assert client.get("/me/").status_code == 200
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"contact.accepted", "user.signed_up", "consent.given", "membership.added"} <= actions
    # The link is used up: it says so.
    again = Client().get(link)
    assert again.status_code == 410
    assert "accepted already" in again.content.decode()


def test_a_minor_is_sent_to_the_guardian_consent(invited) -> None:
    _contact, link = invited(date_of_birth=years_ago(15))
    client = Client()
    response = _accept(client, link)
    assert response["Location"] == "/volunteer/"
    page = client.get("/volunteer/").content.decode()
    assert "A parent or guardian must give their consent" in page


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"consent": ""}, "consent"),
        ({"password_again": "something else 42"}, "password_again"),
        ({"password": "123", "password_again": "123"}, "password"),
    ],
)
def test_a_refused_form_writes_nothing(invited, data, field) -> None:
    contact, link = invited()
    response = _accept(Client(), link, **data)
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert not User.objects.filter(email__iexact=contact.email).exists()
    contact.refresh_from_db()
    assert contact.accepted_at is None


def test_an_existing_account_signs_in_and_is_linked(invited, kazakhstan) -> None:
    person = make_user("aigerim@example.org", kazakhstan, given_name="Aigerim")
    contact, link = invited()
    page = Client().get(link)
    assert "exists already" in page.content.decode()
    # Posting a password without signing in creates nothing.
    assert _accept(Client(), link).status_code == 400
    assert User.objects.filter(email__iexact=contact.email).count() == 1
    client = Client()
    assert client.login(email=person.email, password=PASSWORD)
    response = client.post(link, {"consent": "on"})
    assert response.status_code == 302
    assert User.objects.filter(email__iexact=contact.email).count() == 1
    person.refresh_from_db()
    assert person.check_password(PASSWORD) and person.given_name == "Aigerim"
    assert Membership.objects.filter(user=person, organisation=contact.organisation).exists()
    assert Consent.objects.filter(user=person, purpose=ConsentPurpose.PROCESSING).count() == 1
    contact.refresh_from_db()
    assert contact.user == person


def test_another_signed_in_account_cannot_accept(invited, outsider) -> None:
    contact, link = invited()
    client = Client()
    client.force_login(outsider)
    assert "sent to another email address" in client.get(link).content.decode()
    assert client.post(link, {"consent": "on"}).status_code == 400
    contact.refresh_from_db()
    assert contact.accepted_at is None and not outsider.memberships.exists()


def test_an_expired_link_says_so(invited) -> None:
    contact, link = invited()
    Contact.objects.filter(pk=contact.pk).update(
        invitation_expires_at=timezone.now() - timedelta(minutes=1)
    )
    page = Client().get(link)
    assert page.status_code == 410
    assert "This invitation has expired" in page.content.decode()
    assert _accept(Client(), link).status_code == 410
    assert not User.objects.filter(email__iexact=contact.email).exists()


def test_an_unknown_link_says_so(db) -> None:
    page = Client().get("/volunteer/invitation/" + "x" * 43 + "/")
    assert page.status_code == 404
    assert "This link is not valid" in page.content.decode()


def test_an_erased_contacts_link_says_so(invited, org_admin) -> None:
    contact, link = invited()
    contact_erase(contact=contact, actor=org_admin, reason="organisation")
    page = Client().get(link)
    assert page.status_code == 410
    assert "have been deleted" in page.content.decode()
