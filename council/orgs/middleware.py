from __future__ import annotations

from collections.abc import Callable

from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from council.orgs.selectors import user_has_staff_role

# Paths a staff person without MFA may still reach: the MFA set-up itself, sign-out, assets.
OPEN_PREFIXES = ("/accounts/", "/static/", "/media/", "/i18n/")


class StaffMfaMiddleware:
    """In production, staff roles (organisation admin or coordinator, national coordinator,
    secretariat, Django admin users) must turn on TOTP before they can use anything else.

    Only a valid API token, found by `council.api.middleware.ApiTokenMiddleware` (which runs
    before this one), stands in for the session: a token was itself created behind this
    check. Any other `Authorization` header leaves the session signing the person in, so the
    rule holds."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            settings.COUNCIL_REQUIRE_STAFF_MFA
            and request.user.is_authenticated
            and not request.path.startswith(OPEN_PREFIXES)
            and getattr(request, "api_token", None) is None
            and user_has_staff_role(user=request.user)
            and not is_mfa_enabled(request.user)
        ):
            if request.path.startswith("/api/"):
                # A script cannot follow a redirect to a set-up page: say why in the API's
                # problem answer (handler403 writes it).
                raise PermissionDenied(
                    _(
                        "Your role requires two-factor authentication. Turn it on on the site "
                        "before using the API with your session."
                    )
                )
            messages.warning(
                request,
                _("Your role requires two-factor authentication. Please turn it on to continue."),
            )
            return redirect("mfa_activate_totp")
        return self.get_response(request)
