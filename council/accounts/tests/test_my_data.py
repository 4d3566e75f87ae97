import json

import pytest

from council.accounts.models import Consent, User
from council.accounts.services import consent_give
from council.audit.models import AuditEvent
from council.orgs.models import Membership

pytestmark = pytest.mark.django_db


def test_outsider_is_sent_to_login(client) -> None:
    for path in ("/me/", "/me/consents/", "/me/data/", "/me/data/export.json"):
        response = client.get(path)
        assert response.status_code == 302
        assert response.url.startswith("/accounts/login/")
    assert client.post("/me/data/erase/").status_code == 302


def test_export_holds_my_rows_and_nobody_elses(client, org_admin, org, outsider) -> None:
    consent_give(user=org_admin, purpose="processing", ip_address="10.0.0.1")
    consent_give(user=outsider, purpose="processing")
    client.force_login(org_admin)
    response = client.get("/me/data/export.json")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="my-data.json"'
    data = json.loads(response.content)
    assert data["account"]["email"] == "admin@example.org"
    assert [c["purpose"] for c in data["consents"]] == ["processing"]
    assert data["consents"][0]["given_ip"] == "10.0.0.1"
    assert data["memberships"] == [
        {
            "organisation": org.pk,
            "organisation_name": "Astana Volunteer Centre",
            "role": "admin",
            "since": data["memberships"][0]["since"],
        }
    ]
    assert "outsider@example.org" not in response.content.decode()


def test_erase_needs_the_email_typed(client, volunteer) -> None:
    client.force_login(volunteer)
    response = client.post("/me/data/erase/", {"email": "someone@else.org"})
    assert response.status_code == 400
    assert "This is not the email address of your account." in response.content.decode()
    assert User.objects.get(pk=volunteer.pk).is_active


def test_erase_anonymises_and_keeps_history(client, org_member, org) -> None:
    consent_give(user=org_member, purpose="processing", ip_address="10.0.0.2")
    client.force_login(org_member)
    response = client.post("/me/data/erase/", {"email": org_member.email})
    assert response.status_code == 302
    user = User.objects.get(pk=org_member.pk)
    assert user.email == f"erased-{user.pk}@erased.invalid"
    assert user.given_name == "" and user.family_name == "" and user.name_search == ""
    assert not user.is_active and not user.has_usable_password()
    assert user.erased_at is not None
    consent = Consent.objects.get(user=user)
    assert consent.withdrawn_at is not None and consent.given_ip is None
    assert not Membership.objects.filter(user=user).exists()
    assert AuditEvent.objects.filter(action="user.erased", target_id=str(user.pk)).exists()
    assert AuditEvent.objects.filter(action="membership.removed", organisation_id=org.pk).exists()
    # The session is gone and the old password no longer works.
    assert client.get("/me/").status_code == 302
    assert not client.login(email="member@example.org", password="correct horse battery")
