"""The platform's signing key for record books. Production passes it in the environment
(`SIGNING_PRIVATE_KEY`, the base64 of an Ed25519 seed); otherwise one is made on first use and
kept in the database. Every key ever used stays published, so older documents verify."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction

from council.hours.models import SigningKey
from council.lib.signing import (
    generate_private_key,
    key_id,
    public_jwk,
    public_key_from_private,
    sign,
)


@dataclass(frozen=True)
class PlatformKey:
    key_id: str
    public_key: str
    private_key: str


def platform_key() -> PlatformKey:
    configured = getattr(settings, "SIGNING_PRIVATE_KEY", "")
    if configured:
        public = public_key_from_private(configured)
        return PlatformKey(key_id(public), public, configured)
    stored = SigningKey.objects.order_by("pk").first()
    if stored is None:
        private = generate_private_key()
        public = public_key_from_private(private)
        try:
            with transaction.atomic():
                SigningKey.objects.create(
                    key_id=key_id(public), public_key=public, private_key=private
                )
        except IntegrityError:
            pass
        stored = SigningKey.objects.order_by("pk").first()
    assert stored is not None
    return PlatformKey(stored.key_id, stored.public_key, stored.private_key)


def published_keys() -> list[dict[str, str]]:
    """The public keys as a JSON Web Key Set's `keys` (RFC 7517, RFC 8037)."""
    current = platform_key()
    keys = {current.key_id: public_jwk(current.public_key)}
    for stored in SigningKey.objects.order_by("pk"):
        keys.setdefault(stored.key_id, public_jwk(stored.public_key))
    return list(keys.values())


def document_sign(document: Any) -> dict[str, str]:
    return sign(document, platform_key().private_key)
