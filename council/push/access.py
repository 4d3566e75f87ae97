"""Who may act on a push subscription: its own person only (anyone else's is a 404)."""

from __future__ import annotations

from django.http import Http404

from council.accounts.models import User
from council.push.models import PushSubscription


def get_own_subscription(*, user: User, pk: int) -> PushSubscription:
    subscription = PushSubscription.objects.filter(pk=pk, user=user).first()
    if subscription is None:
        raise Http404
    return subscription
