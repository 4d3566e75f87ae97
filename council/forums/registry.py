"""Hooks through which the federation sends the members of a delegation formed here to
another node's forum (council.federation.services.home.delegations).

The forums app sits below the federation, so it cannot import it: the federation registers
its two hooks in its AppConfig.ready(). A member who accepts is sent to the forum's node
(`send`); a member who leaves, withdraws or is replaced has that registration cancelled there
(`leave`). Both run inside the caller's transaction."""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import ValidationError

from council.forums.models import DelegationMember, Registration
from council.lib.mirrors import REGISTER_AT_HOME

Send = Callable[[DelegationMember], Registration]
Leave = Callable[[Registration], None]

HOOKS: dict[str, Callable[..., object]] = {}


def register_delegate_hooks(*, send: Send, leave: Leave) -> None:
    HOOKS["send"] = send
    HOOKS["leave"] = leave


def delegate_send(member: DelegationMember) -> Registration:
    """Send the member to the node that runs the forum; a clear refusal while no node-to-node
    link is installed here."""
    send = HOOKS.get("send")
    if send is None:
        raise ValidationError(str(REGISTER_AT_HOME))
    registration = send(member)
    assert isinstance(registration, Registration)
    return registration


def delegate_leave(registration: Registration) -> None:
    leave = HOOKS.get("leave")
    if leave is not None:
        leave(registration)
