"""Tokens and clients for the API tests; the people and places come from council/conftest.py."""

from __future__ import annotations

import json
from typing import Any

import pytest

from council.accounts.models import User
from council.api.models import TokenScope
from council.api.services import api_token_create
from council.projects.tests import conftest as project_fixtures

# Fixtures of the project tests, used here by name.
reference = project_fixtures.reference
moscow = project_fixtures.moscow
ru_partner = project_fixtures.ru_partner


API = "/api/v1"


def bearer(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


def post_json(client: Any, url: str, body: Any, key: str) -> Any:
    """POST `body` as JSON to `url` with the key."""
    return client.post(url, json.dumps(body), content_type="application/json", headers=bearer(key))


def api_post(client: Any, path: str, body: Any, key: str) -> Any:
    """POST `body` as JSON to the API's `path` with the key."""
    return post_json(client, API + path, body, key)


def assert_problem(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == status
    assert body["title"]
    assert body["detail"]
    assert isinstance(body["errors"], list)
    return body


def key_for(user: User, scope: str = TokenScope.WRITE) -> str:
    _token, key = api_token_create(user=user, name=f"{scope} key", scope=scope)
    return key


def fields_of(problem: dict[str, Any]) -> set[str | None]:
    return {error["field"] for error in problem["errors"]}


@pytest.fixture
def read_key(volunteer: User) -> str:
    _token, key = api_token_create(user=volunteer, name="reader", scope=TokenScope.READ)
    return key


@pytest.fixture
def write_key(volunteer: User) -> str:
    _token, key = api_token_create(user=volunteer, name="writer", scope=TokenScope.WRITE)
    return key
