"""Where the home node's services hook into the protocol, the outbox and the accounts app
(called once from FederationConfig.ready)."""

from __future__ import annotations

from collections.abc import Callable
from importlib.util import find_spec
from typing import Any

from council.federation.protocol import (
    APPLY,
    CANDIDACY,
    EXCHANGE_APPLY,
    HOURS,
    REGISTER,
    REGISTRATION_ACCEPT,
    STATUS,
    ProtocolError,
    Received,
    register_write,
)

# `status` writes by the kind of row they are about; other kinds (registrations, exchange
# applications, candidacies) add theirs with `register_status`.
STATUS_RECEIVERS: dict[str, Callable[[Received], dict[str, Any]]] = {}


def register_status(kind: str, receiver: Callable[[Received], dict[str, Any]]) -> None:
    STATUS_RECEIVERS[kind] = receiver


def status_received(received: Received) -> dict[str, Any]:
    kind = str(received.body.get("kind") or "")
    receiver = STATUS_RECEIVERS.get(kind)
    if receiver is None:
        raise ProtocolError("invalid_body", f"no status of {kind!r} is kept here", field="kind")
    return receiver(received)


def wire() -> None:
    from council.accounts.registry import (
        register_consent_withdrawn,
        register_data_section,
        register_eraser,
        register_exporter,
    )
    from council.federation.models import LinkKind
    from council.federation.services.home import (
        applications,
        erasure,
        hours,
        registrations,
        requests,
    )
    from council.federation.transfers import transfers_export, transfers_section
    from council.forums.registry import register_delegate_hooks
    from council.lib.mirrors import register_request_state

    register_status(LinkKind.APPLICATION, applications.application_status_received)
    register_status(LinkKind.REGISTRATION, registrations.registration_status_received)
    register_status(LinkKind.EXCHANGE_APPLICATION, requests.exchange_status_received)
    register_status(LinkKind.CANDIDACY, requests.candidacy_status_received)
    register_write(STATUS, status_received)
    register_write(HOURS, hours.hours_received)
    register_exporter("cross_border_transfers", transfers_export)
    register_data_section("cross_border_transfers", transfers_section)
    register_consent_withdrawn("federation", erasure.on_consent_withdrawn)
    register_delegate_hooks(send=registrations.delegate_send, leave=registrations.delegate_leave)
    register_request_state(requests.request_state)
    register_eraser("federation", erasure.on_account_erased)
    # The outbox (council.federation.services.outbox) hands us the owner node's answers.
    if find_spec("council.federation.services.outbox") is not None:
        from council.federation.services import outbox

        outbox.register_reply(APPLY, applications.apply_answered)
        outbox.register_refusal(APPLY, applications.apply_refused)
        outbox.register_reply(REGISTER, registrations.register_answered)
        outbox.register_refusal(REGISTER, registrations.register_refused)
        outbox.register_reply(REGISTRATION_ACCEPT, registrations.accept_answered)
        outbox.register_refusal(REGISTRATION_ACCEPT, registrations.accept_refused)
        for kind in (EXCHANGE_APPLY, CANDIDACY):
            outbox.register_reply(kind, requests.request_answered)
            outbox.register_refusal(kind, requests.request_refused)
