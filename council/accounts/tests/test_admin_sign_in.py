"""The Django admin signs in through the site's sign-in: the same two-factor step and the
same rate limits; and it never shows a two-factor secret."""

from __future__ import annotations

from typing import Any

import pytest
from allauth.mfa.models import Authenticator
from django.core.cache import cache
from django.test import Client

from council.accounts.models import User
from council.accounts.tests.test_mfa import current_code, enrol
from council.conftest import PASSWORD

pytestmark = pytest.mark.django_db

TOO_MANY = "Too many failed login attempts"


@pytest.fixture
def superuser(db: Any) -> User:
    from allauth.account.models import EmailAddress

    user = User.objects.create_superuser(email="root@example.org", password=PASSWORD)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


@pytest.fixture
def production_limits(settings: Any) -> Any:
    settings.ACCOUNT_RATE_LIMITS = {}
    cache.clear()
    yield
    cache.clear()


def test_the_admin_login_form_is_gone(client: Client, superuser: User) -> None:
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")
    # The right password posted to the admin's old form signs nobody in.
    response = client.post(
        "/admin/login/?next=/admin/", {"username": superuser.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/")["Location"].startswith("/admin/login/")


def test_thirty_wrong_passwords_at_the_admin_are_refused_and_lock_the_account(
    client: Client, superuser: User, production_limits: Any
) -> None:
    for n in range(30):
        response = client.post(
            "/admin/login/", {"username": superuser.email, "password": f"guess {n}"}
        )
        assert response.status_code == 302
        assert "_auth_user_id" not in client.session
    # Where the admin sends them, five wrong passwords lock the account for five minutes.
    for n in range(5):
        client.post("/accounts/login/", {"login": superuser.email, "password": f"guess {n}"})
    response = client.post("/accounts/login/", {"login": superuser.email, "password": PASSWORD})
    assert response.status_code == 200
    assert TOO_MANY in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_site_sign_in_refuses_a_flood_of_passwords(
    client: Client, superuser: User, production_limits: Any
) -> None:
    statuses = [
        client.post("/accounts/login/", {"login": f"x{n}@example.org", "password": "x"}).status_code
        for n in range(31)
    ]
    assert statuses[-1] == 429


def test_a_superuser_with_totp_is_asked_for_the_code_on_the_way_to_the_admin(
    client: Client, superuser: User, django_capture_on_commit_callbacks: Any
) -> None:
    enrol(client, superuser, django_capture_on_commit_callbacks)
    client.logout()
    response = client.post(
        "/accounts/login/?next=/admin/", {"login": superuser.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/2fa/authenticate/")
    assert client.get("/admin/").status_code == 302  # not yet signed in
    secret = Authenticator.objects.get(user=superuser, type="totp").wrap()
    code = current_code(_secret(secret))
    response = client.post("/accounts/2fa/authenticate/", {"code": code})
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def _secret(totp: Any) -> str:
    from allauth.mfa.utils import decrypt

    return decrypt(totp.instance.data["secret"])


def test_a_superuser_without_totp_must_turn_it_on_in_production(
    client: Client, settings: Any, superuser: User
) -> None:
    settings.COUNCIL_REQUIRE_STAFF_MFA = True
    client.post("/accounts/login/", {"login": superuser.email, "password": PASSWORD})
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/totp/activate/"


def test_the_admin_never_shows_a_two_factor_secret(
    client: Client, superuser: User, volunteer: User, django_capture_on_commit_callbacks: Any
) -> None:
    enrol(client, volunteer, django_capture_on_commit_callbacks)
    assert set(Authenticator.objects.filter(user=volunteer).values_list("type", flat=True)) == {
        "totp",
        "recovery_codes",
    }
    totp = Authenticator.objects.get(user=volunteer, type="totp")
    secret = _secret(totp.wrap())
    client.logout()
    client.force_login(superuser)
    for authenticator in Authenticator.objects.filter(user=volunteer):
        response = client.get(f"/admin/mfa/authenticator/{authenticator.pk}/change/")
        assert response.status_code == 200
        page = response.content.decode()
        assert str(volunteer) in page
        for field in ("secret", "seed"):
            if field in authenticator.data:
                assert authenticator.data[field] not in page
        assert secret not in page
        # Nothing to edit: the form has no fields to post.
        assert 'name="data"' not in page
    assert client.get("/admin/mfa/authenticator/add/").status_code == 403
    listing = client.get("/admin/mfa/authenticator/").content.decode()
    assert secret not in listing
