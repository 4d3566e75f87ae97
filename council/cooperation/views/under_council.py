"""The "new …" page of what a council records (an agreement, a programme, a call for an
exchange), declared once."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.utils.functional import Promise

from council.accounts.http import AuthenticatedRequest
from council.cooperation import access
from council.lib.views import create_page


def council_create_page(
    form_class: Callable[..., forms.BaseForm],
    service: Callable[..., Any],
    *,
    lists: tuple[str, ...] = (),
    success: Promise,
    redirect_to: Callable[[Any], str],
    heading: Promise,
    **context: Any,
) -> Callable[..., HttpResponse]:
    """The council's keeper fills `form_class(council=…)`; `service` records it with the actor,
    the council and the cleaned data, the fields named in `lists` given as lists."""

    @login_required
    def view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
        council = access.get_council_for_keeper(user=request.user, pk=pk)

        def save(data: dict[str, Any]) -> Any:
            listed = {name: list(data.pop(name)) for name in lists}
            return service(actor=request.user, council=council, **listed, **data)

        return create_page(
            request,
            form_class(request.POST or None, council=council),
            save=save,
            success=success,
            redirect_to=redirect_to,
            heading=heading,
            context={"council": council, **context},
        )

    view.__name__ = view.__qualname__ = service.__name__
    return view
