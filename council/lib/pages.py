"""The page of a form that a service saves, in one call: saved, a message and a redirect; else
the page again with the form's errors (status 400)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.functional import Promise

from council.lib.views import form_page, saved

Result = TypeVar("Result")


def saved_or_page(
    request: HttpRequest,
    form: forms.BaseForm,
    save: Callable[[], Result],
    success: str | Promise,
    *,
    redirect_to: Callable[[Result], str],
    template: str,
    failed: bool = False,
    valid: bool = True,
    **context: Any,
) -> HttpResponse:
    """A page with a form that a service saves: posted and saved (`saved`), the message and the
    redirect to `redirect_to(what the service returned)`; else the page with the form and the
    context, status 400 when the form (or, by `failed`, what stands beside it) shows errors."""
    if request.method == "POST":
        done = saved(form, save, valid=valid)
        if done is not None:
            messages.success(request, str(success))
            return HttpResponseRedirect(redirect_to(done))
    page = {**context, "form": form}
    return form_page(request, template, page, failed=failed or bool(form.errors))
