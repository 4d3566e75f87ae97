"""This node as a test node ("ru", NODE_URL http://testserver), and a fake peer node ("kz")
on 127.0.0.1: a small threaded HTTP server that serves its well-known document and answers
the protocol's calls with replies signed by its own key (made by our signing code), or
unsigned, badly signed, slow or failing, as a test asks."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from council.conftest import member_country
from council.federation import keys, protocol, signatures
from council.federation.models import Peer, PeerStatus
from council.lib import signing

NODE_KEY = signing.generate_private_key()


@dataclass
class Seen:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes

    @property
    def json(self) -> Any:
        return json.loads(self.body) if self.body else None


@dataclass
class FakeNode:
    """What the fake node was sent and how it answers. `answers` are used one by one
    (status, body), then `status` and `body`; `mode` is "signed", "unsigned", "wrong_key";
    `delay` holds each answer back; `key` signs, `published` are the keys it publishes."""

    node_id: str = "kz"
    country: str = "KZ"
    url: str = ""
    key: str = field(default_factory=signing.generate_private_key)
    retired: list[str] = field(default_factory=list)
    requests: list[Seen] = field(default_factory=list)
    answers: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    status: int = 200
    body: dict[str, Any] = field(default_factory=lambda: {"ok": True})
    mode: str = "signed"
    delay: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def public(self) -> str:
        return signing.public_key_from_private(self.key)

    def jwks(self) -> dict[str, Any]:
        current = [keys.jwk(self.public)]
        older = [keys.jwk(signing.public_key_from_private(k), retired=True) for k in self.retired]
        return {"keys": current + older}

    def document(self) -> dict[str, Any]:
        return {
            "node": self.node_id,
            "country": self.country,
            "name": {"ru": "Узел KZ", "kk": "KZ түйіні", "en": "KZ node"},
            "url": self.url,
            "protocol": "1",
            "keys": self.jwks(),
            "endpoints": {},
        }

    def rotate(self) -> None:
        self.retired.insert(0, self.key)
        self.key = signing.generate_private_key()

    def next_answer(self) -> tuple[int, dict[str, Any]]:
        with self.lock:
            if self.answers:
                return self.answers.pop(0)
            return self.status, self.body

    def calls(self, name: str) -> list[Seen]:
        return [seen for seen in self.requests if seen.path.startswith(protocol.path_of(name))]

    def sign_request(self, request: signatures.Request, body: bytes, **options: Any) -> None:
        """Sign a request as this node would (for calls into our node)."""
        signatures.sign_request(request, body=body, private_b64=self.key, **options)


def _handler(node: FakeNode) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def _answered(self, method: str) -> signatures.Request:
            """The request as the client sent it (what a reply is bound to); in the mode
            "other_request", another request of the same call."""
            headers = {
                name: self.headers[name]
                for name in ("Signature", "Signature-Input", "Content-Digest", "Idempotency-Key")
                if name in self.headers
            }
            request = signatures.Request(method, node.url.rstrip("/") + self.path, headers)
            if node.mode == "other_request":
                other = signatures.Request(method, request.url, {"Idempotency-Key": "other"})
                signatures.sign_request(other, body=b"{}", private_b64=node.key)
                return other
            if node.mode == "unbound":
                return signatures.Request(method, request.url, {})
            return request

        def _answer(
            self, status: int, body: dict[str, Any], sign: bool, method: str = "GET"
        ) -> None:
            raw = json.dumps(body).encode()
            reply = signatures.Reply(
                status, {"Content-Type": "application/json"}, request=self._answered(method)
            )
            if sign and node.mode != "unsigned":
                key = (
                    node.key
                    if node.mode in ("signed", "other_request", "unbound")
                    else signing.generate_private_key()
                )
                signatures.sign_reply(reply, body=raw, private_b64=key)
                if node.mode == "wrong_key":
                    # Claim the node's key id with a signature made by another key.
                    for name in ("Signature-Input",):
                        reply.headers[name] = reply.headers[name].replace(
                            keys.key_id(signing.public_key_from_private(key)),
                            keys.key_id(node.public),
                        )
            self.send_response(status)
            for name, value in reply.headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(raw)))
            self.end_headers()
            self.wfile.write(raw)

        def _serve(self, method: str) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            if self.path == protocol.WELL_KNOWN_PATH:
                self._answer(200, node.document(), sign=False)
                return
            with node.lock:
                node.requests.append(Seen(method, self.path, dict(self.headers.items()), body))
            if node.delay:
                threading.Event().wait(node.delay)
            status, answer = node.next_answer()
            self._answer(status, answer, sign=True, method=method)

        def do_GET(self) -> None:
            self._serve("GET")

        def do_POST(self) -> None:
            self._serve("POST")

        def log_message(self, format: str, *args: Any) -> None:
            pass

    return Handler


@pytest.fixture(autouse=True)
def node_settings(settings: Any) -> None:
    settings.NODE_COUNTRY = "RU"
    settings.NODE_ID = "ru"
    settings.NODE_URL = "http://testserver"
    settings.NODE_SIGNING_KEY = NODE_KEY
    settings.NODE_RETIRED_PUBLIC_KEYS = []
    settings.FEDERATION_ALLOWED_HOSTS = ["127.0.0.1"]
    settings.FEDERATION_TIMEOUT_SECONDS = 2


@pytest.fixture
def fake_node(db: Any) -> Iterator[FakeNode]:
    node = FakeNode()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(node))
    node.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield node
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def peer(fake_node: FakeNode) -> Peer:
    """The fake node as a live peer, with its keys as published now."""
    member_country("RU")
    member_country("KZ")
    at = timezone.now()
    return Peer.objects.create(
        node_id=fake_node.node_id,
        country_id="KZ",
        url=fake_node.url,
        keys=fake_node.jwks(),
        keys_fetched_at=at - timezone.timedelta(hours=1),
        status=PeerStatus.LIVE,
        we_accepted_at=at,
        they_accepted_at=at,
    )


@pytest.fixture
def handlers() -> Iterator[Callable[..., None]]:
    """Register protocol handlers for a test; the registry is restored after it."""
    writes, reads = dict(protocol._WRITE_HANDLERS), dict(protocol._READ_HANDLERS)

    def register(name: str, handler: protocol.Handler) -> None:
        if name in protocol.WRITES:
            protocol.register_write(name, handler)
        else:
            protocol.register_read(name, handler)

    yield register
    protocol._WRITE_HANDLERS.clear()
    protocol._WRITE_HANDLERS.update(writes)
    protocol._READ_HANDLERS.clear()
    protocol._READ_HANDLERS.update(reads)


def signed_call(
    client: Client,
    node: FakeNode,
    name: str,
    body: dict[str, Any] | None = None,
    *,
    key: str = "",
    raw: bytes | None = None,
    sent: bytes | None = None,
    query: str = "",
    headers: dict[str, str] | None = None,
    **options: Any,
) -> Any:
    """Call our node's endpoint as `node` would: signed with its key (or `key`). `raw` is
    the body signed (default: `body` as JSON), `sent` the body sent (default: `raw`)."""
    is_write = name in protocol.WRITES or name not in protocol.READS
    path = protocol.path_of(name) + (f"?{query}" if query else "")
    if raw is None:
        raw = json.dumps(body or {}).encode() if is_write else b""
    request_headers = dict(headers or {})
    if is_write and "Idempotency-Key" not in request_headers:
        request_headers["Idempotency-Key"] = "key-" + signing.generate_private_key()[:12]
    request = signatures.Request(
        "POST" if is_write else "GET", f"http://testserver{path}", request_headers
    )
    signatures.sign_request(request, body=raw, private_b64=key or node.key, **options)
    extra = {
        f"HTTP_{name.upper().replace('-', '_')}": value for name, value in request.headers.items()
    }
    if is_write:
        response = client.post(
            path, data=sent if sent is not None else raw, content_type="application/json", **extra
        )
    else:
        response = client.get(path, **extra)
    response.signed_request = request  # what the reply must be bound to
    return response


def reply_verifies(response: Any, public_b64: str, request: signatures.Request) -> bool:
    """Whether our node's reply is signed by `public_b64` and bound to `request` (its method,
    URI, and its signature when it has one)."""
    reply = signatures.Reply(response.status_code, dict(response.headers.items()), request=request)
    required = ["@status", *signatures.REQUEST_BOUND]
    if "Signature" in request.headers:
        required.append(signatures.REQUEST_SIGNATURE)
    try:
        signatures.check(
            reply,
            body=response.content,
            resolve=lambda kid: public_b64 if kid == keys.key_id(public_b64) else None,
            required=required,
        )
    except protocol.ProtocolError:
        return False
    return True
