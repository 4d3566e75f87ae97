"""The one shape of a POST action view: access → form → service → message → redirect.

A view fetches what it acts on through its app's access helpers (a foreign object is a 404),
then hands the rest here:

    @login_required
    @require_POST
    def cancel(request: AuthenticatedRequest, pk: int) -> HttpResponse:
        registration = access.get_own_registration(user=request.user, pk=pk)
        return post_action(
            request,
            lambda: services.registration_cancel(actor=request.user, registration=registration),
            success=_("Your registration is cancelled."),
            redirect_to=reverse("forums:detail", args=[registration.forum_id]),
        )

With a form, the service receives its cleaned data; the form's errors and the service's
ValidationError alike come back as messages headed by the field's label."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponseRedirect
from django.utils.functional import Promise

from council.lib.forms import flash_errors, valid_data

Result = TypeVar("Result")
Message = str | Promise | Callable[[Any], str | Promise] | None


def post_action(
    request: HttpRequest,
    action: Callable[..., Result],
    *,
    success: Message,
    redirect_to: str,
    form: forms.BaseForm | None = None,
    failure_to: str | None = None,
) -> HttpResponseRedirect:
    """Run `action` (with the form's cleaned data as its one argument when a form is given),
    flash `success` (a text, or a function of the action's result) or the errors, and
    redirect to `redirect_to` (`failure_to` after errors, when given)."""
    try:
        result = action(valid_data(form)) if form is not None else action()
    except ValidationError as error:
        flash_errors(request, error, form)
        return HttpResponseRedirect(failure_to or redirect_to)
    text = success(result) if callable(success) else success
    if text:
        messages.success(request, str(text))
    return HttpResponseRedirect(redirect_to)
