"""The node's signing key, its published keys and the well-known document.

A node signs every call and every reply with one Ed25519 key (settings.NODE_SIGNING_KEY, or a
NodeKey row made on first use). It publishes the public half of that key and of every key it
signed with before (retired: a NodeKey row with `retired_at`, NODE_RETIRED_PUBLIC_KEYS) as a
JWKS in its well-known document, `/.well-known/volunteer-council-node`.

A key's id (`kid`, and the `keyid` of a request's signature) is its RFC 7638 JWK thumbprint:
base64url of SHA-256 over `{"crv":"Ed25519","kty":"OKP","x":"…"}`. Its fingerprint, shown to
the secretariats of both nodes before a peering is accepted, is the same hash in hex, in
groups of four.

A retired key is published with `"retired": true`: a peer checks documents signed with it (the
hours signed before a rotation) but no longer accepts it on a call.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from council.federation import protocol
from council.federation.models import NodeKey
from council.lib import signing

# How a JWK says that its key signs no more (an additional member, RFC 7517 section 4).
RETIRED = "retired"


def is_node() -> bool:
    """Whether this deployment is a national node (settings.NODE_COUNTRY is set)."""
    return bool(settings.NODE_COUNTRY)


# --- Keys as base64 and as JWK ------------------------------------------------------------


def _b64url(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def _x_of(public_b64: str) -> str:
    return _b64url(base64.b64decode(public_b64, validate=True))


def thumbprint_digest(public_b64: str) -> bytes:
    """SHA-256 over the key's RFC 7638 canonical JWK (required members, sorted, no spaces)."""
    canonical = json.dumps(
        {"crv": "Ed25519", "kty": "OKP", "x": _x_of(public_b64)},
        separators=(",", ":"),
        sort_keys=True,
    )
    return hashlib.sha256(canonical.encode("ascii")).digest()


def key_id(public_b64: str) -> str:
    """The key's RFC 7638 thumbprint in base64url: its `kid` and a signature's `keyid`."""
    return _b64url(thumbprint_digest(public_b64))


def fingerprint(public_b64: str) -> str:
    """The thumbprint in hex, in groups of four ("3f2a 9c1b …"): read aloud between the two
    secretariats before a peering is accepted."""
    hexed = thumbprint_digest(public_b64).hex()
    return " ".join(hexed[i : i + 4] for i in range(0, len(hexed), 4))


def jwk(public_b64: str, *, retired: bool = False) -> dict[str, Any]:
    found: dict[str, Any] = {
        "kty": "OKP",
        "crv": "Ed25519",
        "x": _x_of(public_b64),
        "kid": key_id(public_b64),
        "use": "sig",
        "alg": "EdDSA",
    }
    if retired:
        found[RETIRED] = True
    return found


def public_of_jwk(found: Any) -> str | None:
    """The raw public key (standard base64) of an Ed25519 JWK, or None for anything else."""
    if not isinstance(found, dict) or found.get("kty") != "OKP" or found.get("crv") != "Ed25519":
        return None
    x = found.get("x")
    if not isinstance(x, str):
        return None
    try:
        raw = base64.urlsafe_b64decode(x + "=" * (-len(x) % 4))
    except (binascii.Error, ValueError):
        return None
    if len(raw) != 32:
        return None
    return base64.b64encode(raw).decode("ascii")


@dataclass(frozen=True)
class PublishedKey:
    public_b64: str
    key_id: str
    retired: bool


def keys_of(jwks: Any) -> list[PublishedKey]:
    """The Ed25519 keys of a JWKS, each named by the thumbprint we compute ourselves (the
    `kid` a document gives is not trusted)."""
    entries = jwks.get("keys") if isinstance(jwks, dict) else None
    found: list[PublishedKey] = []
    for entry in entries if isinstance(entries, list) else []:
        public = public_of_jwk(entry)
        if public is not None:
            found.append(PublishedKey(public, key_id(public), bool(entry.get(RETIRED))))
    return found


def current_key_of(jwks: Any) -> PublishedKey | None:
    """The first key of a JWKS that is not retired (the one a node signs with)."""
    return next((key for key in keys_of(jwks) if not key.retired), None)


def jwks_fingerprint(jwks: Any) -> str:
    """The fingerprint of a JWKS's current key, or "" when it has none."""
    current = current_key_of(jwks)
    return fingerprint(current.public_b64) if current else ""


# --- This node's keys ---------------------------------------------------------------------


def _current_row() -> NodeKey:
    """The current NodeKey row, made on first use (by one process if two race)."""
    found = NodeKey.objects.filter(retired_at__isnull=True).first()
    if found is not None:
        return found
    private = signing.generate_private_key()
    try:
        with transaction.atomic():
            return NodeKey.objects.create(
                private_key=private, public_key=signing.public_key_from_private(private)
            )
    except IntegrityError:
        return NodeKey.objects.get(retired_at__isnull=True)


def private_key() -> str:
    """The node's current private key (base64 seed)."""
    return settings.NODE_SIGNING_KEY or _current_row().private_key


def public_key() -> str:
    return signing.public_key_from_private(private_key())


def current_key_id() -> str:
    return key_id(public_key())


def node_fingerprint() -> str:
    return fingerprint(public_key())


def published_keys() -> list[PublishedKey]:
    """The current key first, then every key signed with before (never signed with again)."""
    current = public_key()
    seen = {current}
    found = [PublishedKey(current, key_id(current), False)]
    older = [row.public_key for row in NodeKey.objects.order_by("-created_at", "-pk")]
    for public in [*older, *settings.NODE_RETIRED_PUBLIC_KEYS]:
        if public and public not in seen:
            seen.add(public)
            found.append(PublishedKey(public, key_id(public), True))
    return found


def node_jwks() -> dict[str, Any]:
    return {"keys": [jwk(key.public_b64, retired=key.retired) for key in published_keys()]}


def rotate_key() -> NodeKey:
    """Retire the current NodeKey and make a new one; the retired one stays published. Only
    for a node whose key lives in the database (NODE_SIGNING_KEY unset)."""
    if settings.NODE_SIGNING_KEY:
        raise ValueError("NODE_SIGNING_KEY is set: rotate it in the environment")
    with transaction.atomic():
        NodeKey.objects.filter(retired_at__isnull=True).update(retired_at=timezone.now())
        private = signing.generate_private_key()
        return NodeKey.objects.create(
            private_key=private, public_key=signing.public_key_from_private(private)
        )


# --- The well-known document --------------------------------------------------------------


def node_names() -> dict[str, str]:
    """The node's name in each language: "Volunteer Council node: <country>"."""
    from council.reference.models import Country

    country = Country.objects.filter(code=settings.NODE_COUNTRY).first()
    names = {}
    for language in ("ru", "kk", "en"):
        with translation.override(language):
            label = (
                getattr(country, f"name_{language}", "") or country.name
                if country
                else settings.NODE_COUNTRY
            )
            names[language] = _("Volunteer Council node: %(country)s") % {"country": label}
    return names


def endpoints() -> dict[str, str]:
    base = settings.NODE_URL.rstrip("/")
    return {name: base + protocol.path_of(name) for name in (*protocol.READS, *protocol.WRITES)}


def well_known_document() -> dict[str, Any]:
    return {
        "node": settings.NODE_ID,
        "country": settings.NODE_COUNTRY,
        "name": node_names(),
        "url": settings.NODE_URL.rstrip("/"),
        "protocol": protocol.PROTOCOL_VERSION,
        "keys": node_jwks(),
        "endpoints": endpoints(),
    }
