"""The staff two-factor rule holds whatever headers a signed-in request carries; only a valid
API token, which then is who the request is, takes its place."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from council.accounts.models import User
from council.api.models import ApiToken, TokenScope
from council.api.services import api_token_create
from council.conftest import PASSWORD
from council.orgs.models import Organisation
from council.volunteers.models import VolunteerProfile

pytestmark = pytest.mark.django_db

ACTIVATE = "/accounts/2fa/totp/activate/"


@pytest.fixture
def staff_session(client: Client, settings: Any, org_admin: User) -> Client:
    settings.COUNCIL_REQUIRE_STAFF_MFA = True
    client.login(email=org_admin.email, password=PASSWORD)
    return client


def test_a_page_asks_for_mfa_whatever_the_authorization_header(
    staff_session: Client, org: Organisation
) -> None:
    for headers in ({}, {"Authorization": "x"}, {"Authorization": "Bearer vc_not_a_token"}):
        response = staff_session.get(f"/orgs/{org.pk}/members/", headers=headers)
        assert response.status_code == 302, headers
        assert response["Location"] == ACTIVATE


def test_a_page_asks_for_mfa_even_with_a_valid_token_which_pages_do_not_read(
    staff_session: Client, org: Organisation, org_admin: User
) -> None:
    _token, key = api_token_create(user=org_admin, name="script", scope=TokenScope.READ)
    response = staff_session.get(
        f"/orgs/{org.pk}/members/", headers={"Authorization": f"Bearer {key}"}
    )
    assert response.status_code == 302
    assert response["Location"] == ACTIVATE


def test_no_token_is_issued_to_staff_without_mfa(staff_session: Client, org_admin: User) -> None:
    response = staff_session.post(
        "/tokens/new/", {"name": "sneaky", "scope": "write"}, headers={"Authorization": "x"}
    )
    assert response.status_code == 302
    assert response["Location"] == ACTIVATE
    assert not ApiToken.objects.filter(user=org_admin).exists()


def test_the_api_asks_for_mfa_when_the_session_is_what_signs_in(staff_session: Client) -> None:
    for headers in ({}, {"Authorization": "x"}):
        response = staff_session.get("/api/v1/volunteers/me", headers=headers)
        assert response.status_code == 403, headers
        assert response["Content-Type"] == "application/problem+json"
        assert "requires two-factor authentication" in response.json()["detail"]


def test_a_valid_token_keeps_working_beside_such_a_session(
    staff_session: Client, org_admin: User, volunteer: User
) -> None:
    _token, key = api_token_create(user=org_admin, name="script", scope=TokenScope.READ)
    response = staff_session.get(
        "/api/v1/organisations", headers={"Authorization": f"Bearer {key}"}
    )
    assert response.status_code == 200
    # The token, not the session, says who is calling.
    VolunteerProfile.objects.create(user=volunteer, bio_en="Hers")
    _token, other_key = api_token_create(user=volunteer, name="hers", scope=TokenScope.READ)
    response = staff_session.get(
        "/api/v1/volunteers/me", headers={"Authorization": f"Bearer {other_key}"}
    )
    assert response.status_code == 200
    assert response.json()["bio"] == "Hers"


def test_a_valid_token_alone_keeps_working(settings: Any, org_admin: User) -> None:
    settings.COUNCIL_REQUIRE_STAFF_MFA = True
    _token, key = api_token_create(user=org_admin, name="script", scope=TokenScope.READ)
    response = Client().get("/api/v1/organisations", headers={"Authorization": f"Bearer {key}"})
    assert response.status_code == 200
    assert "items" in response.json()
