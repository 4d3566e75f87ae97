"""Audit events for account changes that django-allauth performs.

allauth owns these writes, so its signals are the only place to hear of them; the receivers
only record, they hold no business rules.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from allauth.account import signals as account_signals
from allauth.mfa import signals as mfa_signals
from django.http import HttpRequest

from council.accounts.models import User
from council.audit.services import record

Receiver = Callable[..., None]


def _user_event(action: str) -> Receiver:
    def receiver(
        sender: object, request: HttpRequest | None = None, user: User | None = None, **kwargs: Any
    ) -> None:
        if user is None:
            email_address = kwargs.get("email_address")
            user = getattr(email_address, "user", None)
        if user is not None:
            record(actor=user, action=action, target=user)

    receiver.__name__ = f"audit_{action.replace('.', '_')}"
    return receiver


def _authenticator_event(action: str) -> Receiver:
    def receiver(
        sender: object, request: HttpRequest | None = None, user: User | None = None, **kwargs: Any
    ) -> None:
        authenticator = kwargs.get("authenticator")
        if user is not None and authenticator is not None:
            record(actor=user, action=action, target=user, data={"type": authenticator.type})

    receiver.__name__ = f"audit_{action.replace('.', '_')}"
    return receiver


RECEIVERS = [
    (account_signals.user_signed_up, _user_event("user.signed_up")),
    (account_signals.email_confirmed, _user_event("user.email_confirmed")),
    (account_signals.password_changed, _user_event("user.password_changed")),
    (account_signals.password_reset, _user_event("user.password_reset")),
    (account_signals.password_set, _user_event("user.password_set")),
    (mfa_signals.authenticator_added, _authenticator_event("user.mfa_added")),
    (mfa_signals.authenticator_removed, _authenticator_event("user.mfa_removed")),
]


def connect() -> None:
    for signal, receiver in RECEIVERS:
        signal.connect(receiver, dispatch_uid=receiver.__name__)
