"""The council's page of member countries side by side (council.federation.side_by_side)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from council.accounts.http import AuthenticatedRequest
from council.federation import side_by_side
from council.federation.aggregates import ALL_TIME, YEAR
from council.lib.replica import replica_reads
from council.reports.access import require_council_reports
from council.reports.selectors.suppression import MIN_CELL


@login_required
@replica_reads
def council_side_by_side(request: AuthenticatedRequest) -> HttpResponse:
    """Who sees the council's dashboard sees this page (council.reports.access)."""
    require_council_reports(user=request.user)
    today = timezone.localdate()
    columns = side_by_side.columns()
    return render(
        request,
        "federation/council.html",
        {
            "columns": columns,
            "year": today.year,
            "sections": [
                ("year", side_by_side.period_rows(columns, YEAR, on=today)),
                ("all_time", side_by_side.period_rows(columns, ALL_TIME, on=today)),
                ("catalogue", side_by_side.catalogue_rows(columns)),
            ],
            "goal_rows": side_by_side.goal_rows(columns, YEAR),
            "regions": list(zip(columns, side_by_side.region_lists(columns, YEAR), strict=True)),
            "charts": side_by_side.charts(columns, YEAR),
            "currency": settings.REPORT_CURRENCY,
            "min_cell": MIN_CELL,
            "stale_after_hours": int(side_by_side.STALE_AFTER.total_seconds() // 3600),
        },
    )
