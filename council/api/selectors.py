from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from council.api.models import ApiToken


def api_tokens_for_user(*, user: Any) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user).order_by("-created_at", "-pk")
