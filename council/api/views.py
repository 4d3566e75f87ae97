from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from council.api import services
from council.api.forms import ApiTokenForm
from council.api.models import ApiToken
from council.api.selectors import api_tokens_for_user
from council.lib.forms import add_service_errors


def _get_token_for_owner(user: Any, pk: int) -> ApiToken:
    token = api_tokens_for_user(user=user).filter(pk=pk).first()
    if token is None:
        raise Http404
    return token


def _page(request: HttpRequest, form: ApiTokenForm, **context: Any) -> HttpResponse:
    context.update(form=form, tokens=api_tokens_for_user(user=request.user))
    status = 400 if form.errors else 200
    return render(request, "api/tokens.html", context, status=status)


@login_required
def token_list(request: HttpRequest) -> HttpResponse:
    return _page(request, ApiTokenForm())


@never_cache
@login_required
@require_POST
def token_create(request: HttpRequest) -> HttpResponse:
    form = ApiTokenForm(request.POST)
    if form.is_valid():
        try:
            token, key = services.api_token_create(user=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            # Rendered, not redirected: the key exists only in this response.
            return _page(request, ApiTokenForm(), created=token, key=key)
    return _page(request, form)


@login_required
@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = _get_token_for_owner(request.user, pk)
    services.api_token_revoke(actor=request.user, token=token)
    messages.success(request, _("The token “%(name)s” is revoked.") % {"name": token.name})
    return redirect("tokens:list")
