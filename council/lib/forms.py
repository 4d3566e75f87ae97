from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError


def add_service_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's ValidationError on the form, each message under the field it names."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            target = field if field in form.fields else None
            for item in errors:
                form.add_error(target, item.messages)
    else:
        form.add_error(None, error.messages)


__all__ = ["NON_FIELD_ERRORS", "add_service_errors"]


def set_queryset(form: forms.BaseForm, name: str, queryset: Any) -> None:
    """Narrow the choices of a ModelChoiceField (typed access for the stubs)."""
    field = form.fields[name]
    assert isinstance(field, forms.ModelChoiceField)
    field.queryset = queryset


def flash_errors(request: Any, error: ValidationError) -> None:
    """Show a service's ValidationError as flash messages on the page redirected to."""
    from django.contrib import messages

    for message in error.messages:
        messages.error(request, message)
