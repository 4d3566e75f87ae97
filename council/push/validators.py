"""What a browser's push subscription must look like (the Push API's PushSubscription)."""

from __future__ import annotations

import base64
import binascii

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def _b64url(value: str) -> bytes | None:
    try:
        return base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))
    except (binascii.Error, ValueError):
        return None


def validate_endpoint(value: str) -> None:
    # Push services answer on https:// only; anything else is not a browser's subscription.
    if (
        not value.startswith("https://")
        or len(value) <= len("https://")
        or any(character.isspace() for character in value)
    ):
        raise ValidationError(_("Enter the push service's https:// address."), code="endpoint")


def validate_p256dh(value: str) -> None:
    # The browser's P-256 public key: an uncompressed point, 65 bytes beginning with 4.
    raw = _b64url(value)
    if raw is None or len(raw) != 65 or raw[0] != 4:
        raise ValidationError(_("Enter the browser's public key (p256dh)."), code="p256dh")


def validate_auth(value: str) -> None:
    # The browser's authentication secret: 16 bytes.
    raw = _b64url(value)
    if raw is None or len(raw) != 16:
        raise ValidationError(_("Enter the browser's authentication secret (auth)."), code="auth")
