"""The one check that a translated text is given in at least one language."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError


def has_text(obj: object, name: str) -> bool:
    """Whether ``obj`` holds ``name`` in at least one of the site's languages."""
    return any(getattr(obj, f"{name}_{code}") for code in settings.LANGUAGE_CODES)


def require_text(obj: object, name: str, message: str) -> None:
    """Raise ``message`` on the Russian field when ``obj`` holds ``name`` in no language."""
    if not has_text(obj, name):
        raise ValidationError({f"{name}_ru": message})
