"""The federation of national nodes (docs/federation.md): the peers this node works with, every
signed call between them, the outbox of actions on their way, the people of other nodes known
here by a minimal remote record, and the log of every piece of personal data that crossed a
border."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.timezone import now
from django.utils.translation import gettext_lazy as _

from council.lib.models import one_per


class PeerStatus(models.TextChoices):
    PROPOSED = "proposed", _("Waiting for the other node to accept")
    REQUESTED = "requested", _("Waiting for our acceptance")
    LIVE = "live", _("Live")
    SUSPENDED = "suspended", _("Suspended")


class Peer(models.Model):
    """Another national node. The peering is live once both sides have accepted it (each side
    records its own acceptance and the other's), until either suspends it."""

    node_id = models.CharField(_("node"), max_length=40, unique=True)
    country = models.ForeignKey(
        "reference.Country", models.PROTECT, related_name="+", verbose_name=_("country")
    )
    # The node's name in each language it gave: {"ru": …, "kk": …, "en": …}.
    names = models.JSONField(_("name"), default=dict, blank=True)
    url = models.URLField(_("address"), unique=True)
    protocol = models.CharField(_("protocol version"), max_length=10, default="1")
    # Its published keys as last read from its well-known document (a JWKS).
    keys = models.JSONField(_("public keys"), default=dict, blank=True)
    keys_fetched_at = models.DateTimeField(_("keys read at"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=PeerStatus.choices, default=PeerStatus.PROPOSED
    )
    we_accepted_at = models.DateTimeField(_("accepted by us at"), null=True, blank=True)
    they_accepted_at = models.DateTimeField(_("accepted by them at"), null=True, blank=True)
    suspended_at = models.DateTimeField(_("suspended at"), null=True, blank=True)
    suspended_by_us = models.BooleanField(default=False)
    # The change feed: our position in the peer's feed (opaque to us), and how pulls went.
    feed_cursor = models.CharField(max_length=200, blank=True)
    last_pull_at = models.DateTimeField(_("last pull"), null=True, blank=True)
    last_pull_ok_at = models.DateTimeField(_("last successful pull"), null=True, blank=True)
    last_error = models.CharField(_("last error"), max_length=300, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("added at"), default=now)

    class Meta:
        ordering = ["node_id"]
        verbose_name = _("peer node")
        verbose_name_plural = _("peer nodes")

    def __str__(self) -> str:
        return self.node_id

    @property
    def is_live(self) -> bool:
        return self.status == PeerStatus.LIVE


class Direction(models.TextChoices):
    IN = "in", _("Received")
    OUT = "out", _("Sent")


class CallOutcome(models.TextChoices):
    OK = "ok", _("Answered")
    REFUSED = "refused", _("Refused")
    FAILED = "failed", _("Failed, will be retried")


class CallLog(models.Model):
    """One call between nodes, on the side that made it and on the side that received it."""

    direction = models.CharField(_("direction"), max_length=3, choices=Direction.choices)
    peer = models.ForeignKey(Peer, models.SET_NULL, null=True, blank=True, related_name="calls")
    method = models.CharField(max_length=8)
    path = models.CharField(_("path"), max_length=300)
    status_code = models.PositiveSmallIntegerField(_("HTTP status"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=8, choices=CallOutcome.choices)
    # A machine code for a refusal or failure (docs/federation.md, "Error codes").
    reason = models.CharField(_("reason"), max_length=60, blank=True)
    detail = models.CharField(_("detail"), max_length=300, blank=True)
    key_id = models.CharField(max_length=64, blank=True)
    nonce = models.CharField(max_length=64, blank=True)
    idempotency_key = models.CharField(max_length=80, blank=True)
    duration_ms = models.PositiveIntegerField(null=True, blank=True)
    at = models.DateTimeField(_("at"), default=now)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("call between nodes")
        verbose_name_plural = _("calls between nodes")
        indexes = [models.Index(fields=["peer", "-at"]), models.Index(fields=["-at"])]

    def __str__(self) -> str:
        return str(f"{self.direction} {self.method} {self.path} {self.outcome}")


class SeenNonce(models.Model):
    """A signature's nonce, kept until the signature would have expired: a second request
    with it is a replay."""

    peer = models.ForeignKey(Peer, models.CASCADE, related_name="+")
    nonce = models.CharField(max_length=64)
    expires_at = models.DateTimeField()

    class Meta:
        constraints = [one_per("peer", "nonce", name="federation_nonce_once_per_peer")]
        indexes = [models.Index(fields=["expires_at"])]

    def __str__(self) -> str:
        return str(self.nonce)


class IdempotentReply(models.Model):
    """The answer given to a write, by its idempotency key: a retry gets the same answer and
    changes nothing."""

    peer = models.ForeignKey(Peer, models.CASCADE, related_name="+")
    key = models.CharField(max_length=80)
    # SHA-256 of the request body: the same key with another body is refused.
    body_digest = models.CharField(max_length=64)
    status_code = models.PositiveSmallIntegerField()
    reply = models.JSONField(default=dict)
    created_at = models.DateTimeField(default=now)

    class Meta:
        constraints = [one_per("peer", "key", name="federation_reply_once_per_key")]
        indexes = [models.Index(fields=["created_at"])]

    def __str__(self) -> str:
        return str(self.key)


class OutboxState(models.TextChoices):
    PENDING = "pending", _("On its way")
    DELIVERED = "delivered", _("Delivered")
    REFUSED = "refused", _("Refused by the other node")


class OutboxMessage(models.Model):
    """A write to a peer (an application, a status, hours, an erasure…), kept until the peer
    has answered it. Retried with backoff under the same idempotency key, so that it arrives
    once however often it is sent."""

    peer = models.ForeignKey(Peer, models.PROTECT, related_name="outbox")
    kind = models.CharField(_("kind"), max_length=40)
    idempotency_key = models.CharField(max_length=80, unique=True)
    payload = models.JSONField(default=dict)
    state = models.CharField(
        _("state"), max_length=10, choices=OutboxState.choices, default=OutboxState.PENDING
    )
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=now)
    last_error = models.CharField(_("last error"), max_length=300, blank=True)
    reply = models.JSONField(default=dict, blank=True)
    # Whose action or data it carries (for "my data" and erasure), and the local row it is
    # about (an application, a registration, an hours entry).
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    subject_type = models.CharField(max_length=80, blank=True)
    subject_id = models.CharField(max_length=64, blank=True)
    # The transfer-log row of the personal data it carries: removed when the message is
    # never sent (the person withdrew the consent first).
    transfer = models.ForeignKey(
        "Transfer", models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), default=now)
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("outbox message")
        verbose_name_plural = _("outbox messages")
        indexes = [
            models.Index(
                fields=["next_attempt_at"],
                condition=Q(state="pending"),
                name="federation_outbox_due",
            ),
            models.Index(fields=["subject_type", "subject_id"]),
            models.Index(fields=["peer", "state"]),
        ]

    def __str__(self) -> str:
        return str(f"{self.kind} → {self.peer_id} ({self.state})")


class RemotePerson(models.Model):
    """On the owner node: a person of another node, known only by what their action needed,
    under their cross-border consent. `user` is the local account the person's applications,
    registrations, check-ins and hours hang on; it cannot sign in here."""

    peer = models.ForeignKey(Peer, models.PROTECT, related_name="people")
    # The person's pseudonymous reference on their home node (never its database id).
    remote_ref = models.CharField(max_length=80)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="remote_person"
    )
    consent_ref = models.CharField(_("consent"), max_length=80, blank=True)
    # The names of the fields the home node sent (as last sent).
    fields = models.JSONField(default=list, blank=True)
    # The contact details the person agreed to share with organisers abroad ({"email": …});
    # empty when they shared none.
    contact = models.JSONField(_("contact details"), default=dict, blank=True)
    created_at = models.DateTimeField(default=now)
    updated_at = models.DateTimeField(default=now)
    erased_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("person of another node")
        verbose_name_plural = _("people of other nodes")
        constraints = [one_per("peer", "remote_ref", name="federation_one_record_per_person")]

    def __str__(self) -> str:
        return str(f"{self.peer_id}:{self.remote_ref}")


class SharedPerson(models.Model):
    """On the home node: a person whose data was sent to a peer, with the consent it went
    under; when the consent is withdrawn or the account erased, the peer is told to erase it."""

    peer = models.ForeignKey(Peer, models.PROTECT, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+")
    # The pseudonymous reference the peer knows the person by (`person_ref`): never our id.
    ref = models.CharField(max_length=80, unique=True)
    consent = models.ForeignKey(
        "accounts.Consent", models.SET_NULL, null=True, blank=True, related_name="+"
    )
    first_sent_at = models.DateTimeField(default=now)
    last_sent_at = models.DateTimeField(default=now)
    erasure_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [one_per("peer", "user", name="federation_one_share_per_peer")]

    def __str__(self) -> str:
        return str(f"{self.user_id} → {self.peer_id}")


class LinkKind(models.TextChoices):
    APPLICATION = "application", _("Application")
    REGISTRATION = "registration", _("Forum registration")
    EXCHANGE_APPLICATION = "exchange_application", _("Exchange application")
    CANDIDACY = "candidacy", _("Candidacy")
    HOURS = "hours", _("Hours entry")


class RemoteLink(models.Model):
    """A local row that stands for a row of a peer (on either side): the home node's
    application for the owner's, the owner's for the home node's. `status` is the last status
    exchanged for it, so that a change is sent once."""

    peer = models.ForeignKey(Peer, models.PROTECT, related_name="+")
    kind = models.CharField(max_length=24, choices=LinkKind.choices)
    local_id = models.CharField(max_length=64)
    remote_id = models.CharField(max_length=64, blank=True)
    status = models.CharField(max_length=24, blank=True)
    updated_at = models.DateTimeField(default=now)

    class Meta:
        constraints = [
            one_per("peer", "kind", "local_id", name="federation_one_link_per_local_row"),
        ]
        indexes = [models.Index(fields=["peer", "kind", "remote_id"])]

    def __str__(self) -> str:
        return str(f"{self.kind} {self.local_id} ↔ {self.peer_id}:{self.remote_id}")


class Transfer(models.Model):
    """One piece of personal data that crossed a border: when, which peer, whose (by the local
    account), which fields, under which consent. Seen by the person on their data page and by
    the node's secretariat; part of the person's data export."""

    direction = models.CharField(_("direction"), max_length=3, choices=Direction.choices)
    peer = models.ForeignKey(Peer, models.PROTECT, related_name="transfers")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("person"),
    )
    # The person's local id as text, kept after an erasure empties `person`.
    person_ref = models.CharField(max_length=80)
    purpose = models.CharField(_("purpose"), max_length=40)
    fields = models.JSONField(_("fields"), default=list)
    consent_ref = models.CharField(_("consent"), max_length=80, blank=True)
    at = models.DateTimeField(_("at"), default=now)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("cross-border transfer")
        verbose_name_plural = _("cross-border transfers")
        indexes = [models.Index(fields=["person", "-at"]), models.Index(fields=["peer", "-at"])]

    def __str__(self) -> str:
        return str(f"{self.direction} {self.purpose} {self.person_ref} {self.peer_id}")


class PeerAggregate(models.Model):
    """A peer's published aggregates (no personal data), as last pulled."""

    peer = models.OneToOneField(Peer, models.CASCADE, related_name="aggregate")
    figures = models.JSONField(default=dict)
    as_of = models.DateTimeField(null=True, blank=True)
    fetched_at = models.DateTimeField(default=now)

    def __str__(self) -> str:
        return str(f"{self.peer_id} {self.as_of}")


class NodeKey(models.Model):
    """The node's own signing key when NODE_SIGNING_KEY is not set: made on first use. A
    rotated key stays (retired) so that its public half is still published."""

    private_key = models.CharField(max_length=64)
    public_key = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=now)
    retired_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            one_per(
                "retired_at",
                name="federation_one_current_key",
                condition=Q(retired_at__isnull=True),
            )
        ]

    def __str__(self) -> str:
        return str(self.public_key)


class SharingChoice(models.Model):
    """Which contact details a person agrees to send, with an action, to organisers of another
    node (names, age band, languages and skills always go; the email address only when chosen)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="sharing_choice"
    )
    share_email = models.BooleanField(_("share my email address"), default=True)
    updated_at = models.DateTimeField(default=now)

    def __str__(self) -> str:
        return str(self.user_id)
