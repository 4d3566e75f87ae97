"""Shapes the models share, each written once: the "from before to" and "one per"
constraints, the one-item-per-line text fields, and the abstract bases of the rows shown by
their name or title."""

from __future__ import annotations

import operator
from collections.abc import Sequence
from functools import reduce
from typing import ClassVar

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from council.lib.text import MAX_TEXT, text_limit, validate_plain_text


def lines_of(text: str) -> list[str]:
    """The non-blank lines of a one-item-per-line field, trimmed."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def in_order(
    first: str, last: str, *, name: str, strict: bool = False, unless_empty: Sequence[str] = ()
) -> models.CheckConstraint:
    """`first` comes no later than `last` (before it when `strict`); a row where one of the
    fields `unless_empty` names is empty passes (in that order in the condition)."""
    lookup = "lt" if strict else "lte"
    condition = Q(**{f"{first}__{lookup}": F(last)})
    if unless_empty:
        empty = [Q(**{f"{field}__isnull": True}) for field in unless_empty]
        condition = reduce(operator.or_, [*empty, condition])
    return models.CheckConstraint(condition=condition, name=name)


def one_per(*fields: str, name: str, condition: Q | None = None) -> models.UniqueConstraint:
    """At most one row for each combination of `fields` (among the rows `condition` picks)."""
    return models.UniqueConstraint(fields=list(fields), condition=condition, name=name)


class Named(models.Model):
    """A row that shows itself by one of its fields: its name, unless `shown_by` names
    another."""

    shown_by: ClassVar[str] = "name"

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return str(getattr(self, self.shown_by))


class Titled(Named):
    """A row that shows itself by its title."""

    shown_by = "title"

    class Meta:
        abstract = True


class Described(Titled):
    """A row with a title and a free-text description."""

    title = models.CharField(_("title"), max_length=200, validators=[validate_plain_text])
    description = models.TextField(
        _("description"), blank=True, max_length=MAX_TEXT, validators=[text_limit(MAX_TEXT)]
    )

    class Meta:
        abstract = True


class Mirrored(models.Model):
    """A public catalogue row that may be a read-only copy of another national node's row
    (council.federation). On a local row `origin_node` is empty; on a mirrored one it names
    the owner node, `origin_key` is the row's id there, and `origin_synced_at` is when the
    copy was last confirmed by the owner's change feed ("as of"). Mirrored rows are never
    edited here: the editor access helpers refuse them, and only the federation's feed
    applier writes them."""

    origin_node = models.CharField(
        _("home node"), max_length=40, blank=True, default="", editable=False
    )
    origin_key = models.CharField(max_length=64, blank=True, default="", editable=False)
    origin_synced_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        abstract = True

    @property
    def is_mirrored(self) -> bool:
        return bool(self.origin_node)


def one_mirror_per_origin(model: str) -> models.UniqueConstraint:
    """At most one local copy of each row of another node."""
    return models.UniqueConstraint(
        fields=["origin_node", "origin_key"],
        condition=~Q(origin_node=""),
        name=f"{model}_one_copy_per_origin",
    )
