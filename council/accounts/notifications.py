"""What a person hears about, and the one-click unsubscribe every notification mail carries.

Each mail template belongs to a kind (`mail_kind`); a person turns a kind off per channel
(`NotificationOptOut`), on their notifications page or with the one-click link of a mail
(RFC 8058: the `List-Unsubscribe` and `List-Unsubscribe-Post` headers). The choice is read
when the mail is sent, so a message queued before is not sent after. Mail about the account
itself and one-off invitations to someone who may have no account have no kind.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.urls import reverse

from council.accounts.models import (
    NotificationChannel,
    NotificationKind,
    NotificationOptOut,
    User,
)
from council.audit.services import record

UNSUBSCRIBE_SALT = "council.accounts.unsubscribe"

# Templates of a kind of their own; the rest of an app's mail is `PREFIX_KINDS`'.
TEMPLATE_KINDS = {
    "projects/mail/shift_reminder": NotificationKind.REMINDERS,
    "projects/mail/application_promoted": NotificationKind.WAITING_LIST,
    "projects/mail/team_promoted": NotificationKind.WAITING_LIST,
    "forums/mail/hold_offered": NotificationKind.WAITING_LIST,
    "forums/mail/hold_expiring": NotificationKind.WAITING_LIST,
    "messaging/mail/message": NotificationKind.MESSAGES,
}
# Invitations to an address that may have no account yet: nothing to unsubscribe from.
NO_KIND = {
    "projects/mail/team_invite",
    "projects/mail/handover_offer",
    "orgs/mail/invitation",
    "volunteers/mail/contact_invitation",
    "forums/mail/delegation_invitation",
}
PREFIX_KINDS = tuple(
    (f"{app}/mail/", NotificationKind.UPDATES)
    for app in (
        "projects",
        "hours",
        "forums",
        "exchanges",
        "deployments",
        "cooperation",
        "webhooks",
        "orgs",
        "federation",
    )
)


def mail_kind(template: str) -> str | None:
    """The kind of notification a mail template sends (None: the account's own mail)."""
    if template in NO_KIND:
        return None
    if template in TEMPLATE_KINDS:
        return TEMPLATE_KINDS[template]
    return next((kind for prefix, kind in PREFIX_KINDS if template.startswith(prefix)), None)


def is_turned_off(*, user: User, kind: str, channel: str) -> bool:
    return NotificationOptOut.objects.filter(user=user, kind=kind, channel=channel).exists()


def turned_off(*, user: User) -> set[tuple[str, str]]:
    return set(NotificationOptOut.objects.filter(user=user).values_list("kind", "channel"))


def unsubscribe_token(*, user: User, kind: str) -> str:
    return signing.dumps({"u": user.pk, "k": kind}, salt=UNSUBSCRIBE_SALT, compress=True)


def read_unsubscribe_token(token: str) -> tuple[User, str] | None:
    """The person and kind a link is for; None for a forged or unknown one."""
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or data.get("k") not in NotificationKind.values:
        return None
    if not isinstance(data.get("u"), int):
        return None
    user = User.objects.filter(pk=data["u"], is_active=True).first()
    return (user, data["k"]) if user is not None else None


def unsubscribe_url(*, user: User, kind: str) -> str:
    path = reverse("accounts:unsubscribe", args=[unsubscribe_token(user=user, kind=kind)])
    return f"{settings.SITE_URL}{path}"


def unsubscribe_headers(*, user: User, kind: str) -> dict[str, str]:
    """RFC 8058 one-click unsubscribe (RFC 2369 `List-Unsubscribe` with an HTTPS address)."""
    return {
        "List-Unsubscribe": f"<{unsubscribe_url(user=user, kind=kind)}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


@transaction.atomic
def notifications_set(
    *, user: User, off: Iterable[tuple[str, str]], actor: User | None = None, via: str = "page"
) -> set[tuple[str, str]]:
    """Turn off exactly the (kind, channel) pairs `off` and on all others; audited when
    anything changed. Returns the pairs now off."""
    wanted = {
        (kind, channel)
        for kind, channel in off
        if kind in NotificationKind.values and channel in NotificationChannel.values
    }
    before = turned_off(user=user)
    if wanted == before:
        return before
    NotificationOptOut.objects.filter(user=user).exclude(
        pk__in=[
            row.pk
            for row in NotificationOptOut.objects.filter(user=user)
            if (row.kind, row.channel) in wanted
        ]
    ).delete()
    NotificationOptOut.objects.bulk_create(
        [
            NotificationOptOut(user=user, kind=kind, channel=channel)
            for kind, channel in sorted(wanted - before)
        ],
        ignore_conflicts=True,
    )
    record(
        actor=actor or user,
        action="user.notifications_changed",
        target=user,
        data={"off": sorted(f"{kind}/{channel}" for kind, channel in wanted), "via": via},
    )
    return wanted


def notifications_unsubscribe(*, user: User, kind: str) -> None:
    """The one-click link: turn the kind off by mail (idempotent)."""
    off = turned_off(user=user)
    notifications_set(
        user=user, off={*off, (kind, NotificationChannel.EMAIL)}, via="unsubscribe link"
    )
