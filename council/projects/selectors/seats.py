"""The seats of a pool (a shift, or an opportunity without shifts): read in one short
statement each, by the services under the pool's lock and by the pages."""

from __future__ import annotations

from typing import Any

from django.db import connections, router

from council.projects.models import Application, ApplicationStatus, Opportunity, Shift


def in_pool(opportunity: Opportunity, shift: Shift | None) -> tuple[str, list[Any]]:
    """SQL condition (on applications `a`) and parameters: the applications of the seat
    pool — the shift, or the opportunity without shifts."""
    if shift is not None:
        return "a.shift_id = %s", [shift.pk]
    return "a.opportunity_id = %s AND a.shift_id IS NULL", [opportunity.pk]


def seats(opportunity: Opportunity, shift: Shift | None) -> tuple[int, int]:
    """(capacity, confirmed) of the seat pool; read inside the lock, in one short statement
    (an ORM count cost more to build than to run). A pool of another node (mirrored) counts
    the seats its owner node had taken as of the last sync (`remote_taken`), never the
    applications here: that node decides who gets them."""
    pool_row = shift if shift is not None else opportunity
    if pool_row.is_mirrored:
        return pool_row.capacity, pool_row.remote_taken or 0
    pool, params = in_pool(opportunity, shift)
    with connections[router.db_for_write(Application)].cursor() as cursor:
        cursor.execute(
            f"SELECT COUNT(*) FROM {Application._meta.db_table} a "  # noqa: S608
            f"WHERE {pool} AND a.status = %s",
            [*params, ApplicationStatus.CONFIRMED],
        )
        (confirmed,) = cursor.fetchone()
    return (shift.capacity if shift is not None else opportunity.capacity), confirmed


def free_seats(*, opportunity: Opportunity, shift: Shift | None) -> int:
    capacity, confirmed = seats(opportunity, shift)
    return max(capacity - confirmed, 0)
