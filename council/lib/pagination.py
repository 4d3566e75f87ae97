"""Pagination for result lists too long to count exactly on every page view."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, Window
from django.utils.functional import cached_property

# No list is this long: a page number asking for rows past it is past the end (and would
# overflow the databases' OFFSET, a 64-bit integer, long before the page number overflows).
MAX_ROWS = 10**9


class CappedPaginator(Paginator):
    """Counts at most `cap` + 1 rows, without their ordering: "more than 500 found" costs a
    fraction of an exact count over a broad search. Pages beyond the cap are not offered.

    With `load`, one query reads the keys of the first `cap` + 1 rows in order (an index can
    give them without touching the table): their number is the count, and a page takes its
    slice of them; `load(keys)` then fetches the page's rows."""

    cap = 500

    def __init__(
        self,
        object_list: Any,
        per_page: int,
        *,
        load: Callable[[list[Any]], Sequence[Any]] | None = None,
    ) -> None:
        super().__init__(object_list, per_page)
        self.load = load

    @cached_property
    def keys(self) -> list[Any]:
        rows: Any = self.object_list  # a QuerySet
        return list(rows.values_list("pk", flat=True)[: self.cap + 1])

    @cached_property
    def count(self) -> int:  # type: ignore[override]
        if self.load is not None:
            return len(self.keys)
        rows: Any = self.object_list  # a QuerySet: counted without its ordering
        return int(rows.order_by()[: self.cap + 1].count())

    def page(self, number: Any) -> Page:
        if self.load is None:
            return super().page(number)
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        return Page(self.load(self.keys[bottom : bottom + self.per_page]), number, self)

    @property
    def is_capped(self) -> bool:
        return self.count > self.cap


class CountedPaginator(Paginator):
    """For searches that read every match anyway (to rank them): one query returns the keys
    of the page and the exact total (`COUNT(*) OVER ()` over the keys only), then `load`
    fetches the page's rows by key. Two light queries instead of the search twice."""

    def __init__(
        self, object_list: Any, per_page: int, *, load: Callable[[list[Any]], Sequence[Any]]
    ) -> None:
        super().__init__(object_list, per_page)
        self.load = load
        self.rows: Any = object_list  # a QuerySet

    def _keys(self, number: int) -> tuple[list[Any], int]:
        bottom = (number - 1) * self.per_page
        rows = list(
            self.rows.annotate(found_total=Window(Count("pk"))).values_list("pk", "found_total")[
                bottom : bottom + self.per_page
            ]
        )
        return [row[0] for row in rows], (rows[0][1] if rows else 0)

    def get_page(self, number: Any) -> Page:
        try:
            wanted = max(int(number), 1)
        except (TypeError, ValueError):
            wanted = 1
        wanted = min(wanted, MAX_ROWS // self.per_page + 1)
        keys, total = self._keys(wanted)
        if not keys and wanted > 1:  # past the end: the last page, as Paginator.get_page
            self.__dict__["count"] = self.rows.order_by().count()
            wanted = self.num_pages
            keys, total = self._keys(wanted)
        self.__dict__["count"] = total
        return Page(self.load(keys), wanted, self)
