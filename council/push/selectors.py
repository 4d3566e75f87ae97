from __future__ import annotations

from django.db.models import QuerySet

from council.accounts.models import User
from council.push.models import PushSubscription


def subscriptions_of(*, user: User) -> QuerySet[PushSubscription]:
    """The person's devices that receive notifications, oldest first."""
    return PushSubscription.objects.filter(user=user).order_by("created_at", "pk")
