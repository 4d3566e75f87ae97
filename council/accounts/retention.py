"""Accounts nobody uses: an account nobody has signed in to for ACCOUNT_RETENTION_YEARS is
erased, as the person's own erasure does (`user_erase`: personal fields anonymised, the
aggregates and the audit trail kept), after a warning mailed ACCOUNT_RETENTION_WARNING_DAYS
before, in the person's language. Signing in again cancels it.

Not swept: staff, the secretariat, accounts already erased or inactive (merged away, a person
of another node: their home node decides), and any account warned less than the warning
period ago. `manage.py retention_sweep` runs it daily; each account in its own transaction,
re-checked under its lock."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone

from council.accounts.mail import mail_send
from council.accounts.models import User
from council.accounts.services import user_erase
from council.audit.services import record

TEMPLATE = "accounts/mail/retention_warning"


@dataclass
class Swept:
    warned: int = 0
    erased: int = 0
    kept: int = 0  # warned before, and signed in since


def _sweepable() -> QuerySet[User]:
    return User.objects.filter(
        is_active=True,
        erased_at__isnull=True,
        home_node="",
        is_staff=False,
        is_superuser=False,
        is_secretariat=False,
    )


def unused_since(cutoff: datetime) -> Q:
    """Nobody signed in since `cutoff` (never, and joined before it)."""
    return Q(last_login__lt=cutoff) | Q(last_login__isnull=True, date_joined__lt=cutoff)


def retention_cutoff(now: datetime) -> datetime:
    return now - timedelta(days=365 * settings.ACCOUNT_RETENTION_YEARS)


def retention_sweep(*, now: datetime | None = None) -> Swept:
    """Warn the accounts unused for the retention period, erase those warned a warning
    period ago and still unused, and forget the warning of those who came back."""
    swept = Swept()
    if settings.ACCOUNT_RETENTION_YEARS <= 0:
        return swept
    now = now or timezone.now()
    swept.kept = User.objects.filter(
        retention_warned_at__isnull=False, last_login__gt=F("retention_warned_at")
    ).update(retention_warned_at=None)
    erase_before = now - timedelta(days=settings.ACCOUNT_RETENTION_WARNING_DAYS)
    due = (
        _sweepable()
        .filter(retention_warned_at__lte=erase_before)
        .filter(unused_since(retention_cutoff(now)))
    )
    for pk in due.order_by("pk").values_list("pk", flat=True).iterator():
        with transaction.atomic():
            user = (
                due.select_for_update().filter(pk=pk).first()  # still due, under its lock
            )
            if user is None:
                continue
            warned_at = user.retention_warned_at
            user_erase(user=user)
            record(
                actor=None,
                action="user.erased_unused",
                target=user,
                data={"warned_at": warned_at.isoformat() if warned_at else None},
            )
            swept.erased += 1
    erase_on = (now + timedelta(days=settings.ACCOUNT_RETENTION_WARNING_DAYS)).date()
    warn = (
        _sweepable()
        .filter(retention_warned_at__isnull=True)
        .filter(unused_since(retention_cutoff(now)))
    )
    for pk in warn.order_by("pk").values_list("pk", flat=True).iterator():
        with transaction.atomic():
            user = warn.select_for_update().filter(pk=pk).first()
            if user is None:
                continue
            user.retention_warned_at = now
            user.save(update_fields=["retention_warned_at"])
            record(
                actor=None,
                action="user.retention_warned",
                target=user,
                data={"erase_on": erase_on.isoformat()},
            )
            mail_send(
                to=user.email,
                template=TEMPLATE,
                language=user.preferred_language,
                context={"person": user, "erase_on": erase_on.isoformat()},
            )
            swept.warned += 1
    return swept


def retention_sweep_job() -> int:
    """`manage.py retention_sweep`: how many accounts were warned or erased."""
    swept = retention_sweep()
    return swept.warned + swept.erased
