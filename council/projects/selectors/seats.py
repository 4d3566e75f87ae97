"""The seats of a pool (a shift, or an opportunity without shifts): read in one short
statement each, by the services under the pool's lock and by the pages."""

from __future__ import annotations

from typing import Any

from django.db import connections, router

from council.projects.models import (
    LIVE_STATUSES,
    Application,
    ApplicationStatus,
    Opportunity,
    Shift,
    Team,
)


def in_pool(
    opportunity: Opportunity, shift: Shift | None, alias: str = "a"
) -> tuple[str, list[Any]]:
    """SQL condition (on applications `a`, or teams under another `alias`) and parameters:
    the rows of the seat pool — the shift, or the opportunity without shifts."""
    if shift is not None:
        return f"{alias}.shift_id = %s", [shift.pk]
    return f"{alias}.opportunity_id = %s AND {alias}.shift_id IS NULL", [opportunity.pk]


def taken_sql(opportunity: Opportunity, shift: Shift | None) -> tuple[str, list[Any]]:
    """One scalar select: the seats of the pool taken — its confirmed applications (a team
    member's included) plus the seats live teams hold for members not yet named."""
    pool, params = in_pool(opportunity, shift)
    teams, team_params = in_pool(opportunity, shift, "t")
    live = ", ".join(["%s"] * len(LIVE_STATUSES))
    sql = (
        f"(SELECT COUNT(*) FROM {Application._meta.db_table} a "  # noqa: S608
        f"WHERE {pool} AND a.status = %s) + "
        f"(SELECT COALESCE(SUM(t.seats_held), 0) FROM {Team._meta.db_table} t "
        f"WHERE {teams} AND t.status IN ({live}))"
    )
    return sql, [*params, ApplicationStatus.CONFIRMED, *team_params, *LIVE_STATUSES]


def seats(opportunity: Opportunity, shift: Shift | None) -> tuple[int, int]:
    """(capacity, taken) of the seat pool; read inside the lock, in one short statement
    (an ORM count cost more to build than to run). A pool of another node (mirrored) counts
    the seats its owner node had taken as of the last sync (`remote_taken`), never the
    applications here: that node decides who gets them."""
    pool_row = shift if shift is not None else opportunity
    if pool_row.is_mirrored:
        return pool_row.capacity, pool_row.remote_taken or 0
    sql, params = taken_sql(opportunity, shift)
    with connections[router.db_for_write(Application)].cursor() as cursor:
        cursor.execute(f"SELECT {sql}", params)
        (confirmed,) = cursor.fetchone()
    return (shift.capacity if shift is not None else opportunity.capacity), int(confirmed)


def free_seats(*, opportunity: Opportunity, shift: Shift | None) -> int:
    capacity, confirmed = seats(opportunity, shift)
    return max(capacity - confirmed, 0)
