from __future__ import annotations

import hashlib
import json
from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client, RequestFactory
from django.utils import timezone

from council.accounts.models import User
from council.api.auth import token_auth
from council.api.errors import ApiError
from council.api.models import ApiToken, TokenScope
from council.api.services import api_token_authenticate, api_token_create, api_token_revoke
from council.api.tests.conftest import assert_problem, bearer
from council.audit.models import AuditEvent
from council.conftest import PASSWORD
from council.reference.models import Country

ORGANISATIONS = "/api/v1/organisations"


def _new_org(country: Country) -> str:
    return json.dumps({"kind": "ngo", "name_en": "Steppe Helpers", "country": country.pk})


def test_it_creates_a_token_and_keeps_only_its_hash(volunteer: User) -> None:
    token, key = api_token_create(user=volunteer, name=" Reports ", scope=TokenScope.READ)
    assert key.startswith(f"vc_{token.prefix}_")
    assert len(key) > 40
    token.refresh_from_db()
    assert token.name == "Reports"
    assert token.key_hash == hashlib.sha256(key.encode()).hexdigest()
    assert key not in {token.key_hash, token.prefix, token.name}
    event = AuditEvent.objects.get(action="api_token.created")
    assert event.actor == volunteer
    assert event.target_id == str(token.pk)
    assert key not in json.dumps(event.data)


def test_it_checks_name_and_scope(volunteer: User) -> None:
    with pytest.raises(ValidationError) as error:
        api_token_create(user=volunteer, name="  ", scope="admin")
    assert set(error.value.message_dict) == {"name", "scope"}
    assert not ApiToken.objects.exists()


def test_it_authenticates_a_bearer_token(
    client: Client, volunteer: User, read_key: str, kazakhstan: Country
) -> None:
    token = ApiToken.objects.get(name="reader")
    assert token.last_used_at is None
    response = client.get(ORGANISATIONS, headers=bearer(read_key))
    assert response.status_code == 200
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_it_notes_last_use_at_most_once_a_minute(volunteer: User, read_key: str) -> None:
    first = api_token_authenticate(key=read_key)
    assert first is not None and first.last_used_at is not None
    noted = first.last_used_at
    again = api_token_authenticate(key=read_key)
    assert again is not None
    assert ApiToken.objects.get(pk=first.pk).last_used_at == noted
    ApiToken.objects.filter(pk=first.pk).update(last_used_at=noted - timedelta(minutes=2))
    api_token_authenticate(key=read_key)
    assert ApiToken.objects.get(pk=first.pk).last_used_at > noted - timedelta(seconds=1)


@pytest.mark.parametrize(
    "key",
    ["vc_deadbeef_nothing-like-this", "not-a-token", "vc__", "vc_deadbeef"],
)
def test_it_rejects_an_unknown_or_malformed_token(client: Client, read_key: str, key: str) -> None:
    response = client.get(ORGANISATIONS, headers=bearer(key))
    assert_problem(response, 401)
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_it_rejects_a_token_with_a_wrong_secret(client: Client, read_key: str) -> None:
    response = client.get(ORGANISATIONS, headers=bearer(read_key[:-2] + "xx"))
    assert_problem(response, 401)


def test_it_rejects_a_revoked_token(client: Client, volunteer: User, read_key: str) -> None:
    api_token_revoke(actor=volunteer, token=ApiToken.objects.get(name="reader"))
    assert api_token_authenticate(key=read_key) is None
    assert_problem(client.get(ORGANISATIONS, headers=bearer(read_key)), 401)


def test_it_rejects_the_token_of_a_deactivated_person(
    client: Client, volunteer: User, read_key: str
) -> None:
    User.objects.filter(pk=volunteer.pk).update(is_active=False)
    assert_problem(client.get(ORGANISATIONS, headers=bearer(read_key)), 401)


def test_it_forbids_writes_with_a_read_token(
    client: Client, read_key: str, kazakhstan: Country
) -> None:
    response = client.post(
        ORGANISATIONS,
        _new_org(kazakhstan),
        content_type="application/json",
        headers=bearer(read_key),
    )
    problem = assert_problem(response, 403)
    assert "read" in problem["detail"]
    assert not AuditEvent.objects.filter(action="organisation.registered").exists()


@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE"])
def test_it_lets_a_read_token_make_no_write(
    rf: RequestFactory, volunteer: User, read_key: str, write_key: str, method: str
) -> None:
    request = rf.generic(method, ORGANISATIONS, headers=bearer(read_key))
    with pytest.raises(ApiError) as error:
        token_auth(request)
    assert error.value.status_code == 403
    request = rf.generic(method, ORGANISATIONS, headers=bearer(write_key))
    assert token_auth(request) == volunteer


def test_it_asks_an_anonymous_writer_to_authenticate(client: Client, kazakhstan: Country) -> None:
    response = client.post(ORGANISATIONS, _new_org(kazakhstan), content_type="application/json")
    assert_problem(response, 401)


def test_it_checks_csrf_for_session_writes(volunteer: User, kazakhstan: Country) -> None:
    browser = Client(enforce_csrf_checks=True)
    browser.login(email=volunteer.email, password=PASSWORD)
    response = browser.post(ORGANISATIONS, _new_org(kazakhstan), content_type="application/json")
    assert "CSRF" in assert_problem(response, 403)["detail"]


def test_it_needs_no_csrf_with_a_token(
    volunteer: User, write_key: str, kazakhstan: Country
) -> None:
    browser = Client(enforce_csrf_checks=True)
    response = browser.post(
        ORGANISATIONS,
        _new_org(kazakhstan),
        content_type="application/json",
        headers=bearer(write_key),
    )
    assert response.status_code == 201, response.content
    assert response.json()["status"] == "pending"


def test_it_revokes_once_and_audits(volunteer: User, read_key: str) -> None:
    token = ApiToken.objects.get(name="reader")
    api_token_revoke(actor=volunteer, token=token)
    api_token_revoke(actor=volunteer, token=token)
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert token.revoked_at <= timezone.now()
    assert AuditEvent.objects.filter(action="api_token.revoked").count() == 1


def test_it_revokes_only_own_tokens(outsider: User, read_key: Any) -> None:
    with pytest.raises(PermissionDenied):
        api_token_revoke(actor=outsider, token=ApiToken.objects.get(name="reader"))
    assert ApiToken.objects.get(name="reader").revoked_at is None


def test_it_answers_problems_in_the_request_language(client: Client, write_key: str) -> None:
    response = client.post(
        ORGANISATIONS,
        json.dumps({"kind": "ngo", "name_en": "Steppe Helpers"}),
        content_type="application/json",
        headers={**bearer(write_key), "Accept-Language": "ru"},
    )
    problem = assert_problem(response, 422)
    assert {"field": "country", "message": "Обязательное поле."} in problem["errors"]
    assert response["Content-Language"] == "ru"
