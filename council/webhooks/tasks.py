from __future__ import annotations

from django_tasks import task


@task()
def webhook_deliver(*, delivery_id: int) -> None:
    """Send one webhook delivery if it is due (council.webhooks.services.delivery)."""
    from council.webhooks.services.delivery import delivery_attempt

    delivery_attempt(delivery_id=delivery_id)
