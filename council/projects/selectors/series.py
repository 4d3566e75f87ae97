"""Reads of series of shifts: what a volunteer may sign up for as a whole, and the API's view
of an opportunity's series."""

from __future__ import annotations

from django.db.models import Count, Max, Min, Q, QuerySet
from django.utils import timezone

from council.projects.models import Opportunity, ShiftSeries


def series_with_upcoming(*, opportunity: Opportunity) -> QuerySet[ShiftSeries]:
    """The opportunity's series that still have shifts to come, with their number
    (`upcoming`) and the first and last of them (`next_start`, `last_start`)."""
    upcoming = Q(shifts__start__gt=timezone.now())
    return (
        ShiftSeries.objects.filter(opportunity=opportunity)
        .annotate(
            upcoming=Count("shifts", filter=upcoming),
            next_start=Min("shifts__start", filter=upcoming),
            last_start=Max("shifts__start", filter=upcoming),
        )
        .filter(upcoming__gt=0)
        .order_by("next_start", "pk")
    )


def series_of(*, opportunity: Opportunity) -> QuerySet[ShiftSeries]:
    """The opportunity's series with their shifts, for the API."""
    return (
        ShiftSeries.objects.filter(opportunity=opportunity)
        .select_related("opportunity")
        .prefetch_related("shifts")
    )


def series_with_opportunity(*, pk: int) -> ShiftSeries:
    return ShiftSeries.objects.select_related("opportunity").get(pk=pk)
