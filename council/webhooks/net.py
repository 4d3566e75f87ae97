"""Sending to a subscriber's address without letting it reach into our own network (SSRF).

The rules (docs/webhooks.md, "Which addresses are refused"):
- only `https://` addresses, without user name or password in them;
- the host's every address (it is resolved here) must be a public one: no private,
  loopback, link-local (169.254.169.254, the cloud metadata service), shared, multicast,
  reserved or unspecified address, in IPv4 or IPv6 (an IPv4-mapped IPv6 address is judged as
  its IPv4 address);
- the connection goes to the address that was checked, not to a second lookup of the name
  (a name that resolves to a public address when checked and to 127.0.0.1 when connecting —
  DNS rebinding — cannot slip through), with the host's name for TLS and the Host header;
- redirects are never followed (a 3xx is a failed delivery);
- the hosts named in settings.WEBHOOKS_ALLOWED_HOSTS (`host` or `host:port`) may use plain
  `http://` and private or loopback addresses: for tests and a subscriber inside the
  operator's own network, named by the operator.

The rules are checked when an endpoint is saved and again before each delivery."""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# What is read of a response body at most; its first EXCERPT_LENGTH characters are kept.
MAX_RESPONSE_BYTES = 64 * 1024
DEFAULT_PORTS = {"https": 443, "http": 80}


class RefusedAddress(ValidationError):
    """The address may not be called (scheme, host or the addresses it resolves to)."""


@dataclass(frozen=True)
class Target:
    """Where to connect: the checked address, and the URL's parts for the request."""

    scheme: str
    host: str
    port: int
    address: str
    path: str


@dataclass(frozen=True)
class Response:
    status: int
    body: str
    duration_ms: int


def _allowed_host(host: str, port: int) -> bool:
    allowed = {entry.lower() for entry in settings.WEBHOOKS_ALLOWED_HOSTS}
    return host in allowed or f"{host}:{port}" in allowed


def is_public(address: str) -> bool:
    """Whether this IP address is one a subscriber's endpoint may have."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not (ip.is_multicast or ip.is_reserved or ip.is_unspecified)


def _refused(message: str) -> RefusedAddress:
    return RefusedAddress({"url": message})


def resolve(url: str) -> Target:
    """The address to connect to for `url`, checked against the rules above; RefusedAddress
    (a ValidationError naming `url`) says why not."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as error:
        raise _refused(_("Enter a valid address.")) from error
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if scheme not in DEFAULT_PORTS or not host:
        raise _refused(_("The address must start with https://."))
    if parts.username is not None or parts.password is not None:
        raise _refused(_("The address must not contain a user name or password."))
    port = port or DEFAULT_PORTS[scheme]
    allowed = _allowed_host(host, port)
    if scheme != "https" and not allowed:
        raise _refused(_("The address must start with https://."))
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as error:
        raise _refused(_("The address of this host could not be found.")) from error
    addresses = [str(info[4][0]) for info in found]
    if not addresses:
        raise _refused(_("The address of this host could not be found."))
    if not allowed and not all(is_public(address) for address in addresses):
        raise _refused(
            _("This address points into a private or reserved network, which is not allowed.")
        )
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    return Target(scheme, host, port, addresses[0], path)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    """HTTPS to the checked address, with the host's name for SNI and the certificate."""

    def __init__(self, target: Target, timeout: float) -> None:
        super().__init__(target.host, target.port, timeout=timeout)
        self._target = target

    def connect(self) -> None:
        sock = socket.create_connection(
            (self._target.address, self._target.port), timeout=self.timeout
        )
        context = ssl.create_default_context()
        self.sock = context.wrap_socket(sock, server_hostname=self._target.host)


class _PinnedHTTPConnection(http.client.HTTPConnection):
    def __init__(self, target: Target, timeout: float) -> None:
        super().__init__(target.host, target.port, timeout=timeout)
        self._target = target

    def connect(self) -> None:
        self.sock = socket.create_connection(
            (self._target.address, self._target.port), timeout=self.timeout
        )


def post(url: str, *, body: bytes, headers: dict[str, str], timeout: float) -> Response:
    """POST `body` to `url` (checked by `resolve` first), following no redirect. Raises
    RefusedAddress for a refused address, OSError (timeouts, TLS and connection errors) and
    http.client.HTTPException for a broken answer."""
    target = resolve(url)
    connection: http.client.HTTPConnection
    if target.scheme == "https":
        connection = _PinnedHTTPSConnection(target, timeout)
    else:
        connection = _PinnedHTTPConnection(target, timeout)
    started = time.monotonic()
    deadline = started + timeout
    try:
        connection.request("POST", target.path, body=body, headers=headers)
        _left(connection, deadline)
        answer = connection.getresponse()
        raw = b""
        # A body read a chunk at a time against the deadline: a server that sends a byte now
        # and then holds the sender no longer than `timeout` in all.
        while len(raw) < MAX_RESPONSE_BYTES:
            _left(connection, deadline)
            chunk = answer.read1(MAX_RESPONSE_BYTES - len(raw))
            if not chunk:
                break
            raw += chunk
        status = answer.status
    finally:
        connection.close()
    duration = round((time.monotonic() - started) * 1000)
    return Response(status, raw.decode("utf-8", errors="replace"), duration)


def _left(connection: http.client.HTTPConnection, deadline: float) -> None:
    """What is left of the time, as the socket's timeout; TimeoutError when none is."""
    left = deadline - time.monotonic()
    if left <= 0:
        raise TimeoutError("the endpoint took too long to answer")
    if connection.sock is not None:
        connection.sock.settimeout(left)
