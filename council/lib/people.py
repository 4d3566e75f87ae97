"""A person as the lowest layers see one.

`lib`, `reference` and `audit` sit below the accounts app (import-linter's layers), so they
cannot name its User model. What they need of a person (the user model or an anonymous
visitor) is this small protocol; the apps above pass their `User` or `Viewer`.
"""

from __future__ import annotations

from typing import Any, Protocol, TypeVar

from django.db.models import Model, QuerySet


class Person(Protocol):
    @property
    def pk(self) -> Any: ...

    @property
    def is_authenticated(self) -> bool: ...


M = TypeVar("M", bound=Model)


def own_row(rows: QuerySet[M], person: Person, field: str = "person") -> M | None:
    """The person's row among `rows` (the first whose `field` is them); None for an
    anonymous visitor, who has none."""
    if not person.is_authenticated:
        return None
    return rows.filter(**{field: person}).first()
