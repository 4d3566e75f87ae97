from __future__ import annotations

from django.http import HttpRequest

from council.accounts.models import User


class AuthenticatedRequest(HttpRequest):
    """The request a login_required view receives: its user is a real User."""

    user: User
