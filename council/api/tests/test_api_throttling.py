"""Rate limits: anonymous callers per address, each token on its own; a 429 problem with
Retry-After once the window's requests are used up."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client

from council.accounts.models import User
from council.api.tests.conftest import assert_problem, bearer, key_for

URL = "/api/v1/reference/languages"


@pytest.fixture(autouse=True)
def _fresh_counts() -> None:
    cache.clear()


def test_the_request_past_the_anonymous_limit_is_told_to_wait(
    client: Client, settings: Any, db: None
) -> None:
    settings.API_THROTTLE_ANON = "3/min"
    for _ in range(3):
        assert client.get(URL).status_code == 200
    refused = client.get(URL, headers={"Accept-Language": "ru"})
    problem = assert_problem(refused, 429)
    assert problem["title"] != "Too many requests"  # translated
    assert 1 <= int(refused["Retry-After"]) <= 60
    # Another address has its own count.
    assert client.get(URL, REMOTE_ADDR="192.0.2.7").status_code == 200


def test_each_token_has_its_own_limit(
    client: Client, settings: Any, volunteer: User, org_admin: User
) -> None:
    settings.API_THROTTLE_ANON = "1/min"
    settings.API_THROTTLE_TOKEN = "2/min"
    first, second = key_for(volunteer), key_for(org_admin)
    for _ in range(2):
        assert client.get(URL, headers=bearer(first)).status_code == 200
    refused = client.get(URL, headers=bearer(first))
    assert_problem(refused, 429)
    assert int(refused["Retry-After"]) >= 1
    # Another token, even another of the same person, and the anonymous count are apart.
    assert client.get(URL, headers=bearer(second)).status_code == 200
    assert client.get(URL, headers=bearer(key_for(volunteer))).status_code == 200
    assert client.get(URL).status_code == 200


def test_no_rate_means_no_limit(client: Client, settings: Any, db: None) -> None:
    settings.API_THROTTLE_ANON = ""
    for _ in range(5):
        response = client.get(URL)
        assert response.status_code == 200
        assert response.json() == []  # no languages loaded: the list itself, not a problem
