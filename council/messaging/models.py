"""A message written once by organisers to everyone on a shift, an opportunity, a forum
quota or a delegation, and its log: one row per recipient, in the language it goes out in."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.timezone import now
from django.utils.translation import gettext_lazy as _

from council.lib.text import MAX_TEXT, text_limit, validate_plain_text


class Audience(models.TextChoices):
    OPPORTUNITY = "opportunity", _("Everyone on an opportunity")
    SHIFT = "shift", _("Everyone on a shift")
    QUOTA = "quota", _("Everyone in a forum quota")
    DELEGATION = "delegation", _("A delegation")


class Message(models.Model):
    audience = models.CharField(_("to"), max_length=12, choices=Audience.choices)
    opportunity = models.ForeignKey(
        "projects.Opportunity", models.CASCADE, null=True, blank=True, related_name="+"
    )
    shift = models.ForeignKey(
        "projects.Shift", models.SET_NULL, null=True, blank=True, related_name="+"
    )
    quota = models.ForeignKey(
        "forums.Quota", models.CASCADE, null=True, blank=True, related_name="+"
    )
    delegation = models.ForeignKey(
        "forums.Delegation", models.CASCADE, null=True, blank=True, related_name="+"
    )
    include_waiting = models.BooleanField(_("also those on the waiting list"), default=False)
    subject = models.CharField(_("subject"), max_length=200, validators=[validate_plain_text])
    body = models.TextField(_("text"), max_length=MAX_TEXT, validators=[text_limit(MAX_TEXT)])
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+"
    )
    recipients = models.PositiveIntegerField(_("recipients"), default=0)
    sent_at = models.DateTimeField(_("sent at"), default=now)

    class Meta:
        ordering = ["-sent_at", "-pk"]
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        indexes = [
            models.Index(fields=["opportunity", "sent_at"]),
            models.Index(fields=["quota", "sent_at"]),
            models.Index(fields=["delegation", "sent_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(audience="opportunity", opportunity__isnull=False)
                    | Q(audience="shift", shift__isnull=False, opportunity__isnull=False)
                    | Q(audience="quota", quota__isnull=False)
                    | Q(audience="delegation", delegation__isnull=False)
                ),
                name="message_names_its_audience",
            )
        ]

    def __str__(self) -> str:
        return self.subject


class DeliveryStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    TURNED_OFF = "turned_off", _("Not sent: the person turned these messages off")
    NO_ADDRESS = "no_address", _("Not sent: no address here")


class Delivery(models.Model):
    message = models.ForeignKey(Message, models.CASCADE, related_name="deliveries")
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="+", db_index=False
    )
    language = models.CharField(_("language"), max_length=8)
    status = models.CharField(_("status"), max_length=12, choices=DeliveryStatus.choices)

    class Meta:
        ordering = ["message", "pk"]
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        indexes = [models.Index(fields=["recipient", "message"])]

    def __str__(self) -> str:
        return f"{self.message} → {self.recipient}"
