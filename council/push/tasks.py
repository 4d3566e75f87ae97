from __future__ import annotations

from django_tasks import task


@task()
def push_deliver_task(*, subscription_id: int, payload: str) -> None:
    """Send one notification to one device (council.push.services.push_deliver)."""
    from council.push.services import push_deliver

    push_deliver(subscription_id=subscription_id, payload=payload)
