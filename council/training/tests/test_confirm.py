"""An organiser confirms a volunteer's credential with an expiry date: audited, mailed in
the volunteer's language; another organisation's organiser gets a 404, a read-only member a
403, malformed input a field error."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from council.audit.models import AuditEvent
from council.training.tests.conftest import make_credential
from council.volunteers.models import VolunteerCredential

URL = "/training/orgs/{}/confirm/"


@pytest.fixture
def kazakh_volunteer(volunteer: Any) -> Any:
    volunteer.preferred_language = "kk"
    volunteer.save(update_fields=["preferred_language"])
    return volunteer


def test_an_organiser_confirms_a_credential(
    client: Any,
    org: Any,
    org_admin: Any,
    credential: Any,
    kazakh_volunteer: Any,
    mailbox: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    client.force_login(org_admin)
    assert "Confirm a volunteer" in client.get(URL.format(org.pk)).content.decode()
    until = timezone.localdate() + timedelta(days=200)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            URL.format(org.pk),
            {"email": "VOLUNTEER@example.org", "credential": credential.pk, "expires_on": until},
            follow=True,
        )
    assert "The credential is confirmed" in response.content.decode()
    held = VolunteerCredential.objects.get(volunteer=kazakh_volunteer)
    assert (held.source, held.expires_on, held.confirmed_by) == ("organiser", until, org_admin)
    event = AuditEvent.objects.get(action="credential.granted")
    assert event.actor == org_admin and event.organisation_id == org.pk
    assert event.data["expires_on"] == until.isoformat()
    assert len(mailbox) == 1 and mailbox[0].to == ["volunteer@example.org"]
    # In the volunteer's language: in Kazakh the credential's name falls back to Russian.
    assert "Первая помощь" in mailbox[0].subject
    page = client.get(f"/training/orgs/{org.pk}/").content.decode()
    assert "Aliya" in page and "confirmed by an organiser" in page


def test_without_a_date_the_validity_counts_from_today(
    client: Any, org: Any, org_admin: Any, credential: Any, volunteer: Any
) -> None:
    client.force_login(org_admin)
    client.post(URL.format(org.pk), {"email": volunteer.email, "credential": credential.pk})
    held = VolunteerCredential.objects.get(volunteer=volunteer)
    assert held.expires_on is not None and held.expires_on > timezone.localdate()


def test_another_organisation_gets_a_404_and_a_member_a_403(
    client: Any, org: Any, other_admin: Any, org_member: Any, credential: Any, volunteer: Any
) -> None:
    data = {"email": volunteer.email, "credential": credential.pk}
    client.force_login(other_admin)
    assert client.get(URL.format(org.pk)).status_code == 404
    assert client.post(URL.format(org.pk), data).status_code == 404
    assert client.get(f"/training/orgs/{org.pk}/").status_code == 404
    client.force_login(org_member)
    assert client.get(URL.format(org.pk)).status_code == 403
    assert client.post(URL.format(org.pk), data).status_code == 403
    assert client.get(f"/training/orgs/{org.pk}/").status_code == 200
    assert not VolunteerCredential.objects.exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("email", "nobody@example.org", "No volunteer has an account with this address."),
        ("email", "not an address", "Enter a valid email address."),
        ("expires_on", "2020-01-01", "Choose a date from today on."),
        ("expires_on", "31.02.2030x", "Enter a valid date."),
        ("credential", "99999", "Select a valid choice."),
    ],
)
def test_malformed_input_is_a_field_error(
    client: Any,
    org: Any,
    org_admin: Any,
    credential: Any,
    volunteer: Any,
    field: str,
    value: str,
    message: str,
) -> None:
    client.force_login(org_admin)
    data = {"email": volunteer.email, "credential": credential.pk, field: value}
    response = client.post(URL.format(org.pk), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not VolunteerCredential.objects.exists()


def test_a_credential_of_another_organisation_is_not_offered(
    client: Any, org: Any, org_admin: Any, other_org: Any, other_admin: Any, volunteer: Any
) -> None:
    foreign = make_credential(other_admin, other_org, name_en="Interpreting")
    client.force_login(org_admin)
    response = client.post(URL.format(org.pk), {"email": volunteer.email, "credential": foreign.pk})
    assert response.status_code == 400
    assert not VolunteerCredential.objects.exists()
