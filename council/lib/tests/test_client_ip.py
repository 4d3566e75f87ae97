from __future__ import annotations

from typing import Any

import pytest
from django.test import RequestFactory

from council.lib.client_ip import client_ip


@pytest.fixture(autouse=True)
def _proxies(settings: Any) -> None:
    settings.TRUSTED_PROXIES = ["10.0.0.0/8", "::1"]


def ip(remote: str, forwarded: str | None = None) -> str | None:
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return client_ip(RequestFactory().get("/", **extra))


def test_a_direct_client_is_its_own_address_whatever_it_claims() -> None:
    assert ip("203.0.113.5") == "203.0.113.5"
    assert ip("203.0.113.5", "198.51.100.1") == "203.0.113.5"


def test_behind_a_trusted_proxy_it_is_the_address_the_proxy_saw() -> None:
    assert ip("10.0.0.1", "203.0.113.5") == "203.0.113.5"
    # A client that writes its own header only adds entries on the left.
    assert ip("10.0.0.1", "1.2.3.4, 203.0.113.5") == "203.0.113.5"
    assert ip("::1", "2001:db8::7") == "2001:db8::7"


def test_it_walks_back_through_a_chain_of_trusted_proxies() -> None:
    assert ip("10.0.0.1", "1.2.3.4, 203.0.113.5, 10.0.0.2") == "203.0.113.5"


def test_a_proxy_without_a_header_is_the_client() -> None:
    assert ip("10.0.0.1") == "10.0.0.1"
    assert ip("10.0.0.1", "") == "10.0.0.1"


def test_garbage_stops_the_walk() -> None:
    assert ip("10.0.0.1", "203.0.113.5, not-an-address, 10.0.0.2") == "10.0.0.2"
    assert ip("not-an-address") is None


def test_no_trusted_proxies_means_the_header_is_never_read(settings: Any) -> None:
    settings.TRUSTED_PROXIES = []
    assert ip("127.0.0.1", "203.0.113.5") == "127.0.0.1"
