from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from council.accounts.http import AuthenticatedRequest
from council.api import services
from council.api.access import get_token_for_owner
from council.api.forms import ApiTokenForm
from council.api.selectors import api_tokens_for_user
from council.lib.views import action_view, saved


def _page(request: AuthenticatedRequest, form: ApiTokenForm, **context: object) -> HttpResponse:
    context.update(form=form, tokens=api_tokens_for_user(user=request.user))
    status = 400 if form.errors else 200
    return render(request, "api/tokens.html", context, status=status)


@login_required
def token_list(request: AuthenticatedRequest) -> HttpResponse:
    return _page(request, ApiTokenForm())


@never_cache
@login_required
@require_POST
def token_create(request: AuthenticatedRequest) -> HttpResponse:
    form = ApiTokenForm(request.POST)
    created = saved(form, lambda: services.api_token_create(user=request.user, **form.cleaned_data))
    if created is None:
        return _page(request, form)
    token, key = created
    # Rendered, not redirected: the key exists only in this response.
    return _page(request, ApiTokenForm(), created=token, key=key)


token_revoke = action_view(
    get_token_for_owner,
    services.api_token_revoke,
    "token",
    success=lambda token: _("The token “%(name)s” is revoked.") % {"name": token.name},
    redirect_to=lambda _token: reverse("tokens:list"),
)
