"""Setting the fields a service was given on a model instance, and noting which changed."""

from __future__ import annotations

from collections.abc import Collection, Mapping

from django.db import models


def _check_allowed(
    instance: models.Model, values: Mapping[str, object], allowed: Collection[str]
) -> None:
    unknown = [name for name in values if name not in allowed]
    if unknown:
        raise ValueError(f"not a field of {instance._meta.label}: {', '.join(unknown)}")


def assign(instance: models.Model, values: Mapping[str, object], allowed: Collection[str]) -> None:
    """Set each of `values` on a new instance (whose relations may not be set yet). A name
    outside `allowed` is a programming error (ValueError)."""
    _check_allowed(instance, values, allowed)
    for name, value in values.items():
        setattr(instance, name, value)


def assign_changed(
    instance: models.Model, values: Mapping[str, object], allowed: Collection[str]
) -> list[str]:
    """Set each of `values` on `instance` and return the names whose value changed, in the
    order given. A name outside `allowed` is a programming error (ValueError)."""
    _check_allowed(instance, values, allowed)
    changed = []
    for name, value in values.items():
        if getattr(instance, name) != value:
            setattr(instance, name, value)
            changed.append(name)
    return changed
