"""Sign-in throttling counts per client behind the trusted proxy, and per account.

Runs with the production rate limits (allauth's defaults: 10 failed sign-ins a minute per
address, 5 in 5 minutes per account)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client

from council.conftest import PASSWORD, make_user

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"
PROXY = "10.0.0.1"
TOO_MANY = "Too many failed login attempts"


@pytest.fixture(autouse=True)
def _production_limits(settings: Any) -> Any:
    settings.ACCOUNT_RATE_LIMITS = {}
    settings.TRUSTED_PROXIES = [PROXY]
    cache.clear()
    yield
    cache.clear()


def sign_in(email: str, password: str, *, remote: str = PROXY, client_ip: str = "") -> Any:
    headers = {"REMOTE_ADDR": remote}
    if client_ip:
        headers["HTTP_X_FORWARDED_FOR"] = client_ip
    return Client().post(LOGIN, {"login": email, "password": password}, **headers)


def test_one_client_failing_behind_the_proxy_does_not_lock_out_the_others() -> None:
    person = make_user("person@example.org")
    for n in range(10):
        response = sign_in(f"nobody{n}@example.org", "wrong", client_ip="203.0.113.5")
        assert TOO_MANY not in response.content.decode()
    assert TOO_MANY in sign_in("x@example.org", "wrong", client_ip="203.0.113.5").content.decode()
    response = sign_in(person.email, PASSWORD, client_ip="198.51.100.7")
    assert response.status_code == 302


def test_a_client_cannot_dodge_the_limit_by_writing_the_header_itself() -> None:
    person = make_user("person@example.org")
    for n in range(10):
        sign_in(f"nobody{n}@example.org", "wrong", remote="192.0.2.9", client_ip=f"1.1.1.{n}")
    response = sign_in(person.email, PASSWORD, remote="192.0.2.9", client_ip="1.1.1.99")
    assert response.status_code == 200
    assert TOO_MANY in response.content.decode()


def test_an_account_locks_after_five_failures_from_anywhere() -> None:
    person = make_user("person@example.org")
    for n in range(5):
        sign_in(person.email, "wrong", client_ip=f"203.0.113.{n}")
    response = sign_in(person.email, PASSWORD, client_ip="198.51.100.7")
    assert response.status_code == 200
    assert TOO_MANY in response.content.decode()
