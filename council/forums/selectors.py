from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from council.forums.models import LIVE_REGISTRATION, Forum, ForumStatus, Registration


def forums_public() -> QuerySet[Forum]:
    return (
        Forum.objects.filter(status=ForumStatus.PUBLISHED)
        .select_related("host", "city", "city__country")
        .order_by("starts_on", "pk")
    )


def registration_of(*, user: Any, forum: Forum) -> Registration | None:
    if not user.is_authenticated:
        return None
    return (
        Registration.objects.filter(forum=forum, person_id=user.pk, status__in=LIVE_REGISTRATION)
        .select_related("quota")
        .first()
    )
