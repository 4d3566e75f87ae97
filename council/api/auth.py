"""Who is calling: a personal API token (`Authorization: Bearer vc_…`), the browser session
(with its CSRF check), or, for public reads, nobody.

Each succeeding check also sets `request.user`, so endpoints and access helpers look at one
place whatever the way in.
"""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja.errors import AuthenticationError
from ninja.security import HttpBearer
from ninja.security import SessionAuth as NinjaSessionAuth
from ninja.security.base import AuthBase

from council.accounts.http import Viewer
from council.accounts.models import User
from council.api.errors import ApiError
from council.api.models import TokenScope
from council.api.services import api_token_authenticate

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class ApiTokenAuth(HttpBearer):
    """A personal API token. A read token may only read; any write with it is a 403."""

    def authenticate(self, request: HttpRequest, token: str) -> User:
        if hasattr(request, "api_token"):
            # Already looked up by council.api.middleware for this request's header.
            api_token = request.api_token
        else:
            api_token = api_token_authenticate(key=token)
        if api_token is None:
            # A token that was sent but is unknown or revoked never falls back to anonymous.
            raise AuthenticationError
        if api_token.scope != TokenScope.WRITE and request.method not in SAFE_METHODS:
            raise ApiError(
                403,
                _("This token may only read. Create a token with write access to change data."),
            )
        request.user = api_token.user
        request.api_token = api_token  # type: ignore[attr-defined]
        return api_token.user


class SessionAuth(NinjaSessionAuth):
    """Django's session, CSRF-checked for writes (ninja's `django_auth`).

    Without a signed-in session it steps aside before the CSRF check, so that an anonymous
    write is a 401 (authentication required), not a CSRF 403.
    """

    def _get_key(self, request: HttpRequest) -> str | None:
        if not request.user.is_authenticated:
            return None
        return super()._get_key(request)


class Anonymous(AuthBase):
    """Lets public reads through without credentials (listed last, after the real checks).

    Ninja lists it in an operation's OpenAPI security as `{"Anonymous": []}`; the API's
    schema (`council.api.urls.CouncilApi.get_openapi_schema`) turns that into the empty
    requirement `{}`, which marks the credentials as optional.
    """

    openapi_type = "anonymous"

    def __call__(self, request: HttpRequest) -> Viewer:
        return request.user


anonymous = Anonymous()
token_auth = ApiTokenAuth()
session_auth = SessionAuth(csrf=True)

# Writes and private reads: a token or a session.
SIGNED_IN = [token_auth, session_auth]
# Public reads: a token or session when sent (a member sees their own pending organisation),
# else anonymous; the OpenAPI document marks these operations' security as optional.
PUBLIC = [token_auth, session_auth, anonymous]
