"""Access helpers of the API tokens: a person sees and revokes only their own."""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from council.accounts.models import User
from council.api.models import ApiToken
from council.api.selectors import api_tokens_for_user


def get_token_for_owner(*, user: User, pk: int) -> ApiToken:
    token: ApiToken = get_object_or_404(api_tokens_for_user(user=user), pk=pk)
    return token
