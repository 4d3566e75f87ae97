"""The form-page shape of the organiser pages: `form.is_valid()` → service → the service's
errors on the form → the page again with status 400."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from council.lib.forms import add_service_errors

Result = TypeVar("Result")


def saved(form: forms.BaseForm, save: Callable[[], Result], *, valid: bool = True) -> Result | None:
    """What the service returned, or None when the form (or `valid`, for formsets beside it)
    or the service refused; the service's errors are put on the form."""
    if not (form.is_valid() and valid):
        return None
    try:
        return save()
    except ValidationError as error:
        add_service_errors(form, error)
        return None


def form_page(
    request: HttpRequest, template: str, context: Mapping[str, Any], *, failed: bool
) -> HttpResponse:
    """The page with its form, status 400 when the form shows errors."""
    return render(request, template, dict(context), status=400 if failed else 200)
