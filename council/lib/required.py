"""The checks a service makes of what it was given: a text that must not be blank, a row that
must exist. Each refuses with a ValidationError on the field concerned."""

from __future__ import annotations

from typing import TypeVar

from django.core.exceptions import ValidationError
from django.db import models

M = TypeVar("M", bound=models.Model)


def require_text(value: str, field: str, message: str) -> str:
    """The text stripped; a blank one is refused on `field` with `message`."""
    text = value.strip()
    if not text:
        raise ValidationError({field: message})
    return text


def first_or_refuse(queryset: models.QuerySet[M], field: str, message: str) -> M:
    """The first row of `queryset`; none is refused on `field` with `message`."""
    found = queryset.first()
    if found is None:
        raise ValidationError({field: message})
    return found
