"""Web push in tests: the site's VAPID keys, a browser's key pair (so that a test can decrypt
what was sent to it, as the browser would), and a push service stand-in at the network
boundary: pywebpush's HTTP POST (requests.post) is recorded and answered with a status of the
test's choosing; the encryption, the VAPID signature and the database stay real."""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass, field
from typing import Any

import http_ece
import pytest
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from council.settings.push import vapid_public_key_of


def b64url(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


@dataclass
class Browser:
    """A browser's side of a subscription: what it sends the site, and its private key."""

    private_key: ec.EllipticCurvePrivateKey
    auth: bytes
    endpoint: str

    @property
    def p256dh(self) -> str:
        point = self.private_key.public_key().public_bytes(
            Encoding.X962, PublicFormat.UncompressedPoint
        )
        return b64url(point)

    def fields(self) -> dict[str, str]:
        return {"endpoint": self.endpoint, "p256dh": self.p256dh, "auth": b64url(self.auth)}

    def read(self, body: bytes) -> dict[str, Any]:
        """Decrypt a message as the browser does (RFC 8291, aes128gcm)."""
        plain = http_ece.decrypt(
            body, private_key=self.private_key, auth_secret=self.auth, version="aes128gcm"
        )
        return json.loads(plain)


def make_browser(number: int = 1) -> Browser:
    return Browser(
        private_key=ec.generate_private_key(ec.SECP256R1()),
        auth=bytes(range(number, number + 16)),
        endpoint=f"https://push.example.net/send/device-{number}",
    )


@pytest.fixture
def browser_keys() -> Browser:
    return make_browser()


@pytest.fixture
def vapid(settings: Any) -> str:
    """The site's VAPID key pair, configured; returns the public key."""
    number = ec.generate_private_key(ec.SECP256R1()).private_numbers().private_value
    private = b64url(number.to_bytes(32, "big"))
    settings.VAPID_PRIVATE_KEY = private
    settings.VAPID_PUBLIC_KEY = vapid_public_key_of(private)
    settings.VAPID_SUBJECT = "mailto:council@example.org"
    return settings.VAPID_PUBLIC_KEY


@dataclass
class Answer:
    status_code: int
    text: str = ""
    reason: str = ""
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class PushService:
    """Records each POST pywebpush makes; answers `status` (201 unless a test says)."""

    status: int = 201
    received: list[dict[str, Any]] = field(default_factory=list)

    def post(self, url: str, data: bytes, headers: dict[str, str], timeout: Any) -> Answer:
        self.received.append({"url": url, "data": data, "headers": headers, "timeout": timeout})
        return Answer(self.status, reason="Gone" if self.status == 410 else "")


@pytest.fixture
def push_service(monkeypatch: pytest.MonkeyPatch) -> PushService:
    service = PushService()
    monkeypatch.setattr("pywebpush.requests.post", service.post)
    return service
