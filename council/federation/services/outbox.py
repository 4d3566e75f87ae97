"""The outbox: writes to peers that must arrive, once, however long the peer is away.

`outbox_enqueue` writes an OutboxMessage in the caller's transaction (so the action and its
message commit or vanish together) with an idempotency key fixed for its life; once the
transaction commits, a task tries it at once. A message that fails (the peer is down, slow,
answers 5xx, or its reply is not signed by it) waits 1, 2, 4, 8 … minutes, at most 60, and
`manage.py federation_deliver` (every minute) sends what is due. The peer stores its answer
under the key, so a message sent twice is taken once and answered the same.

A reply runs the handler `register_reply(kind, …)` names, a refusal (4xx, the peer's error
code) the one `register_refusal(kind, …)` names, each in a transaction with the message row
locked, once: a message no longer pending is left alone.

Messages of one peer about one person or one subject go in order: a message waits while an
older one about the same person or subject is still pending. Messages wait while the peering
is not live, except the peering's own (request, accept, suspend, resume).
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from council.accounts.models import ConsentPurpose, User
from council.accounts.services import has_live_consent
from council.federation import protocol
from council.federation.client import PeerUnavailable, call
from council.federation.models import OutboxMessage, OutboxState, Peer, PeerStatus, Transfer
from council.federation.protocol import ProtocolError
from council.lib.locks import lock_row

logger = logging.getLogger(__name__)

PEERING_KINDS = (
    protocol.PEERING_REQUEST,
    protocol.PEERING_ACCEPT,
    protocol.PEERING_SUSPEND,
    protocol.PEERING_RESUME,
)
MAX_BACKOFF_MINUTES = 60

ReplyHandler = Callable[[OutboxMessage, dict[str, Any]], None]
RefusalHandler = Callable[[OutboxMessage, ProtocolError], None]
_REPLY: dict[str, ReplyHandler] = {}
_REFUSAL: dict[str, RefusalHandler] = {}


def register_reply(kind: str, handler: ReplyHandler) -> None:
    """`handler(message, reply)` runs when the peer answers a message of `kind`."""
    _REPLY[kind] = handler


def register_refusal(kind: str, handler: RefusalHandler) -> None:
    """`handler(message, error)` runs when the peer refuses a message of `kind`."""
    _REFUSAL[kind] = handler


def backoff(attempts: int) -> timedelta:
    """The wait after the `attempts`-th failure: 1, 2, 4 … minutes, at most 60."""
    return timedelta(minutes=min(2 ** max(attempts - 1, 0), MAX_BACKOFF_MINUTES))


def new_idempotency_key() -> str:
    return f"{settings.NODE_ID or 'node'}-{secrets.token_urlsafe(24)}"


def outbox_enqueue(
    *,
    peer: Peer,
    kind: str,
    payload: dict[str, Any],
    person: User | None = None,
    subject: models.Model | None = None,
) -> OutboxMessage:
    """Queue the write `kind` with `payload` to `peer`, within the caller's transaction; it
    is tried once the transaction commits."""
    if kind not in protocol.WRITES:
        raise ValueError(f"{kind!r} is not a write of the protocol")
    message = OutboxMessage.objects.create(
        peer=peer,
        kind=kind,
        idempotency_key=new_idempotency_key(),
        payload=payload,
        person=person,
        subject_type=subject._meta.label_lower if subject is not None else "",
        subject_id=str(subject.pk) if subject is not None else "",
        next_attempt_at=timezone.now(),
    )
    send_after_commit(message.pk)
    return message


def send_after_commit(message_id: int) -> None:
    """Queue the message's first attempt: with the change when tasks are rows of this
    database, otherwise once it commits. Whatever a queue loses, the job sends when due."""
    from django_tasks_db.backend import DatabaseBackend

    from council.federation.tasks import federation_send

    def enqueue() -> None:
        federation_send.enqueue(message_id=message_id)

    if isinstance(federation_send.get_backend(), DatabaseBackend):
        enqueue()
    else:
        transaction.on_commit(enqueue)


def outbox_send_now(*, peer: Peer) -> int:
    """After an outage: every message waiting for `peer` is due now (its back-off is cut
    short) and queued again once the transaction commits; how many. The caller audits."""
    waiting = OutboxMessage.objects.filter(peer=peer, state=OutboxState.PENDING)
    keys = list(waiting.order_by("created_at", "pk").values_list("pk", flat=True))
    waiting.update(next_attempt_at=timezone.now())
    for pk in keys:
        send_after_commit(pk)
    return len(keys)


def _may_send(message: OutboxMessage) -> bool:
    """The peering lets it go, and no older message about the same person or subject waits."""
    peer_status = Peer.objects.filter(pk=message.peer_id).values_list("status", flat=True).first()
    if message.kind not in PEERING_KINDS and peer_status != PeerStatus.LIVE:
        return False
    same = Q()
    if message.person_id is not None:
        same |= Q(person_id=message.person_id)
    if message.subject_type:
        same |= Q(subject_type=message.subject_type, subject_id=message.subject_id)
    if not same:
        return True
    older = OutboxMessage.objects.filter(
        same, peer_id=message.peer_id, state=OutboxState.PENDING
    ).filter(
        Q(created_at__lt=message.created_at) | Q(created_at=message.created_at, pk__lt=message.pk)
    )
    return not older.exists()


def _claim(message_id: int, now: datetime) -> OutboxMessage | None:
    """Take the message for one attempt (compare and set on its next attempt time), so that
    two workers do not send it at once; None when it is not due or not pending."""
    hold = now + timedelta(seconds=settings.FEDERATION_TIMEOUT_SECONDS * 3 + 30)
    taken = OutboxMessage.objects.filter(
        pk=message_id, state=OutboxState.PENDING, next_attempt_at__lte=now
    ).update(next_attempt_at=hold)
    if not taken:
        return None
    return OutboxMessage.objects.select_related("peer").get(pk=message_id)


def _failed(message: OutboxMessage, error: str, now: datetime) -> None:
    attempts = message.attempts + 1
    OutboxMessage.objects.filter(pk=message.pk, state=OutboxState.PENDING).update(
        attempts=attempts, next_attempt_at=now + backoff(attempts), last_error=error[:300]
    )


# Writes that carry a person's data: they leave only while the person's cross-border consent
# is live, checked again when they are sent (a retry may come after a withdrawal).
PERSONAL_KINDS = (protocol.APPLY, protocol.REGISTER, protocol.EXCHANGE_APPLY, protocol.CANDIDACY)


def _consent_gone(message: OutboxMessage) -> bool:
    if message.kind not in PERSONAL_KINDS or message.person_id is None:
        return False
    person = User.objects.filter(pk=message.person_id).first()
    return person is None or not has_live_consent(user=person, purpose=ConsentPurpose.CROSS_BORDER)


def outbox_attempt(*, message_id: int, now: datetime | None = None) -> str | None:
    """Send one message if it is due and may go; its state after (None: not tried)."""
    now = now or timezone.now()
    found = OutboxMessage.objects.filter(pk=message_id).first()
    if found is None or found.state != OutboxState.PENDING or not _may_send(found):
        return None
    message = _claim(message_id, now)
    if message is None:
        return None
    if _consent_gone(message):
        # Nothing leaves: the transfer it would have been is struck from the log.
        if message.transfer_id is not None:
            Transfer.objects.filter(pk=message.transfer_id).delete()
        withdrawn = ProtocolError(
            "consent_missing",
            _("The cross-border consent was withdrawn before this was sent; nothing was sent."),
        )
        return _settle(message, refusal=withdrawn, now=now)
    try:
        reply = call(
            message.peer,
            message.kind,
            body=message.payload,
            idempotency_key=message.idempotency_key,
        )
    except PeerUnavailable as error:
        _failed(message, f"{error.reason}: {error.message}", now)
        return OutboxState.PENDING
    except ProtocolError as error:
        return _settle(message, refusal=error, now=now)
    return _settle(message, reply=reply, now=now)


def _settle(
    message: OutboxMessage,
    *,
    now: datetime,
    reply: dict[str, Any] | None = None,
    refusal: ProtocolError | None = None,
) -> str:
    """Record the answer and run its handler, once, with the message locked."""
    try:
        with transaction.atomic():
            locked = lock_row(OutboxMessage, message.pk)
            if locked is None or locked.state != OutboxState.PENDING:
                return locked.state if locked else OutboxState.PENDING
            locked.peer = message.peer
            locked.attempts += 1
            if refusal is not None:
                locked.state = OutboxState.REFUSED
                locked.last_error = f"{refusal.code}: {refusal.message}"[:300]
                locked.reply = refusal.as_json()
                refusal_handler = _REFUSAL.get(locked.kind)
                if refusal_handler is not None:
                    refusal_handler(locked, refusal)
            else:
                locked.state = OutboxState.DELIVERED
                locked.reply = reply or {}
                locked.last_error = ""
                reply_handler = _REPLY.get(locked.kind)
                if reply_handler is not None:
                    reply_handler(locked, reply or {})
            locked.delivered_at = now
            locked.save(update_fields=["state", "attempts", "last_error", "reply", "delivered_at"])
            return locked.state
    except Exception as error:
        # The handler failed: the message stays pending; the peer answers the same again.
        logger.exception("federation: the answer to outbox message %s failed", message.pk)
        _failed(message, f"handler: {error}", now)
        return OutboxState.PENDING


def outbox_send_due(*, now: datetime | None = None, limit: int = 500) -> int:
    """Try every pending message that is due, oldest first (at most `limit`); how many were
    tried."""
    now = now or timezone.now()
    due = list(
        OutboxMessage.objects.filter(state=OutboxState.PENDING, next_attempt_at__lte=now)
        .filter(Q(peer__status=PeerStatus.LIVE) | Q(kind__in=PEERING_KINDS))
        .order_by("created_at", "pk")
        .values_list("pk", flat=True)[:limit]
    )
    tried = 0
    for pk in due:
        if outbox_attempt(message_id=pk, now=now) is not None:
            tried += 1
    return tried


def outbox_counts(peer: Peer) -> dict[str, int]:
    """How many of the peer's messages are in each state."""
    counts = dict.fromkeys(OutboxState.values, 0)
    for row in (
        OutboxMessage.objects.filter(peer=peer).values("state").annotate(n=models.Count("pk"))
    ):
        counts[row["state"]] = row["n"]
    return counts


# --- Pruning (manage.py federation_prune, daily) ------------------------------------------

# How long what the protocol keeps is kept: a stored answer long beyond any retry of the
# sender (its outbox retries hourly; a reply lost for 90 days is a peer to talk to), the call
# log for the secretariat's questions about the last half-year. Seen nonces go once their
# signature has expired (a replay after that is refused as expired).
IDEMPOTENT_REPLY_DAYS = 90
CALL_LOG_DAYS = 180


def federation_prune(*, now: datetime | None = None) -> int:
    """Delete expired nonces, stored answers older than IDEMPOTENT_REPLY_DAYS and calls older
    than CALL_LOG_DAYS; how many rows went."""
    from council.federation.models import CallLog, IdempotentReply, SeenNonce

    now = now or timezone.now()
    nonces, _ = SeenNonce.objects.filter(expires_at__lt=now).delete()
    replies, _ = IdempotentReply.objects.filter(
        created_at__lt=now - timedelta(days=IDEMPOTENT_REPLY_DAYS)
    ).delete()
    calls, _ = CallLog.objects.filter(at__lt=now - timedelta(days=CALL_LOG_DAYS)).delete()
    return nonces + replies + calls
