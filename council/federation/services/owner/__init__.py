"""The owner node's side of a person of another node acting on this node's catalogue
(docs/federation.md): the person's minimal remote record (`people`), the answers to the home
node's writes (`handlers`), and the statuses and verified hours sent back home (`outgoing`).

`connect()` registers the write handlers with the protocol and the hours reply with the
outbox; the app's ready() calls it."""

from __future__ import annotations

from council.federation import protocol
from council.federation.services.owner.handlers import WRITE_HANDLERS
from council.federation.services.owner.outgoing import (
    hours_answered,
    hours_due,
    hours_payload,
    hours_refused,
    send_status_changes,
    send_verified_hours,
    status_changes_due,
)
from council.federation.services.owner.people import (
    remote_person_erase,
    remote_person_upsert,
)

__all__ = [
    "connect",
    "hours_due",
    "hours_payload",
    "remote_person_erase",
    "remote_person_upsert",
    "send_status_changes",
    "send_verified_hours",
    "status_changes_due",
]


def connect() -> None:
    for name, handler in WRITE_HANDLERS.items():
        protocol.register_write(name, handler)
    try:
        from council.federation.services.outbox import register_refusal, register_reply
    except ImportError:  # the outbox is not there yet
        return
    register_reply(protocol.HOURS, hours_answered)
    register_refusal(protocol.HOURS, hours_refused)
