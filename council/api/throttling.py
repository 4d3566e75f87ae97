"""Rate limits of the API (ninja's throttling): anonymous callers per client address, each
API token on its own, and a browser session per person.

Rates are "<requests>/<period>" (s, min, h, day), from settings.API_THROTTLE_ANON and
settings.API_THROTTLE_TOKEN, read on each request; an empty rate switches the limit off. A
refused request is a 429 problem with `Retry-After` (ninja sets it from `wait()`).

Counting is a fixed window per key in the default cache (`cache.add` then `cache.incr`); a
window holds at most the rate's number of requests. Every worker shares the count only when the
cache is Redis (`REDIS_URL`); the in-memory cache of development counts per process.
"""

from __future__ import annotations

import math
import threading
import time

from allauth.account.adapter import get_adapter
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.http import HttpRequest
from ninja.throttling import BaseThrottle, SimpleRateThrottle


class _WindowThrottle(SimpleRateThrottle):
    """One fixed window of `duration` seconds per key; the rate is read from settings on
    each request, so that a change of settings (or a test) takes effect at once."""

    setting = ""
    scope = "api"

    def __init__(self) -> None:
        # Ninja keeps one throttle object per operation for every request; what one request
        # learns (how long to wait) must not leak into another thread's answer.
        self._local = threading.local()

    def get_rate(self) -> str | None:
        return getattr(settings, self.setting, None) or None

    def key_for(self, request: HttpRequest) -> str | None:
        raise NotImplementedError

    def allow_request(self, request: HttpRequest) -> bool:
        self._local.wait = None
        rate = self.get_rate()
        key = self.key_for(request)
        if rate is None or key is None:
            return True
        limit, duration = self.parse_rate(rate)
        assert limit is not None and duration is not None
        now = time.time()
        window = int(now // duration)
        cache_key = f"api-throttle:{self.scope}:{key}:{duration}:{window}"
        # add() starts the window's count (and its expiry) only once; incr() is atomic.
        cache.add(cache_key, 0, timeout=duration + 1)
        try:
            count = cache.incr(cache_key)
        except ValueError:  # expired between add() and incr()
            cache.add(cache_key, 1, timeout=duration + 1)
            count = 1
        if count <= limit:
            return True
        self._local.wait = max(1, math.ceil((window + 1) * duration - now))
        return False

    def wait(self) -> float | None:
        return getattr(self._local, "wait", None)


def _client_address(request: HttpRequest) -> str:
    """The caller's address as sign-in throttling sees it (allauth's adapter, which knows
    the trusted proxies), else the socket's peer."""
    try:
        return str(get_adapter(request).get_client_ip(request))
    except (PermissionDenied, ImproperlyConfigured):
        return str(request.META.get("REMOTE_ADDR", ""))


class AnonymousThrottle(_WindowThrottle):
    """Callers without a token or a session, per client address."""

    setting = "API_THROTTLE_ANON"
    scope = "anon"

    def key_for(self, request: HttpRequest) -> str | None:
        if getattr(request, "api_token", None) is not None or request.user.is_authenticated:
            return None
        return _client_address(request)


class TokenThrottle(_WindowThrottle):
    """Each API token on its own (two tokens of one person are counted apart); a browser
    session per person."""

    setting = "API_THROTTLE_TOKEN"
    scope = "token"

    def key_for(self, request: HttpRequest) -> str | None:
        token = getattr(request, "api_token", None)
        if token is not None:
            return f"token-{token.pk}"
        if request.user.is_authenticated:
            return f"user-{request.user.pk}"
        return None


API_THROTTLES: list[BaseThrottle] = [AnonymousThrottle(), TokenThrottle()]
