"""`manage.py deliver_webhooks`: sends what is due, says how many; two senders at once send a
delivery once (on PostgreSQL with real threads and connections)."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, connections
from django.utils import timezone

from council.ops.jobs import JOBS_BY_NAME
from council.webhooks.models import WebhookDelivery
from council.webhooks.services.delivery import delivery_attempt
from council.webhooks.services.emit import webhook_test_send
from council.webhooks.tests.conftest import Receiver


def test_it_is_a_job_of_every_minute() -> None:
    job = JOBS_BY_NAME["deliver_webhooks"]
    assert job.every == timedelta(minutes=1) and job.calendar == "*:0/1"


@pytest.mark.django_db
def test_it_sends_what_is_due_and_says_how_many(
    receiver: Receiver, endpoint: Any, org_admin: Any
) -> None:
    for _ in range(3):
        webhook_test_send(actor=org_admin, endpoint=endpoint)  # not committed: left for the job
    later = WebhookDelivery.objects.order_by("pk").last()
    WebhookDelivery.objects.filter(pk=later.pk).update(
        next_attempt_at=timezone.now() + timedelta(hours=1)
    )
    out = StringIO()
    call_command("deliver_webhooks", stdout=out)
    assert out.getvalue().strip() == "Webhook deliveries sent: 2."
    assert len(receiver.requests) == 2
    out = StringIO()
    call_command(
        "deliver_webhooks", stdout=out, now=(timezone.now() + timedelta(hours=2)).isoformat()
    )
    assert out.getvalue().strip() == "Webhook deliveries sent: 1."
    assert set(WebhookDelivery.objects.values_list("status", flat=True)) == {"succeeded"}


def test_a_bad_time_is_refused() -> None:
    with pytest.raises(CommandError):
        call_command("deliver_webhooks", now="next tuesday")


@pytest.fixture
def postgres_only(transactional_db: None) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("two senders at once are tested on PostgreSQL")


def test_two_senders_at_once_send_a_delivery_once(
    postgres_only: None, receiver: Receiver, endpoint: Any, org_admin: Any
) -> None:
    receiver.delay = 0.3
    # Rows as webhook_emit leaves them (here in autocommit, emitting would send at once).
    deliveries = [
        WebhookDelivery.objects.create(
            endpoint=endpoint,
            event_type="webhook.test",
            event_id=f"msg_race{n}",
            payload={"type": "webhook.test", "data": {"n": n}},
            next_attempt_at=timezone.now(),
        )
        for n in range(5)
    ]
    barrier = threading.Barrier(4)
    outcomes: list[str | None] = []

    def send(_n: int) -> None:
        try:
            barrier.wait()
            for delivery in deliveries:
                outcomes.append(delivery_attempt(delivery_id=delivery.pk))
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=4) as pool:
        list(pool.map(send, range(4)))

    assert sorted(o for o in outcomes if o) == ["succeeded"] * 5
    assert len(receiver.requests) == 5
    assert sorted(r.headers["webhook-id"] for r in receiver.requests) == sorted(
        d.event_id for d in deliveries
    )
