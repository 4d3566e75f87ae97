from __future__ import annotations

from django_tasks import task


# --- FEED: pulling a peer's catalogue feed ---------------------------------------------------
@task()
def federation_pull_peer(*, peer_id: int) -> None:
    """Pull one peer's catalogue feed now (after its `changed` notice)."""
    from council.federation.services.sync import peer_pull_by_id

    peer_pull_by_id(peer_id=peer_id)
