"""HTTP Message Signatures (RFC 9421) between nodes, through `http_message_signatures`.

A request covers `@method`, `@target-uri`, and for a write `content-digest` (RFC 9530,
SHA-256 of the body) and `idempotency-key`; a reply covers `@status` and `content-digest`, and
is bound to the request it answers (RFC 9421 §2.4, `req`): it covers that request's `@method`,
`@target-uri` and its signature (`"signature";req;key="node"`), so that it cannot be passed off
as the answer to another request.
Every signature carries `created`, `expires` (created + FEDERATION_MAX_AGE_SECONDS), a random
`nonce`, `keyid` (the RFC 7638 thumbprint of the signing key, council/federation/keys.py),
`alg="ed25519"` and `tag` = protocol.SIGNATURE_TAG, under the label `node`.

`check` verifies one and says what is wrong with it as a ProtocolError with the protocol's
code: signature_missing, signature_invalid, signature_expired, clock_skew, unknown_key,
digest_mismatch. Replays (a nonce seen before) are the receiver's check (inbound.py), which
keeps the nonces.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import http_sf
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.conf import settings
from http_message_signatures import (
    ContentDigest,
    HTTPMessageSignaturesException,
    HTTPMessageSigner,
    HTTPMessageVerifier,
    InvalidSignature,
    MappingKeyResolver,
    algorithms,
)

from council.federation import keys
from council.federation.protocol import SIGNATURE_TAG, ProtocolError
from council.lib import signing

LABEL = "node"
UNAUTHORISED = 401


@dataclass
class Request:
    """A request as the signing library reads it: method, absolute URL, headers."""

    method: str
    url: str
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class Reply:
    """A reply as the signing library reads it: status, headers, and the request it answers
    (whose components it covers with `req`)."""

    status_code: int
    headers: dict[str, str] = field(default_factory=dict)
    request: Request | None = None


# What a reply covers of the request it answers; the request's signature only when it has one
# under our label (a reply to an unsigned request, refusing it, cannot cover it).
REQUEST_BOUND = ('"@method";req', '"@target-uri";req')
REQUEST_SIGNATURE = f'"signature";req;key="{LABEL}"'
REPLY_REQUIRED = ("@status", *REQUEST_BOUND, REQUEST_SIGNATURE)


@dataclass(frozen=True)
class Signed:
    """What a signature said about itself, once verified (or once made)."""

    key_id: str
    nonce: str
    created: datetime
    expires: datetime


def _private(private_b64: str) -> Ed25519PrivateKey:
    return Ed25519PrivateKey.from_private_bytes(signing._b64decode(private_b64, 32))


def _public(public_b64: str) -> Ed25519PublicKey:
    return Ed25519PublicKey.from_public_bytes(signing._b64decode(public_b64, 32))


def _sign(
    message: Request | Reply,
    covered: list[str],
    body: bytes,
    private_b64: str,
    at: datetime | None = None,
) -> Signed:
    public_b64 = signing.public_key_from_private(private_b64)
    kid = keys.key_id(public_b64)
    created = (at or datetime.now(UTC)).replace(microsecond=0)
    expires = created + timedelta(seconds=settings.FEDERATION_MAX_AGE_SECONDS)
    nonce = secrets.token_urlsafe(24)
    signer = HTTPMessageSigner(
        signature_algorithm=algorithms.ED25519,
        key_resolver=MappingKeyResolver(public_keys={}, private_keys={kid: _private(private_b64)}),
    )
    signer.sign(
        message,
        key_id=kid,
        created=created,
        expires=expires,
        nonce=nonce,
        label=LABEL,
        tag=SIGNATURE_TAG,
        covered_component_ids=covered,
        body=body if body or isinstance(message, Reply) else None,
    )
    return Signed(kid, nonce, created, expires)


def sign_request(
    request: Request, *, body: bytes, private_b64: str | None = None, at: datetime | None = None
) -> Signed:
    """Sign `request` in place (Signature-Input, Signature and for a body Content-Digest)
    with the node's key (or `private_b64`), created now (or `at`)."""
    covered = ["@method", "@target-uri"]
    if _header(request.headers, "idempotency-key"):
        covered.append("idempotency-key")
    return _sign(request, covered, body, private_b64 or keys.private_key(), at)


def sign_reply(
    reply: Reply, *, body: bytes, private_b64: str | None = None, at: datetime | None = None
) -> Signed:
    """Sign `reply` in place, bound to `reply.request` when it is given."""
    covered = ["@status"]
    if reply.request is not None:
        covered += REQUEST_BOUND
        if _has_our_signature(reply.request.headers):
            covered.append(REQUEST_SIGNATURE)
    return _sign(reply, covered, body, private_b64 or keys.private_key(), at)


def _has_our_signature(headers: Mapping[str, str]) -> bool:
    """Whether the Signature field parses and has a member under our label."""
    raw = _header(headers, "signature")
    if not raw:
        return False
    try:
        parsed = http_sf.parse(raw.encode(), tltype="dictionary")
    except (ValueError, TypeError, UnicodeError):
        return False
    return isinstance(parsed, dict) and LABEL in parsed


def _header(headers: Mapping[str, str], name: str) -> str:
    for key, value in headers.items():
        if key.lower() == name:
            return value
    return ""


def _refused(code: str, message: str) -> ProtocolError:
    return ProtocolError(code, message, status=UNAUTHORISED)


def _parameters(headers: Mapping[str, str]) -> dict[str, Any]:
    """The parameters of our signature (the one tagged SIGNATURE_TAG) in Signature-Input."""
    if not _header(headers, "signature-input") or not _header(headers, "signature"):
        raise _refused("signature_missing", "The request is not signed.")
    try:
        parsed = http_sf.parse(_header(headers, "signature-input").encode(), tltype="dictionary")
    except (ValueError, TypeError, UnicodeError) as error:
        raise _refused("signature_invalid", "The Signature-Input field is malformed.") from error
    members: dict[str, Any] = parsed if isinstance(parsed, dict) else {}
    for member in members.values():
        params = member[1] if isinstance(member, tuple) and len(member) == 2 else None
        if isinstance(params, dict) and params.get("tag") == SIGNATURE_TAG:
            return dict(params)
    raise _refused("signature_missing", f"No signature is tagged {SIGNATURE_TAG!r}.")


def _time(params: dict[str, Any], name: str) -> datetime:
    value = params.get(name)
    if type(value) is not int:
        raise _refused("signature_invalid", f"The signature has no {name!r} time.")
    try:
        return datetime.fromtimestamp(value, tz=UTC)
    except (OverflowError, OSError, ValueError) as error:
        raise _refused("signature_invalid", f"The signature's {name!r} is not a time.") from error


def check(
    message: Request | Reply,
    *,
    body: bytes,
    resolve: Callable[[str], str | None],
    required: Iterable[str],
    now: datetime | None = None,
) -> Signed:
    """Verify the message's signature against the key `resolve(keyid)` gives (None: the key
    is unknown → `unknown_key`). `required` are components it must cover (content-digest is
    required besides whenever there is a body). ProtocolError says what is wrong."""
    params = _parameters(message.headers)
    key_id = params.get("keyid")
    nonce = params.get("nonce")
    if not isinstance(key_id, str) or not key_id:
        raise _refused("signature_invalid", "The signature has no key id.")
    if not isinstance(nonce, str) or not nonce or len(nonce) > 64:
        raise _refused("signature_invalid", "The signature has no nonce (or one too long).")
    created, expires = _time(params, "created"), _time(params, "expires")
    now = now or datetime.now(UTC)
    skew = timedelta(seconds=settings.FEDERATION_MAX_SKEW_SECONDS)
    max_age = timedelta(seconds=settings.FEDERATION_MAX_AGE_SECONDS)
    if created > now + skew:
        raise _refused(
            "clock_skew", "The signature was created in the future: check the node's clock."
        )
    if now > expires + skew or now > created + max_age + skew:
        raise _refused("signature_expired", "The signature has expired.")
    public_b64 = resolve(key_id)
    if public_b64 is None:
        raise _refused("unknown_key", f"The key {key_id} is not a published key of a peer.")
    verifier = HTTPMessageVerifier(
        signature_algorithm=algorithms.ED25519,
        key_resolver=MappingKeyResolver(public_keys={key_id: _public(public_b64)}, private_keys={}),
    )
    verifier.max_clock_skew = skew
    needed = list(required)
    if body:
        needed.append("content-digest")
    try:
        results = verifier.verify(
            message, max_age=None, expect_tag=SIGNATURE_TAG, require_components=needed
        )
    except (InvalidSignature, HTTPMessageSignaturesException) as error:
        raise _refused("signature_invalid", f"The signature does not verify: {error}") from error
    covered = results[0].covered_components
    digest = covered.get('"content-digest"')
    if body or digest is not None:
        try:
            ContentDigest.verify(digest or "", body)
        except (InvalidSignature, HTTPMessageSignaturesException) as error:
            raise ProtocolError(
                "digest_mismatch", "The body does not match its Content-Digest.", status=400
            ) from error
    return Signed(key_id, nonce, created, expires)
