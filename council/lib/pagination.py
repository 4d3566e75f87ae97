"""Pagination for result lists too long to count exactly on every page view."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.utils.functional import cached_property


class CappedPaginator(Paginator):
    """Counts at most `cap` + 1 rows, without their ordering: "more than 500 found" costs a
    fraction of an exact count over a broad search. Pages beyond the cap are not offered."""

    cap = 500

    @cached_property
    def count(self) -> int:  # type: ignore[override]
        rows: Any = self.object_list  # a QuerySet: counted without its ordering
        return int(rows.order_by()[: self.cap + 1].count())

    @property
    def is_capped(self) -> bool:
        return self.count > self.cap
