"""Every column that points at a person, found from the models themselves.

A merge must leave nothing pointing at the merged account, so it does not keep a list of the
models that name people (a list goes stale the day someone adds a model): it asks Django for
every foreign key and one-to-one field to the user model, the hidden ones (`related_name="+"`)
and the through tables of many-to-many fields included, and for the rows keyed by a person (the
volunteer profile, whose primary key is the user) the relations to those in turn.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.db import models
from django.db.models import Q


@dataclass(frozen=True)
class Relation:
    """One foreign key (or one-to-one field) `field` of `model`."""

    model: type[models.Model]
    field: models.ForeignKey[Any, Any]

    @property
    def label(self) -> str:
        """ "projects.application.volunteer": the key of the merge's handlers and counts."""
        return f"{self.model._meta.label_lower}.{self.field.name}"

    @property
    def rows(self) -> models.QuerySet[Any]:
        return self.model._base_manager.all()

    def of(self, pk: Any) -> models.QuerySet[Any]:
        """The rows that point at `pk`."""
        return self.rows.filter(**{self.field.attname: pk})

    @property
    def is_primary_key(self) -> bool:
        return bool(self.field.primary_key)

    @property
    def is_auto_through(self) -> bool:
        """The table Django made for a plain many-to-many field: pure links."""
        return bool(self.model._meta.auto_created)

    def unique_sets(self) -> list[tuple[list[str], Q | None]]:
        """The field sets (with their condition) that must stay unique and include this field:
        its own `unique`, unique_together and UniqueConstraints over fields."""
        name = self.field.name
        sets: list[tuple[list[str], Q | None]] = []
        if self.field.unique:
            sets.append(([name], None))
        for together in self.model._meta.unique_together:
            if name in together:
                sets.append((list(together), None))
        for constraint in self.model._meta.constraints:
            if isinstance(constraint, models.UniqueConstraint) and name in constraint.fields:
                sets.append((list(constraint.fields), constraint.condition))
        return sets


def relations_to(model: type[models.Model]) -> list[Relation]:
    """The foreign keys and one-to-one fields of every model that point at `model`, in a
    stable order (many-to-many fields through their tables' keys)."""
    found = []
    for rel in model._meta._get_fields(forward=False, reverse=True, include_hidden=True):
        if rel.many_to_many or not isinstance(rel.field, models.ForeignKey):
            continue
        if not rel.related_model._meta.managed:
            continue
        related: type[models.Model] = rel.related_model  # type: ignore[assignment]
        found.append(Relation(related, rel.field))
    return sorted(found, key=lambda relation: relation.label)


def relations_to_people() -> list[Relation]:
    """Every relation to the user model."""
    return relations_to(get_user_model())


def relations_to_rows_of_people() -> list[Relation]:
    """Relations to rows whose primary key is a person (their ids are people's ids too)."""
    keyed = [relation for relation in relations_to_people() if relation.is_primary_key]
    return [nested for relation in keyed for nested in relations_to(relation.model)]
