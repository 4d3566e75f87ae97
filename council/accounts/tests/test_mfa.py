import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import (
    format_hotp_value,
    hotp_value,
    yield_hotp_counters_from_time,
)

from council.audit.models import AuditEvent
from council.conftest import PASSWORD
from council.orgs.models import Membership, MembershipRole

pytestmark = pytest.mark.django_db


def current_code(secret: str) -> str:
    counter = next(iter(yield_hotp_counters_from_time()))
    return format_hotp_value(hotp_value(secret, counter))


def assert_page(client, url: str, shown: str) -> None:
    """The page opens (no step to two-factor set-up in between) and shows `shown`."""
    response = client.get(url)
    assert response.status_code == 200
    assert shown in response.content.decode()


def enrol(client, user, capture) -> str:
    """Turn TOTP on for `user`, signed in by `client`; returns the secret."""
    client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    # Turning MFA on asks for the password again (allauth's reauthentication).
    assert client.get("/accounts/2fa/totp/activate/").status_code == 302
    client.post("/accounts/reauthenticate/", {"password": PASSWORD})
    page = client.get("/accounts/2fa/totp/activate/")
    assert page.status_code == 200
    secret = page.context["form"].secret
    with capture(execute=True):
        response = client.post("/accounts/2fa/totp/activate/", {"code": current_code(secret)})
    assert response.status_code == 302
    return secret


def test_a_volunteer_can_turn_on_totp(
    client, volunteer, django_capture_on_commit_callbacks
) -> None:
    enrol(client, volunteer, django_capture_on_commit_callbacks)
    assert Authenticator.objects.filter(user=volunteer, type="totp").exists()
    assert AuditEvent.objects.filter(action="user.mfa_added", actor=volunteer).exists()


def test_signing_in_then_asks_for_the_code(
    client, volunteer, django_capture_on_commit_callbacks
) -> None:
    enrol(client, volunteer, django_capture_on_commit_callbacks)
    client.logout()
    response = client.post("/accounts/login/", {"login": volunteer.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response.url == "/accounts/2fa/authenticate/"


def test_production_sends_a_coordinator_without_mfa_to_enrol(
    client, settings, ru_coordinator
) -> None:
    settings.COUNCIL_REQUIRE_STAFF_MFA = True
    client.post("/accounts/login/", {"login": ru_coordinator.email, "password": PASSWORD})
    response = client.get("/orgs/verification/")
    assert response.status_code == 302
    assert response.url == "/accounts/2fa/totp/activate/"


def test_production_lets_a_coordinator_with_mfa_through(
    client, settings, ru_coordinator, django_capture_on_commit_callbacks
) -> None:
    enrol(client, ru_coordinator, django_capture_on_commit_callbacks)
    settings.COUNCIL_REQUIRE_STAFF_MFA = True
    assert_page(client, "/orgs/verification/", "Organisations awaiting verification")


def test_production_does_not_force_a_volunteer(client, settings, volunteer) -> None:
    settings.COUNCIL_REQUIRE_STAFF_MFA = True
    client.post("/accounts/login/", {"login": volunteer.email, "password": PASSWORD})
    assert_page(client, "/orgs/mine/", "<h1>My organisations</h1>")


def test_development_only_offers_mfa(client, settings, ru_coordinator) -> None:
    settings.COUNCIL_REQUIRE_STAFF_MFA = False
    client.post("/accounts/login/", {"login": ru_coordinator.email, "password": PASSWORD})
    assert_page(client, "/orgs/verification/", "Organisations awaiting verification")


def test_production_asks_for_mfa_from_the_next_page_after_a_promotion(
    client, settings, volunteer, org
) -> None:
    settings.COUNCIL_REQUIRE_STAFF_MFA = True
    client.post("/accounts/login/", {"login": volunteer.email, "password": PASSWORD})
    assert client.get("/orgs/mine/").status_code == 200
    Membership.objects.create(user=volunteer, organisation=org, role=MembershipRole.COORDINATOR)
    response = client.get("/orgs/mine/")
    assert response.status_code == 302
    assert response.url == "/accounts/2fa/totp/activate/"
