"""Which addresses an endpoint may have (council/webhooks/net.py): refused when subscribing and
again before each delivery (DNS rebinding). No test here sends anything outside 127.0.0.1:
a refused address is never connected to, and literal addresses need no lookup."""

from __future__ import annotations

import socket
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from council.webhooks import net
from council.webhooks.models import WebhookDelivery, WebhookEndpoint
from council.webhooks.services.delivery import delivery_attempt
from council.webhooks.services.emit import webhook_test_send
from council.webhooks.services.endpoints import webhook_endpoint_create, webhook_endpoint_update
from council.webhooks.tests.conftest import Receiver

REFUSED = [
    ("http://169.254.169.254/latest/meta-data/", "https://"),
    ("https://169.254.169.254/latest/meta-data/", "private or reserved"),
    ("https://10.0.0.1/", "private or reserved"),
    ("https://192.168.1.10/hook", "private or reserved"),
    ("https://172.16.0.5/", "private or reserved"),
    ("https://100.64.0.1/", "private or reserved"),
    ("https://127.0.0.1/", "private or reserved"),
    ("https://localhost/", "private or reserved"),  # a name that resolves to 127.0.0.1
    ("https://[::1]/", "private or reserved"),
    ("https://[::ffff:127.0.0.1]/", "private or reserved"),
    ("https://[fd00::1]/", "private or reserved"),
    ("https://0.0.0.0/", "private or reserved"),
    ("https://224.0.0.1/", "private or reserved"),
    ("https://255.255.255.255/", "private or reserved"),
    ("ftp://example.org/", "https://"),
    ("file:///etc/passwd", "https://"),
    ("javascript:alert(1)", "https://"),
    ("https://user:secret@8.8.8.8/", "user name or password"),
    ("https://8.8.8.8:99999/", "valid address"),
    ("https://no-such-host.invalid/", "could not be found"),
    ("", "https://"),
]


@pytest.mark.parametrize(("url", "why"), REFUSED)
def test_refused_addresses(url: str, why: str, settings: Any) -> None:
    settings.WEBHOOKS_ALLOWED_HOSTS = []
    with pytest.raises(ValidationError) as error:
        net.resolve(url)
    assert why in " ".join(error.value.message_dict["url"])


def test_a_public_https_address_is_allowed() -> None:
    target = net.resolve("https://8.8.8.8/hooks?team=1")
    assert (target.host, target.port, target.address, target.path) == (
        "8.8.8.8",
        443,
        "8.8.8.8",
        "/hooks?team=1",
    )


def test_an_allowed_host_may_use_http_and_loopback_on_its_port_only(settings: Any) -> None:
    settings.WEBHOOKS_ALLOWED_HOSTS = ["127.0.0.1:8765"]
    assert net.resolve("http://127.0.0.1:8765/x").address == "127.0.0.1"
    with pytest.raises(ValidationError):
        net.resolve("http://127.0.0.1:8766/x")
    settings.WEBHOOKS_ALLOWED_HOSTS = ["127.0.0.1"]
    assert net.resolve("http://127.0.0.1:8766/x").port == 8766
    with pytest.raises(ValidationError):
        net.resolve("http://localhost:8766/x")  # the name is not allowed, whatever it resolves to


@pytest.mark.django_db
def test_subscribing_to_a_private_address_is_refused_and_nothing_is_saved(
    org: Any, org_admin: Any, settings: Any
) -> None:
    settings.WEBHOOKS_ALLOWED_HOSTS = []
    with pytest.raises(ValidationError) as error:
        webhook_endpoint_create(
            actor=org_admin, organisation=org, url="https://10.0.0.1/", events=["seat.freed"]
        )
    assert "url" in error.value.message_dict
    assert not WebhookEndpoint.objects.exists()


@pytest.mark.django_db
def test_a_host_that_turns_private_after_subscribing_is_refused_at_delivery(
    receiver: Receiver, org: Any, org_admin: Any, monkeypatch: Any, settings: Any
) -> None:
    """DNS rebinding: public when checked, 127.0.0.1 when sending. The lookup is replaced
    (the machine has no DNS to rebind); nothing is connected to but the test's receiver."""
    real = socket.getaddrinfo
    answers = {"hooks.example.org": "93.184.215.14"}

    def lookup(host: str, port: Any, *args: Any, **kwargs: Any) -> Any:
        if host in answers:
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (answers[host], port))]
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(net.socket, "getaddrinfo", lookup)
    endpoint = webhook_endpoint_create(
        actor=org_admin,
        organisation=org,
        url="https://hooks.example.org/council",
        events=["seat.freed"],
    )
    answers["hooks.example.org"] = "127.0.0.1"
    delivery = webhook_test_send(actor=org_admin, endpoint=endpoint)
    assert delivery_attempt(delivery_id=delivery.pk) == "failed"
    delivery.refresh_from_db()
    assert "private or reserved" in delivery.error
    assert delivery.response_status is None
    assert receiver.requests == []

    # An allowed endpoint whose host is no longer allowed is refused too.
    with pytest.raises(ValidationError):
        webhook_endpoint_update(
            actor=org_admin, endpoint=endpoint, url="https://hooks.example.org/x"
        )
    allowed = webhook_endpoint_create(
        actor=org_admin, organisation=org, url=receiver.url, events=["seat.freed"]
    )
    settings.WEBHOOKS_ALLOWED_HOSTS = []
    second = webhook_test_send(actor=org_admin, endpoint=allowed)
    assert delivery_attempt(delivery_id=second.pk) == "failed"
    assert "https://" in WebhookDelivery.objects.get(pk=second.pk).error
    assert receiver.requests == []
