from __future__ import annotations

from django.db.models import QuerySet

from council.accounts.models import User
from council.api.models import ApiToken


def api_tokens_for_user(*, user: User) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user).order_by("-created_at", "-pk")
