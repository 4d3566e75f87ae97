from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.models import EmailAddress
from allauth.core import context as allauth_context
from django.conf import settings
from django.contrib.sites.shortcuts import get_current_site
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import resolve_url
from django.utils import translation
from django.utils.http import urlencode

from council.accounts.mail import mail_send_message
from council.accounts.models import User
from council.lib.client_ip import client_ip


class AccountAdapter(DefaultAccountAdapter):
    """Mail is rendered in the recipient's preferred language, whatever page sent it, and
    sent by the task queue, so that a mail outage does not break the page."""

    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        user = context.get("user")
        if not isinstance(user, User):
            user = User.objects.filter(email__iexact=email).first()
        language = user.preferred_language if user is not None else translation.get_language()
        request = allauth_context.request
        with translation.override(language):
            message = self.render_mail(
                template_prefix,
                email,
                {
                    "request": request,
                    "email": email,
                    "current_site": get_current_site(request),
                    **context,
                },
            )
        mail_send_message(message=message)

    def get_client_ip(self, request: HttpRequest) -> str:
        """The client behind the trusted proxy, for sign-in throttling (not the proxy)."""
        ip = client_ip(request)
        if ip is None:
            raise PermissionDenied("Unable to determine client IP address")
        return ip

    def get_email_verification_redirect_url(self, email_address: EmailAddress) -> str:
        """Confirmed in a browser without the sign-up (another device, or after an hour):
        the sign-in form, which then leads on where a new account does (the profile)."""
        if self.request.user.is_authenticated:
            return super().get_email_verification_redirect_url(email_address)
        login = resolve_url(settings.LOGIN_URL)
        return f"{login}?{urlencode({'next': resolve_url(settings.ACCOUNT_SIGNUP_REDIRECT_URL)})}"
