"""Web push to the phone app (council/push): the VAPID key pair and the subject the push
services may contact. Without a private key nothing is sent and no page offers notifications."""

from __future__ import annotations

import base64
import os

from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    PublicFormat,
    load_der_private_key,
)
from django.core.exceptions import ImproperlyConfigured

from council.settings.environment import DATA_DIR, PRODUCTION, SITE_URL


def _b64url_decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def vapid_public_key_of(private_key: str) -> str:
    """The browser's applicationServerKey (the uncompressed P-256 point, url-safe base64
    without padding) of a private key given as its 32 raw bytes or as DER, url-safe base64."""
    raw = _b64url_decode(private_key.strip())
    if len(raw) == 32:
        key = ec.derive_private_key(int.from_bytes(raw, "big"), ec.SECP256R1())
    else:
        loaded = load_der_private_key(raw, password=None)
        if not isinstance(loaded, ec.EllipticCurvePrivateKey):
            raise ValueError("not an elliptic-curve key")
        key = loaded
    point = key.public_key().public_bytes(Encoding.X962, PublicFormat.UncompressedPoint)
    return base64.urlsafe_b64encode(point).rstrip(b"=").decode()


def _development_key() -> str:
    # Written once by scripts/dev_secrets.py (`make run`), like the other development secrets.
    try:
        return (DATA_DIR / "vapid_private_key").read_text().strip()
    except FileNotFoundError:
        return ""


VAPID_PRIVATE_KEY = os.environ.get("VAPID_PRIVATE_KEY", "").strip() or (
    "" if PRODUCTION else _development_key()
)
VAPID_PUBLIC_KEY = os.environ.get("VAPID_PUBLIC_KEY", "").strip()
if VAPID_PRIVATE_KEY:
    try:
        _derived = vapid_public_key_of(VAPID_PRIVATE_KEY)
    except ValueError as error:
        raise ImproperlyConfigured(
            "VAPID_PRIVATE_KEY: a P-256 private key, its 32 raw bytes (or DER) in url-safe "
            "base64 (python scripts/dev_secrets.py --vapid prints a pair)."
        ) from error
    if VAPID_PUBLIC_KEY and VAPID_PUBLIC_KEY.rstrip("=") != _derived:
        raise ImproperlyConfigured("VAPID_PUBLIC_KEY is not the public key of VAPID_PRIVATE_KEY.")
    VAPID_PUBLIC_KEY = _derived
else:
    VAPID_PUBLIC_KEY = ""
# The contact the push services see in every message's signed claims: a mailto: address or
# the site's https:// address.
VAPID_SUBJECT = os.environ.get("VAPID_SUBJECT", "").strip() or (
    SITE_URL if SITE_URL.startswith("https://") else "mailto:noreply@localhost.localdomain"
)
if VAPID_PRIVATE_KEY and not VAPID_SUBJECT.startswith(("mailto:", "https://")):
    raise ImproperlyConfigured("VAPID_SUBJECT must be a mailto: or https:// address.")
# A push message the phone has not received within this many seconds is dropped by the push
# service (a reminder of a shift that has begun is no use).
PUSH_TTL_SECONDS = 12 * 60 * 60
PUSH_TIMEOUT_SECONDS = 10
