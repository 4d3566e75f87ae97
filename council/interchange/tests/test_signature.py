"""The signature of an exchange file verifies with the published key by the recipe of
docs/exchange-format.md (plain `cryptography`, no platform code), and any change breaks it."""

from __future__ import annotations

import base64
import hashlib
import json
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from django.test import Client

from council.interchange.models import ExchangeFormat, ExchangeKind
from council.interchange.tests.conftest import export_bytes, import_bytes, jsonl


def verify_jsonl(data: bytes, keys: dict[str, Any]) -> None:
    """The documentation's verification, word for word (raises when anything changed)."""
    lines = data.split(b"\n")
    if lines[-1] == b"":
        lines.pop()
    *body, last = [line.removesuffix(b"\r") for line in lines]
    trailer = json.loads(last)
    digest = hashlib.sha256(b"".join(line + b"\n" for line in body)).hexdigest()
    assert trailer["sha256"] == digest, "a line was changed"
    assert trailer["lines"] == len(body)
    signature = trailer.pop("signature")
    key = next(k for k in keys["keys"] if k["kid"] == signature["key_id"])
    public = Ed25519PublicKey.from_public_bytes(base64.urlsafe_b64decode(key["x"] + "=="))
    payload = json.dumps(trailer, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    public.verify(base64.b64decode(signature["value"]), payload.encode())


def published(client: Client) -> dict[str, Any]:
    return client.get("/hours/signing-keys.json").json()


def test_a_file_verifies_with_the_published_key(hours: Any, client: Client) -> None:
    data = export_bytes()
    verify_jsonl(data, published(client))
    records = jsonl(data)
    assert records[0]["type"] == "header"
    assert records[-1]["counts"] == {"organisation": 3, "opportunity": 1, "hours": 5}


def test_a_changed_line_fails_verification_and_import(hours: Any, client: Client) -> None:
    data = export_bytes()
    tampered = data.replace(b'"hours":"5.50"', b'"hours":"5.51"', 1)
    assert tampered != data
    try:
        verify_jsonl(tampered, published(client))
    except AssertionError:
        pass
    else:
        raise AssertionError("a changed line passed")

    report = import_bytes(tampered)

    assert not report.written
    assert [(e.field, e.message) for e in report.errors.listed] == [
        (
            "sha256",
            "The file was changed after it was signed (or its lines were cut or reordered).",
        )
    ]


def test_a_changed_signature_line_fails(hours: Any, client: Client) -> None:
    records = jsonl(export_bytes())
    records[-1]["counts"]["hours"] = 4
    data = b"".join(
        json.dumps(r, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode() + b"\n"
        for r in records
    )
    try:
        verify_jsonl(data, published(client))
    except InvalidSignature:
        pass
    else:
        raise AssertionError("a changed count passed")
    report = import_bytes(data)
    assert report.errors.listed[0].message == "The signature does not verify with the key."


def test_a_csv_file_is_signed_in_its_last_row(hours: Any, client: Client) -> None:
    data = export_bytes(ExchangeFormat.CSV, kind=ExchangeKind.HOURS)
    start = data.rfind(b"\r\n#signature,") + 2
    import csv
    import io

    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0][:3] == ["id", "person.id", "person.home_country"]
    assert len(rows) == 1 + 5 + 1
    trailer = json.loads(rows[-1][1])
    assert trailer["sha256"] == hashlib.sha256(data[:start]).hexdigest()
    assert trailer["header"]["filters"]["kinds"] == ["hours"]
    signature = trailer.pop("signature")
    key = next(k for k in published(client)["keys"] if k["kid"] == signature["key_id"])
    public = Ed25519PublicKey.from_public_bytes(base64.urlsafe_b64decode(key["x"] + "=="))
    payload = json.dumps(trailer, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    public.verify(base64.b64decode(signature["value"]), payload.encode())


def test_a_file_of_another_issuer_needs_its_key(hours: Any) -> None:
    from council.hours.models import SigningKey
    from council.lib.signing import generate_private_key, public_key_from_private

    data = export_bytes(kind=ExchangeKind.ORGANISATIONS)
    # The platform's key changes: the file is now another issuer's, as far as keys go.
    old = SigningKey.objects.get()
    public = old.public_key
    SigningKey.objects.all().delete()
    fresh = generate_private_key()
    SigningKey.objects.create(
        key_id="0" * 16, public_key=public_key_from_private(fresh), private_key=fresh
    )

    unknown = import_bytes(data, dry_run=True)
    known = import_bytes(data, dry_run=True, keys={old.key_id: public})

    assert unknown.errors.listed[0].field == "signature.key_id"
    assert "give the issuer's public key" in unknown.errors.listed[0].message
    assert known.ok, known.as_dict()
