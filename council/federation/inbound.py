"""The one door of the node-to-node protocol: `/federation/v1/<name>` (GET for a read, POST
for a write), and the node's well-known document.

A call is answered in this order (docs/federation.md, "Receiving a call"):
1. a name the protocol does not have → 404 `not_found`; the wrong method → 405;
2. the body (a write): at most MAX_BODY bytes (413 `invalid_body`);
3. the signature (council/federation/signatures.py): missing, invalid, expired, from a clock
   too far ahead, by a key no peer publishes (their well-known documents are read again once
   first, for a rotation) → 401 with its code; a body that does not match its digest → 400
   `digest_mismatch`. The key names the peer; a `peering-request` comes from a node that is
   not a peer yet: its keys are read from the well-known document at the `url` of its body;
4. a peering that is not live refuses all but protocol.BEFORE_LIVE (suspend and resume also
   pass a suspended peering) → 403 `peer_not_live`;
5. a nonce seen before (kept until the signature expires) → 401 `replay`;
6. a write's body: JSON object (400 `invalid_body`), then its Idempotency-Key: the same key
   with the same body gets the first answer again, with another body 409
   `idempotency_conflict`; then `schemas/v1/<name>.json` when there is one (422
   `invalid_body` naming the field);
7. the handler (protocol.register_write / register_read), in one transaction with the stored
   answer; a ProtocolError it raises is the answer (and stored for the key too); anything
   else rolls back and answers 500 `internal_error`.
Every answer is JSON, signed by this node (@status, content-digest), and every call is logged
(CallLog, direction "in").
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import time
from dataclasses import dataclass, field
from datetime import timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt
from jsonschema import Draft202012Validator
from jsonschema.exceptions import best_match
from referencing import Registry, Resource

from council.federation import client, keys, protocol, signatures
from council.federation.models import (
    CallLog,
    CallOutcome,
    Direction,
    IdempotentReply,
    Peer,
    PeerStatus,
    SeenNonce,
)
from council.federation.protocol import ProtocolError, Received

logger = logging.getLogger(__name__)

MAX_BODY = 1024 * 1024
MAX_KEY = 80  # characters of an Idempotency-Key
SCHEMAS = Path(__file__).resolve().parent / "schemas" / "v1"
# Suspend and resume reach a suspended peering (the other side resumes it, or suspends too).
SUSPENDED_PASS = (protocol.PEERING_SUSPEND, protocol.PEERING_RESUME)


def json_reply(
    status: int,
    body: dict[str, Any],
    *,
    sign: bool = True,
    answering: signatures.Request | None = None,
) -> HttpResponse:
    """A JSON answer, signed by this node (@status and content-digest) when `sign`, and bound
    to the request it is `answering` (its method, URI and signature)."""
    raw = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    response = HttpResponse(raw, status=status, content_type="application/json")
    if sign:
        reply = signatures.Reply(status, {"Content-Type": "application/json"}, request=answering)
        signatures.sign_reply(reply, body=raw)
        for name, value in reply.headers.items():
            response[name] = value
    response["Cache-Control"] = "no-store"
    return response


def _not_a_node() -> HttpResponse:
    error = ProtocolError(
        "not_found", "This deployment is not a node of the federation.", status=404
    )
    return json_reply(404, error.as_json(), sign=False)


def well_known(request: HttpRequest) -> HttpResponse:
    """`/.well-known/volunteer-council-node`: who this node is and its public keys."""
    if request.method not in ("GET", "HEAD"):
        return json_reply(
            405, ProtocolError("not_found", "Use GET.", status=405).as_json(), sign=False
        )
    if not keys.is_node():
        return _not_a_node()
    raw = json.dumps(keys.well_known_document(), ensure_ascii=False, indent=2).encode("utf-8")
    response = HttpResponse(raw, content_type="application/json")
    response["Cache-Control"] = "max-age=60"
    response["Access-Control-Allow-Origin"] = "*"
    return response


@lru_cache(maxsize=1)
def _registry() -> Registry:
    """Every schema of schemas/v1, under its file name and its $id, for $ref between them."""
    registry: Registry = Registry()
    if not SCHEMAS.is_dir():
        return registry
    for path in sorted(SCHEMAS.glob("*.json")):
        contents = json.loads(path.read_text(encoding="utf-8"))
        resource = Resource.from_contents(contents)
        registry = registry.with_resource(path.name, resource)
        if isinstance(contents, dict) and isinstance(contents.get("$id"), str):
            registry = registry.with_resource(contents["$id"], resource)
    return registry


@lru_cache(maxsize=64)
def _validator(name: str) -> Draft202012Validator | None:
    path = SCHEMAS / f"{name}.json"
    if not path.is_file():
        return None
    schema = json.loads(path.read_text(encoding="utf-8"))
    return Draft202012Validator(schema, registry=_registry())


def schema_check(name: str, body: dict[str, Any]) -> None:
    """Check a write's body against schemas/v1/<name>.json when the file exists."""
    validator = _validator(name)
    if validator is None:
        return
    error = best_match(validator.iter_errors(body))
    if error is None:
        return
    where = ".".join(str(part) for part in error.absolute_path)
    raise ProtocolError(
        "invalid_body",
        f"{where or 'body'}: {error.message}"[:300],
        status=422,
        field=where,
    )


@dataclass
class _Call:
    """What is known about a call as it is checked, for the answer and its log line."""

    name: str
    method: str
    path: str
    started: float = field(default_factory=time.monotonic)
    peer: Peer | None = None
    document: dict[str, Any] | None = None
    signed: signatures.Signed | None = None
    idempotency_key: str = ""
    detail: str = ""


def _log(call: _Call, status: int, outcome: str, reason: str = "", detail: str = "") -> None:
    CallLog.objects.create(
        direction=Direction.IN,
        peer=call.peer if call.peer is not None and call.peer.pk else None,
        method=call.method,
        path=call.path[:300],
        status_code=status,
        outcome=outcome,
        reason=reason[:60],
        detail=(detail or call.detail)[:300],
        key_id=call.signed.key_id[:64] if call.signed else "",
        nonce=call.signed.nonce[:64] if call.signed else "",
        idempotency_key=call.idempotency_key[:80],
        duration_ms=round((time.monotonic() - call.started) * 1000),
    )


def _target_uri(request: HttpRequest) -> str:
    """The URL the caller signed: our NODE_URL's scheme and host, and the path asked for."""
    base = urlsplit(settings.NODE_URL)
    return f"{base.scheme}://{base.netloc}{request.get_full_path()}"


def _parse(raw: bytes) -> dict[str, Any]:
    try:
        body = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as error:
        raise ProtocolError("invalid_body", "The body is not JSON.", status=400) from error
    if not isinstance(body, dict):
        raise ProtocolError("invalid_body", "The body is not a JSON object.", status=400)
    return body


def _peer_by_key(key_id: str) -> Peer | None:
    peers = list(Peer.objects.all())
    for peer in peers:
        if client.key_of(peer, key_id):
            return peer
    # Not found: a peer may have rotated its key. Read their documents again (once).
    for peer in peers:
        if client.refresh_keys(peer) and client.key_of(peer, key_id):
            return peer
    return None


def _requester_key(call: _Call, raw: bytes, key_id: str) -> str | None:
    """For a peering-request: the key `key_id` of the node at the body's `url`, from its
    well-known document (which must name the node of the body and not be ourselves)."""
    from council.federation.services import peering

    body = _parse(raw)
    url, node_id = body.get("url"), body.get("node_id")
    if not isinstance(url, str) or not url:
        raise ProtocolError("invalid_body", "The body has no url.", status=400, field="url")
    try:
        document = client.fetch_well_known(url)
    except (client.PeerUnavailable, client.RefusedAddress) as error:
        raise ProtocolError(
            "unknown_peer", f"The node at {url} could not be read: {error}", status=403
        ) from error
    peering.check_document(document, url=url, node_id=node_id)
    call.document = document
    for key in keys.keys_of(document.get("keys")):
        if key.key_id == key_id and not key.retired:
            return key.public_b64
    return None


def request_message(request: HttpRequest, method: str) -> signatures.Request:
    """The request as the signatures read it (and as a reply is bound to it)."""
    headers = {
        name: request.headers[name]
        for name in ("Signature", "Signature-Input", "Content-Digest", "Idempotency-Key")
        if name in request.headers
    }
    return signatures.Request(method, _target_uri(request), headers)


def _verify(request: HttpRequest, call: _Call, raw: bytes) -> None:
    """Check the signature, identify the peer, check the peering and the nonce."""
    from council.federation.services import peering

    message = request_message(request, call.method)
    required = ["@method", "@target-uri"]
    if call.method == "POST":
        required.append("idempotency-key")
        if len(request.headers.get("Idempotency-Key", "")) > MAX_KEY:
            raise ProtocolError(
                "invalid_body",
                f"The Idempotency-Key is longer than {MAX_KEY} characters.",
                status=400,
                field="Idempotency-Key",
            )
        if "Signature" in message.headers and not call.idempotency_key:
            raise ProtocolError(
                "invalid_body",
                "A write needs an Idempotency-Key header.",
                status=400,
                field="Idempotency-Key",
            )

    def resolve(key_id: str) -> str | None:
        if call.name == protocol.PEERING_REQUEST:
            return _requester_key(call, raw, key_id)
        call.peer = _peer_by_key(key_id)
        return client.key_of(call.peer, key_id) if call.peer else None

    call.signed = signatures.check(message, body=raw, resolve=resolve, required=required)
    if call.name == protocol.PEERING_REQUEST:
        assert call.document is not None
        call.peer = peering.peer_from_document(call.document)
    peer = call.peer
    assert peer is not None
    passes = call.name in protocol.BEFORE_LIVE or (
        call.name in SUSPENDED_PASS and peer.status == PeerStatus.SUSPENDED
    )
    if not peer.is_live and not passes:
        raise ProtocolError("peer_not_live", "The peering with this node is not live.", status=403)
    margin = timedelta(seconds=settings.FEDERATION_MAX_SKEW_SECONDS)
    try:
        with transaction.atomic():
            SeenNonce.objects.create(
                peer=peer, nonce=call.signed.nonce, expires_at=call.signed.expires + margin
            )
    except IntegrityError as error:
        raise ProtocolError(
            "replay", "This signature's nonce was seen before.", status=401
        ) from error


class _Stored(Exception):
    """Another call with the same key stored its answer first."""


def _stored_answer(call: _Call, digest: str) -> tuple[int, dict[str, Any]] | None:
    found = IdempotentReply.objects.filter(peer=call.peer, key=call.idempotency_key).first()
    if found is None:
        return None
    if found.body_digest != digest:
        raise ProtocolError(
            "idempotency_conflict",
            "This Idempotency-Key was used with another body.",
            status=409,
        )
    call.detail = "repeated: the first answer"
    return found.status_code, found.reply


def _store(call: _Call, digest: str, status: int, reply: dict[str, Any]) -> None:
    assert call.peer is not None
    try:
        with transaction.atomic():
            IdempotentReply.objects.create(
                peer=call.peer,
                key=call.idempotency_key,
                body_digest=digest,
                status_code=status,
                reply=reply,
            )
    except IntegrityError as error:
        raise _Stored() from error


def _write(call: _Call, raw: bytes) -> tuple[int, dict[str, Any]]:
    body = _parse(raw)
    digest = hashlib.sha256(raw).hexdigest()
    stored = _stored_answer(call, digest)
    if stored is not None:
        return stored
    handler = protocol.write_handler(call.name)
    if handler is None:
        raise ProtocolError("not_found", f"This node does not take {call.name!r}.", status=404)
    try:
        schema_check(call.name, body)
        with transaction.atomic():
            reply = handler(Received(call.peer, body, call.idempotency_key))
            _store(call, digest, 200, reply)
        return 200, reply
    except ProtocolError as error:
        with contextlib.suppress(_Stored):
            _store(call, digest, error.status, error.as_json())
        raise
    except _Stored:
        stored = _stored_answer(call, digest)
        assert stored is not None
        return stored


def _read(call: _Call, request: HttpRequest) -> tuple[int, dict[str, Any]]:
    handler = protocol.read_handler(call.name)
    if handler is None:
        raise ProtocolError("not_found", f"This node does not publish {call.name!r}.", status=404)
    with transaction.atomic():
        return 200, handler(Received(call.peer, request.GET.dict()))


@csrf_exempt
def endpoint(request: HttpRequest, name: str) -> HttpResponse:
    """`/federation/v1/<name>`: see the module."""
    if not keys.is_node():
        return _not_a_node()
    call = _Call(name, request.method or "", request.get_full_path())
    call.idempotency_key = request.headers.get("Idempotency-Key", "")[:80]
    answering = request_message(request, call.method)
    is_write, is_read = name in protocol.WRITES, name in protocol.READS
    try:
        if not (is_write or is_read):
            raise ProtocolError("not_found", f"The protocol has no call {name!r}.", status=404)
        if call.method != ("POST" if is_write else "GET"):
            raise ProtocolError(
                "not_found", f"{name!r} takes {'POST' if is_write else 'GET'}.", status=405
            )
        raw = b""
        if is_write:
            try:
                length = int(request.headers.get("Content-Length") or 0)
            except ValueError:
                length = 0
            if length > MAX_BODY:
                raise ProtocolError("invalid_body", "The body is larger than 1 MB.", status=413)
            raw = request.body
            if len(raw) > MAX_BODY:
                raise ProtocolError("invalid_body", "The body is larger than 1 MB.", status=413)
        _verify(request, call, raw)
        status, reply = _write(call, raw) if is_write else _read(call, request)
    except ProtocolError as error:
        outcome = CallOutcome.FAILED if error.status >= 500 else CallOutcome.REFUSED
        _log(call, error.status, outcome, error.code, error.message)
        return json_reply(error.status, error.as_json(), answering=answering)
    except Exception:
        logger.exception("federation: %s from %s failed", name, call.peer)
        failure = ProtocolError(
            "internal_error", "The node could not answer this call; try again.", status=500
        )
        _log(call, 500, CallOutcome.FAILED, failure.code, failure.message)
        return json_reply(500, failure.as_json(), answering=answering)
    outcome = CallOutcome.OK if status < 400 else CallOutcome.REFUSED
    code = str(reply.get("error", {}).get("code", "")) if status >= 400 else ""
    _log(call, status, outcome, code)
    return json_reply(status, reply, answering=answering)
