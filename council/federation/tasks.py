from __future__ import annotations

from django_tasks import task


@task()
def federation_send(*, message_id: int) -> None:
    """Try one outbox message to a peer if it is due (council.federation.services.outbox)."""
    from council.federation.services.outbox import outbox_attempt

    outbox_attempt(message_id=message_id)
