"""The one shape of the council's "new …" pages (a council, an agreement, a programme, a call
for an exchange, an assignment): the form, the service that records it, the service's errors
shown on the form (status 400), or a message and the new thing's page."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.functional import Promise

from council.lib.forms import add_service_errors


def form_page(
    request: HttpRequest,
    form: forms.BaseForm,
    *,
    save: Callable[[dict[str, Any]], Any],
    success: str | Promise,
    redirect_to: Callable[[Any], str],
    heading: str | Promise,
    context: dict[str, Any] | None = None,
) -> HttpResponse:
    """On a valid POST, `save` receives a copy of the cleaned data; its result goes to
    `redirect_to` (a URL)."""
    if request.method == "POST" and form.is_valid():
        try:
            created = save(dict(form.cleaned_data))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, str(success))
            return redirect(redirect_to(created))
    status = 400 if request.method == "POST" else 200
    page = {**(context or {}), "form": form, "heading": heading}
    return render(request, "cooperation/form_page.html", page, status=status)
