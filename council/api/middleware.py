"""Which API token, if any, signs in a request to the API.

Resolved once, before the staff two-factor check (`council.orgs.middleware`), so that check
can tell a request that a valid token signs in from one that only carries some
`Authorization` header beside a session. The API's own authentication
(`council.api.auth.ApiTokenAuth`) then uses the same answer.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from council.api.services import api_token_authenticate

API_PREFIX = "/api/"


def bearer_key(request: HttpRequest) -> str | None:
    """The key of an `Authorization: Bearer <key>` header, else None."""
    scheme, _space, key = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not key.strip():
        return None
    return key.strip()


class ApiTokenMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        key = bearer_key(request) if request.path.startswith(API_PREFIX) else None
        if key is not None:
            # The live token, or None for a key that signs nobody in.
            request.api_token = api_token_authenticate(key=key)  # type: ignore[attr-defined]
        return self.get_response(request)
