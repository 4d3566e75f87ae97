"""Calling a peer: the one way this node talks to another (docs/federation.md).

`call(peer, name, body=…, params=…, idempotency_key=…)` signs the request with the node's key
(council/federation/signatures.py), sends it over http.client with
FEDERATION_TIMEOUT_SECONDS for the whole exchange, checks that the reply is signed by the
peer, logs the call (CallLog, direction "out") and returns the reply's JSON. It raises
- `PeerUnavailable` (retry later): the connection failed or timed out, the peer answered 5xx
  or a redirect, or its reply was not signed by it (or not JSON);
- `ProtocolError` (refused; never retried): the peer answered 4xx with its error code.

Addresses are checked against SSRF as webhooks are (council/webhooks/net.py): https:// to a
public address, except hosts named in FEDERATION_ALLOWED_HOSTS (a demo, tests, a private
network between nodes); the connection goes to the address checked, redirects are not
followed.
"""

from __future__ import annotations

import http.client
import json
import socket
import ssl
import time
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta
from typing import Any
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from council.federation import keys, protocol, signatures
from council.federation.models import CallLog, CallOutcome, Direction, Peer
from council.federation.protocol import ProtocolError
from council.lib import signing
from council.webhooks.net import DEFAULT_PORTS, is_public

# A reply larger than this is refused (a feed page of 500 records fits many times over).
MAX_REPLY_BYTES = 16 * 1024 * 1024
# A peer's well-known document is read again on an unknown key id, but not more often.
REFETCH_AFTER = timedelta(seconds=10)


class PeerUnavailable(Exception):
    """The peer could not be reached or did not answer properly: try again later. `reason`
    is a short machine word for the call log (timeout, connection, status_500, unsigned …)."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason
        self.message = message


class RefusedAddress(ValidationError):
    """The address may not be called (scheme, host, or the addresses it resolves to)."""


@dataclass(frozen=True)
class _Target:
    scheme: str
    host: str
    port: int
    address: str
    path: str


@dataclass(frozen=True)
class _Answer:
    status: int
    headers: dict[str, str]
    body: bytes
    duration_ms: int


def _allowed_host(host: str, port: int) -> bool:
    allowed = {entry.lower() for entry in settings.FEDERATION_ALLOWED_HOSTS}
    return host in allowed or f"{host}:{port}" in allowed


def resolve(url: str) -> _Target:
    """Where to connect for `url`, checked as the module says; RefusedAddress if not."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as error:
        raise RefusedAddress({"url": _("Enter a valid address.")}) from error
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if scheme not in DEFAULT_PORTS or not host:
        raise RefusedAddress({"url": _("The address must start with https://.")})
    if parts.username is not None or parts.password is not None:
        raise RefusedAddress({"url": _("The address must not contain a user name or password.")})
    port = port or DEFAULT_PORTS[scheme]
    allowed = _allowed_host(host, port)
    if scheme != "https" and not allowed:
        raise RefusedAddress({"url": _("The address must start with https://.")})
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as error:
        raise RefusedAddress({"url": _("The address of this host could not be found.")}) from error
    addresses = [str(info[4][0]) for info in found]
    if not addresses:
        raise RefusedAddress({"url": _("The address of this host could not be found.")})
    if not allowed and not all(is_public(address) for address in addresses):
        raise RefusedAddress(
            {
                "url": _(
                    "This address points into a private or reserved network, which is not allowed."
                )
            }
        )
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    return _Target(scheme, host, port, addresses[0], path)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, target: _Target, timeout: float) -> None:
        super().__init__(target.host, target.port, timeout=timeout)
        self._target = target

    def connect(self) -> None:
        sock = socket.create_connection(
            (self._target.address, self._target.port), timeout=self.timeout
        )
        self.sock = ssl.create_default_context().wrap_socket(
            sock, server_hostname=self._target.host
        )


class _PinnedHTTPConnection(http.client.HTTPConnection):
    def __init__(self, target: _Target, timeout: float) -> None:
        super().__init__(target.host, target.port, timeout=timeout)
        self._target = target

    def connect(self) -> None:
        self.sock = socket.create_connection(
            (self._target.address, self._target.port), timeout=self.timeout
        )


def _left(connection: http.client.HTTPConnection, deadline: float) -> None:
    left = deadline - time.monotonic()
    if left <= 0:
        raise TimeoutError("the peer took too long to answer")
    if connection.sock is not None:
        connection.sock.settimeout(left)


def _exchange(method: str, url: str, *, body: bytes | None, headers: Mapping[str, str]) -> _Answer:
    """One HTTP exchange within FEDERATION_TIMEOUT_SECONDS in all. Raises RefusedAddress,
    OSError (timeouts and connection errors), http.client.HTTPException, ValueError (a reply
    too large)."""
    target = resolve(url)
    timeout = float(settings.FEDERATION_TIMEOUT_SECONDS)
    connection: http.client.HTTPConnection
    if target.scheme == "https":
        connection = _PinnedHTTPSConnection(target, timeout)
    else:
        connection = _PinnedHTTPConnection(target, timeout)
    started = time.monotonic()
    deadline = started + timeout
    try:
        connection.request(method, target.path, body=body, headers=dict(headers))
        _left(connection, deadline)
        answer = connection.getresponse()
        raw = b""
        while True:
            _left(connection, deadline)
            chunk = answer.read1(65536)
            if not chunk:
                break
            raw += chunk
            if len(raw) > MAX_REPLY_BYTES:
                raise ValueError("the reply is too large")
        found = {name.lower(): value for name, value in answer.getheaders()}
        status = answer.status
    finally:
        connection.close()
    return _Answer(status, found, raw, round((time.monotonic() - started) * 1000))


# --- The well-known document and a peer's keys --------------------------------------------


def well_known_url(url: str) -> str:
    return url.rstrip("/") + protocol.WELL_KNOWN_PATH


def fetch_well_known(url: str) -> dict[str, Any]:
    """The well-known document of the node at `url` (its base address). PeerUnavailable when
    it cannot be read; RefusedAddress when the address may not be called; ProtocolError
    (`invalid_body`) when what it serves is not a node's document."""
    try:
        answer = _exchange(
            "GET", well_known_url(url), body=None, headers={"Accept": "application/json"}
        )
    except RefusedAddress:
        raise
    except (OSError, http.client.HTTPException, ValueError) as error:
        raise PeerUnavailable(
            "connection", f"The node at {url} cannot be reached: {error}"
        ) from error
    if answer.status != 200:
        raise PeerUnavailable(
            f"status_{answer.status}", f"The node at {url} answered {answer.status}."
        )
    try:
        document = json.loads(answer.body)
    except ValueError as error:
        raise ProtocolError("invalid_body", "The well-known document is not JSON.") from error
    if not isinstance(document, dict):
        raise ProtocolError("invalid_body", "The well-known document is not a JSON object.")
    for name in ("node", "country", "url", "protocol"):
        if not isinstance(document.get(name), str) or not document[name]:
            raise ProtocolError(
                "invalid_body", f"The well-known document has no {name!r}.", field=name
            )
    if keys.current_key_of(document.get("keys")) is None:
        raise ProtocolError(
            "invalid_body", "The well-known document publishes no key.", field="keys"
        )
    return document


def refresh_keys(peer: Peer, *, force: bool = False) -> bool:
    """Read the peer's published keys again (after a rotation); whether they were read. Not
    more often than REFETCH_AFTER unless `force`."""
    at = timezone.now()
    if not force and peer.keys_fetched_at and at - peer.keys_fetched_at < REFETCH_AFTER:
        return False
    try:
        document = fetch_well_known(peer.url)
    except (PeerUnavailable, ProtocolError, RefusedAddress):
        return False
    if document.get("node") != peer.node_id:
        return False
    peer.keys, peer.keys_fetched_at = document["keys"], at
    Peer.objects.filter(pk=peer.pk).update(keys=peer.keys, keys_fetched_at=at)
    return True


def key_of(peer: Peer, key_id: str, *, retired: bool = False) -> str | None:
    """The peer's published key with this id (a retired one only with `retired`)."""
    for key in keys.keys_of(peer.keys):
        if key.key_id == key_id and (retired or not key.retired):
            return key.public_b64
    return None


def peer_key(peer: Peer, key_id: str) -> str | None:
    """The peer's current key `key_id`, reading its keys again once when it is unknown."""
    found = key_of(peer, key_id)
    if found is None and refresh_keys(peer):
        found = key_of(peer, key_id)
    return found


def verify_document(document: Any, signature: Any, peer: Peer) -> bool:
    """Whether `signature` (council.lib.signing.sign) over `document` was made by one of the
    peer's published keys, retired ones included (hours signed before a rotation); its keys
    are read again once when the signature's key is not among them."""

    def attempt() -> bool | None:
        wanted = signature.get("key_id") if isinstance(signature, dict) else None
        for key in keys.keys_of(peer.keys):
            if signing.key_id(key.public_b64) == wanted:
                return signing.verify(document, signature, key.public_b64)
        return None

    found = attempt()
    if found is None and refresh_keys(peer):
        found = attempt()
    return bool(found)


# --- Calls --------------------------------------------------------------------------------


def _log(
    peer: Peer,
    method: str,
    path: str,
    *,
    outcome: str,
    status_code: int | None = None,
    reason: str = "",
    detail: str = "",
    signed: signatures.Signed | None = None,
    idempotency_key: str = "",
    duration_ms: int | None = None,
) -> None:
    CallLog.objects.create(
        direction=Direction.OUT,
        peer=peer,
        method=method,
        path=path[:300],
        status_code=status_code,
        outcome=outcome,
        reason=reason[:60],
        detail=detail[:300],
        key_id=signed.key_id if signed else "",
        nonce=signed.nonce if signed else "",
        idempotency_key=idempotency_key[:80],
        duration_ms=duration_ms,
    )


def _json_of(raw: bytes) -> Any:
    try:
        return json.loads(raw)
    except ValueError:
        return None


def call(
    peer: Peer,
    name: str,
    *,
    body: dict[str, Any] | None = None,
    params: Mapping[str, Any] | None = None,
    idempotency_key: str = "",
) -> dict[str, Any]:
    """Make the read or write `name` of the protocol on `peer` and return its JSON reply
    (see the module for what it raises)."""
    is_write = name in protocol.WRITES
    if not is_write and name not in protocol.READS:
        raise ValueError(f"{name!r} is not a call of the protocol")
    method = "POST" if is_write else "GET"
    path = protocol.path_of(name)
    if params:
        path += "?" + urlencode({key: value for key, value in params.items() if value is not None})
    url = peer.url.rstrip("/") + path
    raw = (
        json.dumps(body or {}, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        if is_write
        else b""
    )
    headers: dict[str, str] = {"Accept": "application/json"}
    if is_write:
        if not idempotency_key:
            raise ValueError("a write needs an idempotency key")
        headers["Content-Type"] = "application/json"
        headers["Idempotency-Key"] = idempotency_key
    request = signatures.Request(method, url, headers)
    signed = signatures.sign_request(request, body=raw)
    log: dict[str, Any] = {"signed": signed, "idempotency_key": idempotency_key}
    started = time.monotonic()

    def failed(reason: str, detail: str, status: int | None = None) -> PeerUnavailable:
        duration = round((time.monotonic() - started) * 1000)
        _log(
            peer,
            method,
            path,
            outcome=CallOutcome.FAILED,
            status_code=status,
            reason=reason,
            detail=detail,
            **{**log, "duration_ms": duration},
        )
        return PeerUnavailable(reason, detail)

    try:
        answer = _exchange(method, url, body=raw if is_write else None, headers=request.headers)
    except RefusedAddress as error:
        raise failed("address_refused", "; ".join(error.messages)) from error
    except TimeoutError as error:
        raise failed(
            "timeout", f"No answer within {settings.FEDERATION_TIMEOUT_SECONDS} s."
        ) from error
    except (OSError, http.client.HTTPException, ValueError) as error:
        raise failed("connection", str(error) or type(error).__name__) from error
    log["duration_ms"] = answer.duration_ms
    if answer.status >= 500 or answer.status < 200 or 300 <= answer.status < 400:
        raise failed(
            f"status_{answer.status}", f"The peer answered {answer.status}.", answer.status
        )
    # The reply must be bound to this very request (its method, URI and signature).
    reply = signatures.Reply(answer.status, answer.headers, request=request)
    try:
        signatures.check(
            reply,
            body=answer.body,
            resolve=lambda kid: peer_key(peer, kid),
            required=signatures.REPLY_REQUIRED,
        )
    except ProtocolError as error:
        raise failed(f"reply_{error.code}", error.message, answer.status) from error
    found = _json_of(answer.body)
    if not isinstance(found, dict):
        raise failed("invalid_reply", "The reply is not a JSON object.", answer.status)
    if answer.status >= 400:
        error_block = found.get("error") if isinstance(found.get("error"), dict) else {}
        code = str(error_block.get("code") or f"status_{answer.status}")[:60]
        message = str(error_block.get("message") or "")
        _log(
            peer,
            method,
            path,
            outcome=CallOutcome.REFUSED,
            status_code=answer.status,
            reason=code,
            detail=message,
            **log,
        )
        raise ProtocolError(
            code, message, status=answer.status, field=str(error_block.get("field") or "")
        )
    _log(peer, method, path, outcome=CallOutcome.OK, status_code=answer.status, **log)
    return found
