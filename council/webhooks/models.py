from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from council.lib.models import one_per
from council.lib.text import validate_plain_text

# A delivery's response body is kept this long (as plain text) in its log.
EXCERPT_LENGTH = 500
# The `paused_reason` of an endpoint paused because its deliveries kept failing.
PAUSED_FOR_FAILURES = "failures"


class WebhookEndpoint(models.Model):
    """An HTTPS address an organisation (or a national network) subscribed to some events.

    `secret` signs every delivery (Standard Webhooks, `whsec_` and base64); after a rotation
    `previous_secret` signs alongside it until `previous_secret_until`, so the subscriber can
    switch without losing a message."""

    organisation = models.ForeignKey(
        "orgs.Organisation",
        models.CASCADE,
        related_name="webhook_endpoints",
        verbose_name=_("organisation"),
    )
    url = models.URLField(_("address (URL)"), max_length=500)
    description = models.CharField(
        _("description"), max_length=200, blank=True, validators=[validate_plain_text]
    )
    events = models.JSONField(_("events"), default=list)
    secret = models.CharField(max_length=100)
    previous_secret = models.CharField(max_length=100, blank=True)
    previous_secret_until = models.DateTimeField(null=True, blank=True)
    active = models.BooleanField(_("active"), default=True)
    paused_at = models.DateTimeField(_("paused at"), null=True, blank=True)
    paused_reason = models.CharField(_("why it is paused"), max_length=300, blank=True)
    consecutive_failures = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        ordering = ["organisation_id", "pk"]
        verbose_name = _("webhook endpoint")
        verbose_name_plural = _("webhook endpoints")
        indexes = [models.Index(fields=["organisation", "active"])]

    def __str__(self) -> str:
        return self.description or self.url

    @property
    def paused_reason_text(self) -> str:
        """Why the endpoint is paused, in the reader's language."""
        if self.paused_reason == PAUSED_FOR_FAILURES:
            return str(_("Paused automatically: its deliveries kept failing."))
        return self.paused_reason or str(_("Paused by an administrator."))

    def signing_secrets(self) -> list[str]:
        """The secrets that sign a delivery now: the current one, and the rotated-out one
        while its grace period lasts."""
        secrets = [self.secret]
        until = self.previous_secret_until
        if self.previous_secret and until is not None and until > timezone.now():
            secrets.append(self.previous_secret)
        return secrets


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    SUCCEEDED = "succeeded", _("Succeeded")
    FAILED = "failed", _("Failed, will be retried")
    GAVE_UP = "gave_up", _("Gave up")


# The deliveries still to be sent (at their next_attempt_at).
OPEN_STATUSES = (DeliveryStatus.PENDING, DeliveryStatus.FAILED)


class WebhookDelivery(models.Model):
    """One message to one endpoint and the outcome of its latest attempt. `event_id` is the
    message's `webhook-id`, the same on every attempt, so the subscriber can drop repeats."""

    endpoint = models.ForeignKey(
        WebhookEndpoint, models.CASCADE, related_name="deliveries", verbose_name=_("endpoint")
    )
    event_type = models.CharField(_("event"), max_length=60)
    event_id = models.CharField(_("message id"), max_length=60)
    payload = models.JSONField(_("payload"))
    status = models.CharField(
        _("status"), max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    last_attempt_at = models.DateTimeField(_("last attempt"), null=True, blank=True)
    # A sender holds the delivery until then (a compare-and-set claim; see services.delivery).
    claimed_until = models.DateTimeField(null=True, blank=True)
    response_status = models.PositiveSmallIntegerField(_("response code"), null=True, blank=True)
    response_excerpt = models.TextField(_("response"), blank=True)
    error = models.CharField(_("error"), max_length=500, blank=True)
    duration_ms = models.PositiveIntegerField(_("duration (ms)"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        constraints = [one_per("endpoint", "event_id", name="one_delivery_per_endpoint_message")]
        indexes = [
            # The delivery log: an endpoint's deliveries, newest first, by status.
            models.Index(fields=["endpoint", "-created_at"], name="webhook_log"),
            models.Index(fields=["endpoint", "status", "-created_at"], name="webhook_log_status"),
            # The deliveries due: open ones by their next attempt.
            models.Index(
                fields=["next_attempt_at"],
                condition=models.Q(status__in=OPEN_STATUSES),
                name="webhook_due",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.event_type} {self.event_id}"
