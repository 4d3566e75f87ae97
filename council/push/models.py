from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from council.push.validators import validate_auth, validate_endpoint, validate_p256dh


class PushSubscription(models.Model):
    """One browser on one device that agreed to receive the person's notifications: the push
    service's address for it and the keys its messages are encrypted to (RFC 8291)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.CASCADE,
        related_name="push_subscriptions",
        verbose_name=_("person"),
    )
    # The push service's address is the device's identity: one row each, whoever signed in
    # on it last.
    endpoint = models.CharField(
        _("push service address"), max_length=1000, unique=True, validators=[validate_endpoint]
    )
    p256dh = models.CharField(_("public key"), max_length=200, validators=[validate_p256dh])
    auth = models.CharField(_("authentication secret"), max_length=100, validators=[validate_auth])
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        ordering = ["user_id", "pk"]
        verbose_name = _("push subscription")
        verbose_name_plural = _("push subscriptions")

    def __str__(self) -> str:
        return self.service_host

    @property
    def service_host(self) -> str:
        """The push service's host (the device's browser maker), not the secret address."""
        return self.endpoint.split("/")[2] if "//" in self.endpoint else self.endpoint

    def subscription_info(self) -> dict[str, object]:
        """What pywebpush sends to: the address and the browser's keys."""
        return {"endpoint": self.endpoint, "keys": {"p256dh": self.p256dh, "auth": self.auth}}
