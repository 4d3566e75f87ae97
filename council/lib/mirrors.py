"""Mirrored catalogue rows (`council.lib.models.Mirrored`) are another national node's: they
are shown here but changed only there. The access helpers of the editors refuse them as they
refuse another organisation's rows (`local_or_404`), and the services that write such rows
refuse them too (`ensure_local`), in case a caller skipped the access helper."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol, TypeVar

from django.core.exceptions import ValidationError
from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from council.lib.found import found_if


class _MaybeMirrored(Protocol):
    origin_node: str


Row = TypeVar("Row", bound=_MaybeMirrored)
StrOrPromise = str | Promise

MIRRORED_MESSAGE = _(
    "This is a copy from another country's node: it can only be changed on its home node."
)
# What a person is told who tries to take part here in another node's activity: their home
# node sends it (council.federation), under the consent they gave there.
APPLY_AT_HOME = _(
    "This opportunity is run by another country's node: apply from its page on your home "
    "node, which sends your application there."
)
REGISTER_AT_HOME = _(
    "This forum is run by another country's node: register from its page on your home node, "
    "which sends your registration there."
)
EXCHANGE_AT_HOME = _(
    "This call is run by another country's node: apply from its page on your home node, "
    "which sends your application there."
)
ASSIGNMENT_AT_HOME = _(
    "This assignment is run by another country's node: apply from its page on your home "
    "node, which sends your candidacy there."
)


def is_mirrored(row: object) -> bool:
    """Whether `row` (any model row; one without the mirror fields is local) is a copy."""
    return bool(getattr(row, "origin_node", ""))


def local_or_404(row: Row) -> Row:
    """`row` when it is this node's own; a 404 for a mirrored copy (as for a row of another
    organisation: nobody here may edit it)."""
    return found_if(not is_mirrored(row), row)


def ensure_local(*rows: object, message: StrOrPromise = MIRRORED_MESSAGE) -> None:
    """A clear error (`message`) when one of `rows` is a mirrored copy: nothing here writes
    one (only the federation's feed applier does, directly)."""
    if any(is_mirrored(row) for row in rows):
        raise ValidationError(str(message), code="mirrored")  # in the language of the request


def remote_action_url(name: str, *args: object) -> str | None:
    """The address of the federation's page `name` that takes part in another node's activity
    from here (e.g. "federation:remote_apply"), or None while that page does not exist on this
    deployment: the lower apps name it without importing the federation app."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


# --- Whether a mirrored row's node can be reached ----------------------------------------------
# The federation (a higher app) says how each peer node stands; the badge of a mirrored row
# (council.reference.templatetags.mirrors) reads it here without importing the federation.
UNREACHABLE = "unreachable"  # its last pull failed: the copies are as of the last good one
DISCONNECTED = "disconnected"  # no live peering: suspended, or the peer is gone

NodeStates = Callable[[], dict[str, str]]
_NODE_STATES: list[NodeStates] = []


def register_node_states(states: NodeStates) -> None:
    """`states()` answers {node id: UNREACHABLE or DISCONNECTED} for the nodes that are not
    fine (a node it does not name is fine); it is expected to be cheap (cached)."""
    _NODE_STATES[:] = [states]


def node_state(node_id: str) -> str:
    """How the node of a mirrored row stands: "" (fine, or no federation here),
    UNREACHABLE or DISCONNECTED."""
    if not node_id or not _NODE_STATES:
        return ""
    return _NODE_STATES[0]().get(node_id, "")


# --- What a person sent from here about another node's row -----------------------------------
# An application to another node's exchange call, a candidacy for its assignment: there is no
# local row of it, so the federation answers for the page of the mirrored row.
RequestState = Callable[[Any, Any], "tuple[str, str] | None"]
_REQUEST_STATES: list[RequestState] = []


def register_request_state(state: RequestState) -> None:
    """`state(user, row)` answers (the status shown, the page that follows the request) of the
    person's latest request about the mirrored `row`, or None when they sent none."""
    _REQUEST_STATES[:] = [state]


def remote_request_state(user: Any, row: Any) -> tuple[str, str] | None:
    """The person's request sent from here about the mirrored `row`: (status, page) or None."""
    if not is_mirrored(row) or not getattr(user, "is_authenticated", False):
        return None
    if not _REQUEST_STATES:
        return None
    return _REQUEST_STATES[0](user, row)
