"""Authentication backends that load the signed-in person together with whether they hold a
staff role, in the one query Django makes per request anyway (the staff MFA check in
`council.orgs.middleware` would otherwise ask the database again on every page)."""

from __future__ import annotations

from typing import Any

from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db.models import Exists, OuterRef

from council.orgs.models import Membership
from council.orgs.selectors import STAFF_ROLES


def _user_with_role(user_id: Any) -> Any:
    model = get_user_model()
    staff = Membership.objects.filter(user=OuterRef("pk"), role__in=STAFF_ROLES)
    return model._default_manager.annotate(has_staff_role=Exists(staff)).filter(pk=user_id).first()


class StaffAwareGetUser:
    def get_user(self, user_id: Any) -> Any:
        user = _user_with_role(user_id)
        if user is None or not self.user_can_authenticate(user):  # type: ignore[attr-defined]
            return None
        return user


class ModelStaffBackend(StaffAwareGetUser, ModelBackend):
    """Django's model backend (the admin's sign-in)."""


class AccountStaffBackend(StaffAwareGetUser, AllauthBackend):
    """allauth's backend (sign-in by e-mail)."""
