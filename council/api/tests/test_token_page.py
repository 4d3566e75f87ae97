from __future__ import annotations

from django.test import Client
from django.urls import reverse

from council.accounts.models import User
from council.api.models import ApiToken, TokenScope
from council.api.services import api_token_create
from council.api.tests.conftest import bearer
from council.audit.models import AuditEvent
from council.conftest import PASSWORD

LIST = reverse("tokens:list")
CREATE = reverse("tokens:create")


def _signed_in(client: Client, user: User) -> Client:
    client.login(email=user.email, password=PASSWORD)
    return client


def test_it_sends_an_anonymous_visitor_to_sign_in(client: Client, volunteer: User) -> None:
    token, _key = api_token_create(user=volunteer, name="mine", scope=TokenScope.READ)
    for response in (
        client.get(LIST),
        client.post(CREATE, {"name": "x", "scope": "read"}),
        client.post(reverse("tokens:revoke", args=[token.pk])),
    ):
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
    assert ApiToken.objects.count() == 1


def test_it_lists_only_my_tokens(client: Client, volunteer: User, outsider: User) -> None:
    api_token_create(user=volunteer, name="Reporting script", scope=TokenScope.READ)
    api_token_create(user=outsider, name="Someone else's", scope=TokenScope.WRITE)
    response = _signed_in(client, volunteer).get(LIST)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Reporting script" in page
    assert "Someone else" not in page
    assert "never" in page
    assert 'href="/tokens/"' in page  # the account navigation


def test_it_shows_a_new_token_once(client: Client, volunteer: User) -> None:
    _signed_in(client, volunteer)
    response = client.post(CREATE, {"name": "Regional sync", "scope": "write"})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    token = ApiToken.objects.get(user=volunteer)
    assert token.scope == TokenScope.WRITE
    key = response.context["key"]
    page = response.content.decode()
    assert key in page
    assert "will not be shown again" in page
    assert key not in client.get(LIST).content.decode()
    assert Client().get("/api/v1/organisations", headers=bearer(key)).status_code == 200
    assert AuditEvent.objects.filter(action="api_token.created", actor=volunteer).exists()


def test_it_explains_a_missing_name(client: Client, volunteer: User) -> None:
    response = _signed_in(client, volunteer).post(CREATE, {"name": "", "scope": "admin"})
    assert response.status_code == 400
    assert response.context["form"].errors.keys() == {"name", "scope"}
    assert "key" not in response.context
    assert not ApiToken.objects.exists()


def test_it_revokes_my_token(client: Client, volunteer: User) -> None:
    token, key = api_token_create(user=volunteer, name="Old laptop", scope=TokenScope.READ)
    response = _signed_in(client, volunteer).post(reverse("tokens:revoke", args=[token.pk]))
    assert response.status_code == 302
    assert response["Location"] == LIST
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert AuditEvent.objects.filter(action="api_token.revoked", actor=volunteer).count() == 1
    assert "revoked" in client.get(LIST).content.decode()
    assert Client().get("/api/v1/organisations", headers=bearer(key)).status_code == 401


def test_it_answers_404_for_another_users_token(
    client: Client, volunteer: User, outsider: User
) -> None:
    token, _key = api_token_create(user=volunteer, name="Not yours", scope=TokenScope.READ)
    response = _signed_in(client, outsider).post(reverse("tokens:revoke", args=[token.pk]))
    assert response.status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_it_revokes_only_by_post(client: Client, volunteer: User) -> None:
    token, _key = api_token_create(user=volunteer, name="Safe", scope=TokenScope.READ)
    response = _signed_in(client, volunteer).get(reverse("tokens:revoke", args=[token.pk]))
    assert response.status_code == 405
    token.refresh_from_db()
    assert token.revoked_at is None
