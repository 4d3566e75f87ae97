"""The address of the person at the other end, as far as this side can trust it.

Behind the TLS proxy every request comes from the proxy's address; the proxy appends the
address it saw to `X-Forwarded-For`. A client can write anything into that header, so it is
read only when the request comes from a trusted proxy (settings.TRUSTED_PROXIES, addresses or
networks), and then from the right: the first address that is not itself a trusted proxy is
the client. Sign-in throttling, consents and audit all ask here.
"""

from __future__ import annotations

import ipaddress
from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
Address = ipaddress.IPv4Address | ipaddress.IPv6Address


@lru_cache(maxsize=8)
def trusted_networks(proxies: tuple[str, ...]) -> tuple[Network, ...]:
    """Parsed networks; raises ValueError naming a bad entry."""
    return tuple(ipaddress.ip_network(proxy, strict=False) for proxy in proxies)


def _address(value: str | None) -> Address | None:
    value = (value or "").strip()
    if value.startswith("[") and "]" in value:  # [2001:db8::1] or [2001:db8::1]:443
        value = value[1 : value.index("]")]
    try:
        return ipaddress.ip_address(value)
    except ValueError:
        return None


def in_networks(address: Address, networks: tuple[str, ...]) -> bool:
    """Whether `address` is in one of `networks` (addresses or networks, as settings write
    them)."""
    return any(address in network for network in trusted_networks(networks))


def from_trusted_proxy(request: HttpRequest) -> bool:
    """Whether the request comes straight from a trusted proxy, whose headers are believed."""
    remote = _address(request.META.get("REMOTE_ADDR"))
    return remote is not None and in_networks(remote, tuple(settings.TRUSTED_PROXIES))


def client_ip_in(request: HttpRequest, networks: tuple[str, ...]) -> bool:
    """Whether the client's address (client_ip) is in one of `networks`."""
    address = _address(client_ip(request))
    return address is not None and in_networks(address, networks)


def client_ip(request: HttpRequest) -> str | None:
    """The client's address, or None when the request carries none that parses."""
    remote = _address(request.META.get("REMOTE_ADDR"))
    if remote is None:
        return None
    networks = trusted_networks(tuple(settings.TRUSTED_PROXIES))

    def trusted(address: Address) -> bool:
        return any(address in network for network in networks)

    address = remote
    if trusted(address):
        hops = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        for hop in reversed(hops):
            forwarded = _address(hop)
            if forwarded is None:
                # Not written by a proxy of ours: what is left of the header is the client's.
                break
            address = forwarded
            if not trusted(address):
                break
    return str(address)
