"""The outbox: sent once the transaction commits, retried with backoff while the peer is away,
delivered once it is back (under the same idempotency key), answered once."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from council.federation import protocol
from council.federation.models import (
    CallLog,
    IdempotentReply,
    OutboxMessage,
    OutboxState,
    Peer,
    PeerStatus,
    SeenNonce,
)
from council.federation.protocol import ProtocolError
from council.federation.services import outbox
from council.federation.services.outbox import (
    backoff,
    outbox_attempt,
    outbox_enqueue,
    outbox_send_due,
)
from council.federation.tests.transport.conftest import FakeNode

pytestmark = pytest.mark.django_db


@pytest.fixture
def answered() -> Iterator[dict[str, list[Any]]]:
    """Reply and refusal handlers for `apply` that record what they got."""
    seen: dict[str, list[Any]] = {"replies": [], "refusals": []}
    saved = dict(outbox._REPLY), dict(outbox._REFUSAL)
    outbox.register_reply(protocol.APPLY, lambda m, reply: seen["replies"].append((m.pk, reply)))
    outbox.register_refusal(protocol.APPLY, lambda m, error: seen["refusals"].append(error.code))
    yield seen
    outbox._REPLY.clear()
    outbox._REPLY.update(saved[0])
    outbox._REFUSAL.clear()
    outbox._REFUSAL.update(saved[1])


def _enqueue(peer: Peer, captured: Any, **fields: Any) -> OutboxMessage:
    with captured(execute=True), transaction.atomic():
        message = outbox_enqueue(peer=peer, kind=protocol.APPLY, payload={"n": 1}, **fields)
    message.refresh_from_db()
    return message


def test_a_message_goes_once_its_transaction_commits(
    fake_node: FakeNode,
    peer: Peer,
    answered: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    fake_node.body = {"application": "77", "status": "confirmed"}

    message = _enqueue(peer, django_capture_on_commit_callbacks)

    assert message.state == OutboxState.DELIVERED
    assert message.reply == {"application": "77", "status": "confirmed"}
    assert message.attempts == 1
    assert answered["replies"] == [(message.pk, message.reply)]
    assert fake_node.calls(protocol.APPLY)[0].headers["Idempotency-Key"] == message.idempotency_key


def test_a_rolled_back_action_sends_nothing(
    fake_node: FakeNode, peer: Peer, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                outbox_enqueue(peer=peer, kind=protocol.APPLY, payload={})
                raise RuntimeError("the action failed")
        except RuntimeError:
            pass

    assert callbacks == []
    assert OutboxMessage.objects.count() == 0
    assert fake_node.requests == []


def test_a_peer_away_gets_it_later_with_backoff_and_once(
    fake_node: FakeNode,
    peer: Peer,
    answered: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    fake_node.answers = [(503, {}), (500, {}), (502, {})]
    fake_node.body = {"application": "77", "status": "waitlisted"}

    message = _enqueue(peer, django_capture_on_commit_callbacks)

    assert message.state == OutboxState.PENDING
    assert message.attempts == 1
    first_due = message.next_attempt_at
    assert first_due - timezone.now() <= timedelta(minutes=1)
    assert "status_503" in message.last_error
    # Not due yet: nothing is sent.
    assert outbox_send_due() == 0
    # The next tries, each when due: 1 minute, then 2 later.
    outbox_send_due(now=first_due)
    message.refresh_from_db()
    assert message.attempts == 2
    second_due = message.next_attempt_at
    assert second_due - first_due == timedelta(minutes=2)
    outbox_send_due(now=second_due)
    message.refresh_from_db()
    assert message.attempts == 3
    assert message.next_attempt_at - second_due == timedelta(minutes=4)
    # The peer is back.
    call_command("federation_deliver", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert OutboxMessage.objects.get(pk=message.pk).state == OutboxState.PENDING  # not due
    outbox_send_due(now=message.next_attempt_at)
    message.refresh_from_db()

    assert message.state == OutboxState.DELIVERED
    assert answered["replies"] == [(message.pk, {"application": "77", "status": "waitlisted"})]
    keys = {seen.headers["Idempotency-Key"] for seen in fake_node.calls(protocol.APPLY)}
    assert keys == {message.idempotency_key}
    assert len(fake_node.calls(protocol.APPLY)) == 4
    assert CallLog.objects.filter(direction="out", outcome="failed").count() == 3


def test_backoff_doubles_up_to_an_hour() -> None:
    minutes = [backoff(n) / timedelta(minutes=1) for n in range(1, 10)]

    assert minutes == [1, 2, 4, 8, 16, 32, 60, 60, 60]


def test_a_refusal_is_final_and_handled(
    fake_node: FakeNode,
    peer: Peer,
    answered: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    fake_node.status, fake_node.body = 422, {"error": {"code": "closed", "message": "Closed."}}

    message = _enqueue(peer, django_capture_on_commit_callbacks)

    assert message.state == OutboxState.REFUSED
    assert message.last_error == "closed: Closed."
    assert answered["refusals"] == ["closed"]
    assert outbox_send_due(now=timezone.now() + timedelta(days=1)) == 0


def test_a_failing_reply_handler_leaves_the_message_to_retry(
    fake_node: FakeNode, peer: Peer, django_capture_on_commit_callbacks: Any
) -> None:
    saved = dict(outbox._REPLY)

    def broken(message: OutboxMessage, reply: dict[str, Any]) -> None:
        Peer.objects.filter(pk=message.peer_id).update(last_error="half-written")
        raise RuntimeError("bug")

    outbox.register_reply(protocol.APPLY, broken)
    try:
        message = _enqueue(peer, django_capture_on_commit_callbacks)
    finally:
        outbox._REPLY.clear()
        outbox._REPLY.update(saved)

    assert message.state == OutboxState.PENDING
    assert "handler" in message.last_error
    peer.refresh_from_db()
    assert peer.last_error == ""


def test_an_answer_is_handled_once(
    fake_node: FakeNode,
    peer: Peer,
    answered: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    message = _enqueue(peer, django_capture_on_commit_callbacks)

    # Another worker settles the same answer late.
    outbox._settle(message, reply={"late": True}, now=timezone.now())
    outbox._settle(message, refusal=ProtocolError("closed", "x"), now=timezone.now())

    assert len(answered["replies"]) == 1
    assert answered["refusals"] == []


def test_messages_wait_while_the_peering_is_suspended(
    fake_node: FakeNode,
    peer: Peer,
    answered: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    Peer.objects.filter(pk=peer.pk).update(status=PeerStatus.SUSPENDED)

    message = _enqueue(peer, django_capture_on_commit_callbacks)

    assert message.state == OutboxState.PENDING
    assert message.attempts == 0
    assert fake_node.requests == []
    Peer.objects.filter(pk=peer.pk).update(status=PeerStatus.LIVE)
    assert outbox_send_due() == 1
    message.refresh_from_db()
    assert message.state == OutboxState.DELIVERED


def test_messages_about_one_subject_keep_their_order(
    fake_node: FakeNode,
    peer: Peer,
    answered: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    fake_node.answers = [(503, {})]
    first = _enqueue(peer, django_capture_on_commit_callbacks, subject=peer)

    second = _enqueue(peer, django_capture_on_commit_callbacks, subject=peer)

    assert (first.state, second.state) == (OutboxState.PENDING, OutboxState.PENDING)
    assert second.attempts == 0  # waits behind the first
    outbox_send_due(now=first.next_attempt_at)
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.state, second.state) == (OutboxState.DELIVERED, OutboxState.DELIVERED)
    assert [pk for pk, _reply in answered["replies"]] == [first.pk, second.pk]


def test_a_message_claimed_by_another_worker_is_not_sent_twice(
    fake_node: FakeNode, peer: Peer
) -> None:
    message = OutboxMessage.objects.create(
        peer=peer, kind=protocol.APPLY, idempotency_key="k-claimed", payload={}
    )
    now = timezone.now()
    assert outbox._claim(message.pk, now) is not None

    assert outbox_attempt(message_id=message.pk, now=now) is None
    assert fake_node.requests == []


def test_prune_keeps_what_is_still_needed(peer: Peer) -> None:
    now = timezone.now()
    SeenNonce.objects.create(peer=peer, nonce="old", expires_at=now - timedelta(minutes=1))
    SeenNonce.objects.create(peer=peer, nonce="live", expires_at=now + timedelta(minutes=1))
    IdempotentReply.objects.create(
        peer=peer, key="old", body_digest="d", status_code=200, created_at=now - timedelta(days=91)
    )
    IdempotentReply.objects.create(peer=peer, key="new", body_digest="d", status_code=200)
    CallLog.objects.create(
        direction="in", method="GET", path="/", outcome="ok", at=now - timedelta(days=181)
    )
    CallLog.objects.create(direction="in", method="GET", path="/", outcome="ok")

    call_command("federation_prune", stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert list(SeenNonce.objects.values_list("nonce", flat=True)) == ["live"]
    assert list(IdempotentReply.objects.values_list("key", flat=True)) == ["new"]
    assert CallLog.objects.count() == 1
