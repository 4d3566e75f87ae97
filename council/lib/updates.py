"""Saving the few fields a service changed on a row it holds."""

from __future__ import annotations

from django.db import models


def save_fields(instance: models.Model, **values: object) -> None:
    """Set `values` on `instance` and save just those columns."""
    for name, value in values.items():
        setattr(instance, name, value)
    instance.save(update_fields=list(values))
