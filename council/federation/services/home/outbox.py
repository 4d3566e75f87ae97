"""The one door from the home node's services to the outbox (council.federation.services.
outbox, which carries writes to peers with retries): imported when used, so that these
services stand on their own."""

from __future__ import annotations

from typing import Any

from django.db.models import Model

from council.federation.models import Peer


def enqueue(
    *,
    peer: Peer,
    kind: str,
    payload: dict[str, Any],
    person: Any = None,
    subject: Model | None = None,
) -> Any:
    from council.federation.services.outbox import outbox_enqueue

    return outbox_enqueue(peer=peer, kind=kind, payload=payload, person=person, subject=subject)
