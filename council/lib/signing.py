"""Detached Ed25519 signatures over canonical JSON (RFC 8785, JCS), so that anyone holding our
published public key can verify a document offline, on any platform, without our code.

The signed bytes are `canonical_json(document)`; the signature travels beside the document
as `{"algorithm", "canonicalization", "key_id", "value"}`.
"""

from __future__ import annotations

import base64
import hashlib
import json
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

ALGORITHM = "Ed25519"
CANONICALIZATION = "JCS (RFC 8785)"

# JCS numbers are IEEE 754 doubles: beyond 2**53 other platforms would read a different
# integer than the one we signed.
MAX_SAFE_INTEGER = 2**53 - 1

_KEY_BYTES = 32
_SIGNATURE_BYTES = 64


def canonical_json(value: Any) -> bytes:
    """`value` as RFC 8785 canonical JSON in UTF-8. Only dicts with string keys, lists,
    strings, integers, booleans and None are accepted: floats raise TypeError (decimals travel
    as strings), integers beyond ±(2**53 - 1) and unpaired surrogates raise ValueError."""
    parts: list[str] = []
    _write(value, parts)
    try:
        return "".join(parts).encode("utf-8")
    except UnicodeEncodeError as error:
        raise ValueError("canonical JSON needs valid Unicode (unpaired surrogate)") from error


def _write(value: Any, parts: list[str]) -> None:
    # bool before int: True is an int in Python.
    if value is None or isinstance(value, bool):
        parts.append(json.dumps(value))
    elif isinstance(value, int):
        if abs(value) > MAX_SAFE_INTEGER:
            raise ValueError(f"integer {value} is beyond ±(2**53 - 1); send it as a string")
        parts.append(str(int(value)))
    elif isinstance(value, float):
        raise TypeError("floats cannot be signed; carry decimals as strings")
    elif isinstance(value, str):
        # Python's escaping with ensure_ascii=False is the one JCS prescribes: the short forms
        # for \b \t \n \f \r " \\, \u00xx in lower case for other control characters, and
        # every other character as itself.
        parts.append(json.dumps(value, ensure_ascii=False))
    elif isinstance(value, list):
        parts.append("[")
        for index, item in enumerate(value):
            if index:
                parts.append(",")
            _write(item, parts)
        parts.append("]")
    elif isinstance(value, dict):
        for key in value:
            if not isinstance(key, str):
                raise TypeError(f"object keys must be strings, not {type(key).__name__}")
        parts.append("{")
        # JCS orders keys by their UTF-16 code units, which differs from code point order
        # above U+FFFF.
        for index, key in enumerate(sorted(value, key=_utf16_sort_key)):
            if index:
                parts.append(",")
            parts.append(json.dumps(key, ensure_ascii=False))
            parts.append(":")
            _write(value[key], parts)
        parts.append("}")
    else:
        raise TypeError(f"{type(value).__name__} cannot be put in canonical JSON")


def _utf16_sort_key(key: str) -> bytes:
    try:
        return key.encode("utf-16-be")
    except UnicodeEncodeError as error:
        raise ValueError("canonical JSON needs valid Unicode (unpaired surrogate)") from error


def _b64encode(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def _b64decode(text: str, length: int) -> bytes:
    """Strict standard base64 of exactly `length` bytes, or ValueError."""
    raw = base64.b64decode(text.encode("ascii"), validate=True)
    if len(raw) != length:
        raise ValueError(f"expected {length} bytes, got {len(raw)}")
    return raw


def _private_key(private_b64: str) -> Ed25519PrivateKey:
    return Ed25519PrivateKey.from_private_bytes(_b64decode(private_b64, _KEY_BYTES))


def generate_private_key() -> str:
    """A new Ed25519 private key: its raw 32-byte seed in standard base64."""
    return _b64encode(Ed25519PrivateKey.generate().private_bytes_raw())


def public_key_from_private(private_b64: str) -> str:
    """The raw 32-byte public key, in standard base64, of a private key from
    `generate_private_key`."""
    return _b64encode(_private_key(private_b64).public_key().public_bytes_raw())


def key_id(public_b64: str) -> str:
    """A short name for a public key: the first 16 hex digits of SHA-256 of its raw bytes."""
    return hashlib.sha256(_b64decode(public_b64, _KEY_BYTES)).hexdigest()[:16]


def sign(document: Any, private_b64: str) -> dict[str, str]:
    """A detached signature over `canonical_json(document)`."""
    private_key = _private_key(private_b64)
    public_b64 = _b64encode(private_key.public_key().public_bytes_raw())
    return {
        "algorithm": ALGORITHM,
        "canonicalization": CANONICALIZATION,
        "key_id": key_id(public_b64),
        "value": _b64encode(private_key.sign(canonical_json(document))),
    }


def verify(document: Any, signature: dict[str, str], public_b64: str) -> bool:
    """Whether `signature` (from `sign`) was made over `document` by the key `public_b64`.
    Any fault in the signature or the document gives False; only a malformed public key,
    which is our own configuration, raises ValueError."""
    public_key = Ed25519PublicKey.from_public_bytes(_b64decode(public_b64, _KEY_BYTES))
    expected_key_id = key_id(public_b64)
    try:
        if signature.get("algorithm") != ALGORITHM:
            return False
        if signature.get("key_id") != expected_key_id:
            return False
        value = signature.get("value")
        if not isinstance(value, str):
            return False
        public_key.verify(_b64decode(value, _SIGNATURE_BYTES), canonical_json(document))
    except (InvalidSignature, ValueError, TypeError, AttributeError):
        # AttributeError: a signature that is not a dict at all.
        return False
    return True


def public_jwk(public_b64: str) -> dict[str, str]:
    """The public key as an RFC 8037 JSON Web Key, for publishing next to our documents."""
    raw = _b64decode(public_b64, _KEY_BYTES)
    return {
        "kty": "OKP",
        "crv": "Ed25519",
        "x": base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii"),
        "kid": key_id(public_b64),
        "use": "sig",
        "alg": "EdDSA",
    }
