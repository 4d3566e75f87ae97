from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from council.lib.memo import memo


def add_service_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's ValidationError on the form, each message under the field it names."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            target = field if field in form.fields else None
            for item in errors:
                form.add_error(target, item.messages)
    else:
        form.add_error(None, error.messages)


class ReferenceChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    """A ModelChoiceField over reference data: the chosen row is looked up among the rows of
    the queryset kept in `council.lib.memo`, not with a query per form."""

    def to_python(self, value: Any) -> Any:
        if value in self.empty_values:
            return None
        key_field = self.to_field_name or "pk"
        if isinstance(value, self.queryset.model):
            value = getattr(value, key_field)
        queryset = self.queryset
        rows = memo(
            ("reference rows", str(queryset.query), key_field),
            lambda: {str(getattr(row, key_field)): row for row in queryset},
        )
        row = rows.get(str(value))
        if row is None:
            raise ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": value},
            )
        return row


__all__ = ["NON_FIELD_ERRORS", "ReferenceChoiceField", "add_service_errors"]


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
