"""The node-to-node protocol's names, in one place (docs/federation.md specifies it).

Every call between nodes goes to `NODE_API` + a path below, signed with RFC 9421 HTTP Message
Signatures (council/federation/signatures.py). A write (POST) names one of the `WRITES` kinds;
its body is checked against `schemas/v1/<kind>.json` before its handler runs, and it carries an
`Idempotency-Key` header, so that a retry gets the first answer and changes nothing.

Handlers are registered by the modules that own them (`register_write`, `register_read`) and
looked up by the one signed endpoint (council/federation/inbound.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

PROTOCOL_VERSION = "1"
WELL_KNOWN_PATH = "/.well-known/volunteer-council-node"
NODE_API = "/federation/v1/"
# The tag every signature between nodes carries (RFC 9421 `tag` parameter).
SIGNATURE_TAG = "volunteer-council-node"

# --- Reads (GET, signed) -----------------------------------------------------------------
FEED = "feed"  # the catalogue change feed: ?after=<cursor>&limit=<n>
AGGREGATES = "aggregates"  # the node's published aggregates
READS = (FEED, AGGREGATES)

# --- Writes (POST, signed, idempotent) ---------------------------------------------------
# Peering
PEERING_REQUEST = "peering-request"  # "add me as a peer": the receiver reads our well-known
PEERING_ACCEPT = "peering-accept"
PEERING_SUSPEND = "peering-suspend"
PEERING_RESUME = "peering-resume"
# The catalogue
CHANGED = "changed"  # "my feed has news": the receiver pulls soon
# A person acts from their home node, on the owner node's catalogue
APPLY = "apply"  # an application to an opportunity (or one of its shifts)
APPLICATION_WITHDRAW = "application-withdraw"
REGISTER = "register"  # a registration for a forum (individual, or in a delegation)
REGISTRATION_CANCEL = "registration-cancel"
REGISTRATION_ACCEPT = "registration-accept"  # the person takes a seat offered to them
EXCHANGE_APPLY = "exchange-apply"  # an application to an exchange call
CANDIDACY = "candidacy"  # a candidacy for an assignment
PERSON_ERASE = "person-erase"  # the person withdrew consent or was erased at home
# The owner node tells the home node
STATUS = "status"  # an application's or registration's new status
HOURS = "hours"  # verified hours, signed by the owner node

WRITES = (
    PEERING_REQUEST,
    PEERING_ACCEPT,
    PEERING_SUSPEND,
    PEERING_RESUME,
    CHANGED,
    APPLY,
    APPLICATION_WITHDRAW,
    REGISTER,
    REGISTRATION_CANCEL,
    REGISTRATION_ACCEPT,
    EXCHANGE_APPLY,
    CANDIDACY,
    PERSON_ERASE,
    STATUS,
    HOURS,
)

# Writes a peer may send before the peering is live (everything else needs a live peering).
BEFORE_LIVE = (PEERING_REQUEST, PEERING_ACCEPT)


def path_of(name: str) -> str:
    """The path of a read or write on every node: /federation/v1/<name>."""
    return f"{NODE_API}{name}"


class ProtocolError(Exception):
    """A refusal with a machine code (docs/federation.md, "Error codes") and an HTTP status.
    `field` names the offending field of the body where there is one."""

    def __init__(self, code: str, message: str, *, status: int = 422, field: str = "") -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.status = status
        self.field = field

    def as_json(self) -> dict[str, Any]:
        error: dict[str, Any] = {"code": self.code, "message": self.message}
        if self.field:
            error["field"] = self.field
        return {"error": error}


@dataclass(frozen=True)
class Received:
    """A verified call as a handler sees it: the peer that signed it, its JSON body (for a
    write) or query parameters (for a read), and its idempotency key."""

    peer: Any  # council.federation.models.Peer
    body: dict[str, Any]
    idempotency_key: str = ""


# A handler answers a verified call with a JSON-able dict (status 200), or raises
# ProtocolError.
Handler = Callable[[Received], dict[str, Any]]

_WRITE_HANDLERS: dict[str, Handler] = {}
_READ_HANDLERS: dict[str, Handler] = {}


def register_write(name: str, handler: Handler) -> None:
    if name not in WRITES:
        raise ValueError(f"{name!r} is not a write of the protocol")
    _WRITE_HANDLERS[name] = handler


def register_read(name: str, handler: Handler) -> None:
    if name not in READS:
        raise ValueError(f"{name!r} is not a read of the protocol")
    _READ_HANDLERS[name] = handler


def write_handler(name: str) -> Handler | None:
    return _WRITE_HANDLERS.get(name)


def read_handler(name: str) -> Handler | None:
    return _READ_HANDLERS.get(name)
