from __future__ import annotations

from django_tasks import task


@task()
def federation_send(*, message_id: int) -> None:
    """Try one outbox message to a peer if it is due (council.federation.services.outbox)."""
    from council.federation.services.outbox import outbox_attempt

    outbox_attempt(message_id=message_id)


# --- FEED: pulling a peer's catalogue feed ---------------------------------------------------
@task()
def federation_pull_peer(*, peer_id: int) -> None:
    """Pull one peer's catalogue feed now (after its `changed` notice)."""
    from council.federation.services.sync import peer_pull_by_id

    peer_pull_by_id(peer_id=peer_id)
