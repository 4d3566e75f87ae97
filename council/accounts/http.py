from __future__ import annotations

from typing import TypeAlias

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest

from council.accounts.models import User

# Whoever reads a page: a signed-in person or an anonymous visitor. Access helpers that
# also serve public pages take a Viewer; services that act take the User.
Viewer: TypeAlias = User | AnonymousUser


class AuthenticatedRequest(HttpRequest):
    """The request a login_required view receives: its user is a real User."""

    user: User
