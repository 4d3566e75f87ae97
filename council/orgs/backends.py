"""Authentication backends that load the signed-in person together with whether they hold a
staff role, in the one query Django makes per request anyway (the staff MFA check in
`council.orgs.middleware` would otherwise ask the database again on every page)."""

from __future__ import annotations

from functools import cache
from typing import Any

from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db.models import Exists, OuterRef

from council.accounts.models import User
from council.orgs.models import ORGANISER_ROLES, Membership


@cache
def _user_sql() -> tuple[str, tuple[Any, ...]]:
    """The user row and the staff flag in one statement, written once per process: building
    and compiling the same ORM query (an annotation with a subquery) on every request cost
    more than running it."""
    model = get_user_model()
    staff = Membership.objects.filter(user=OuterRef("pk"), role__in=ORGANISER_ROLES)
    query = model._default_manager.annotate(has_staff_role=Exists(staff)).filter(pk=0)
    sql, params = query.query.sql_with_params()
    # The key is the last parameter (0 above); the others are the subquery's constants.
    assert params[-1] == 0
    return sql, tuple(params)


def _user_with_role(user_id: int | str) -> User | None:
    sql, params = _user_sql()
    rows = list(User.objects.raw(sql, [*params[:-1], user_id]))
    if not rows:
        return None
    user = rows[0]
    user.has_staff_role = bool(user.has_staff_role)  # type: ignore[attr-defined]  # SQLite: 0/1
    return user


class StaffAwareGetUser:
    def get_user(self, user_id: int | str) -> User | None:
        user = _user_with_role(user_id)
        if user is None or not self.user_can_authenticate(user):  # type: ignore[attr-defined]
            return None
        return user


class ModelStaffBackend(StaffAwareGetUser, ModelBackend):
    """Django's model backend (the admin's permissions; the admin signs in through allauth)."""


class AccountStaffBackend(StaffAwareGetUser, AllauthBackend):
    """allauth's backend (sign-in by e-mail)."""
