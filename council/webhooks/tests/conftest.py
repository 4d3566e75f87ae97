"""A real HTTP receiver on 127.0.0.1 (an ephemeral port, one per test) and endpoints that
send to it."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from council.accounts.models import User
from council.orgs.models import Organisation
from council.webhooks.events import EVENT_TYPES
from council.webhooks.models import WebhookEndpoint
from council.webhooks.services.endpoints import webhook_endpoint_create


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: bytes


@dataclass
class Receiver:
    """What the receiver was sent, and what it answers: `answers` one by one (status, body,
    extra headers), then `status` and `body`."""

    url: str = ""
    requests: list[Received] = field(default_factory=list)
    answers: list[tuple[int, str, dict[str, str]]] = field(default_factory=list)
    status: int = 200
    body: str = "thanks"
    delay: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def next_answer(self) -> tuple[int, str, dict[str, str]]:
        with self.lock:
            if self.answers:
                return self.answers.pop(0)
            return self.status, self.body, {}


def _handler(receiver: Receiver) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length)
            with receiver.lock:
                receiver.requests.append(Received(self.path, dict(self.headers.items()), body))
            if receiver.delay:
                threading.Event().wait(receiver.delay)
            status, text, headers = receiver.next_answer()
            raw = text.encode()
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", str(len(raw)))
            self.end_headers()
            self.wfile.write(raw)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    return Handler


@pytest.fixture
def receiver(settings: Any) -> Iterator[Receiver]:
    """Started for the test and stopped after it; 127.0.0.1 is allowed for webhooks (plain
    http and a loopback address) for the test only."""
    receiver = Receiver()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(receiver))
    receiver.url = f"http://127.0.0.1:{server.server_address[1]}/hooks/council"
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    settings.WEBHOOKS_ALLOWED_HOSTS = ["127.0.0.1"]
    try:
        yield receiver
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def subscribe(
    organisation: Organisation, admin: User, url: str, events: list[str] | None = None
) -> WebhookEndpoint:
    return webhook_endpoint_create(
        actor=admin,
        organisation=organisation,
        url=url,
        description="Our CRM",
        events=list(events or EVENT_TYPES),
    )


@pytest.fixture
def endpoint(receiver: Receiver, org: Organisation, org_admin: User) -> WebhookEndpoint:
    return subscribe(org, org_admin, receiver.url)
