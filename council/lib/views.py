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
ValidationError alike come back as messages headed by the field's label.

Where the view is nothing but that shape on one object, `action_view` declares it in a line:

    registration_cancel = action_view(
        access.get_own_registration, services.registration_cancel, "registration",
        success=_("Your registration is cancelled."), redirect_to=to_forum,
    )"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.functional import Promise
from django.views.decorators.http import require_POST

from council.lib.forms import flash_errors, valid_data

Result = TypeVar("Result")
Target = TypeVar("Target")
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


def action_view(
    fetch: Callable[..., Target],
    service: Callable[..., Any],
    target: str,
    *,
    success: Message,
    redirect_to: Callable[[Target], str],
    form: Callable[..., forms.BaseForm] | None = None,
    form_takes_target: bool = False,
    actor: str = "actor",
    failure_to: Callable[[Target], str] | None = None,
) -> Callable[..., HttpResponse]:
    """A signed-in POST view on one object: `fetch(user=…, pk=…)` (an access helper) finds it,
    then `service(<actor>=the user, <target>=the object, **the form's cleaned data)` acts on it
    through `post_action`. `form` is called with the POST data (and `<target>=the object` with
    `form_takes_target`)."""

    @login_required
    @require_POST
    def view(request: HttpRequest, pk: int) -> HttpResponse:
        found = fetch(user=request.user, pk=pk)
        bound = None
        if form is not None:
            extra = {target: found} if form_takes_target else {}
            bound = form(request.POST, **extra)

        def act(data: dict[str, Any] | None = None) -> Any:
            return service(**{actor: request.user, target: found}, **(data or {}))

        return post_action(
            request,
            act,
            success=success,
            redirect_to=redirect_to(found),
            form=bound,
            failure_to=None if failure_to is None else failure_to(found),
        )

    view.__name__ = view.__qualname__ = getattr(service, "__name__", "action")
    return view
