"""Writes for personal API tokens: create, revoke, and the sign-in check that notes last use."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from council.accounts.models import User
from council.api.models import ApiToken, TokenScope
from council.audit.records import create_audited, update_audited

KEY_MARK = "vc"  # keys read vc_<prefix>_<secret>
# Writing last_used_at on every request would turn each API read into a write.
LAST_USED_RESOLUTION = timedelta(minutes=1)


def api_token_hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def _split_key(key: str) -> tuple[str, str] | None:
    parts = key.split("_", 2)
    if len(parts) != 3 or parts[0] != KEY_MARK or not parts[1] or not parts[2]:
        return None
    return parts[1], parts[2]


@transaction.atomic
def api_token_create(*, user: User, name: str, scope: str) -> tuple[ApiToken, str]:
    """Create a token and return it with its secret key, which is never stored or shown again."""
    name = name.strip()
    errors: dict[str, str] = {}
    if not name:
        errors["name"] = _("This field is required.")
    if scope not in TokenScope.values:
        errors["scope"] = _(
            "Select a valid choice. %(value)s is not one of the available choices."
        ) % {"value": scope}
    if errors:
        raise ValidationError(errors)
    prefix = secrets.token_hex(4)
    key = f"{KEY_MARK}_{prefix}_{secrets.token_urlsafe(32)}"
    token = ApiToken(user=user, name=name, prefix=prefix, key_hash=api_token_hash(key), scope=scope)
    created = {"name": name, "scope": scope, "prefix": prefix}
    return create_audited(token, actor=user, action="api_token.created", data=created), key


@transaction.atomic
def api_token_revoke(*, actor: User, token: ApiToken) -> ApiToken:
    """Revoking is final and idempotent: a revoked token stays revoked, revoked once."""
    if token.user_id != actor.pk:
        raise PermissionDenied
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is not None:
        return token
    return update_audited(
        token,
        {"revoked_at": timezone.now()},
        actor=actor,
        action="api_token.revoked",
        data={"name": token.name, "prefix": token.prefix},
    )


def api_token_authenticate(*, key: str) -> ApiToken | None:
    """The live token for this key, or None. Notes the time of use, at most once a minute."""
    parts = _split_key(key.strip())
    if parts is None:
        return None
    prefix, _secret = parts
    # The lookup is by the hash of the whole key, so nothing about the secret leaks through
    # timing; the prefix is only compared for form.
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=api_token_hash(key.strip()), revoked_at__isnull=True)
        .first()
    )
    if token is None or not hmac.compare_digest(token.prefix, prefix):
        return None
    if not token.user.is_active:
        return None
    now = timezone.now()
    stale = now - LAST_USED_RESOLUTION
    if token.last_used_at is None or token.last_used_at < stale:
        ApiToken.objects.filter(pk=token.pk).filter(
            Q(last_used_at__isnull=True) | Q(last_used_at__lt=stale)
        ).update(last_used_at=now)
        token.last_used_at = now
    return token
