"""Reads of the deployments: the assignments open for candidates, a person's place in the pool,
the longlist's decided candidacies."""

from __future__ import annotations

from django.db.models import QuerySet

from council.deployments.models import Assignment, AssignmentStatus


def open_assignments() -> QuerySet[Assignment]:
    """The assignments open for candidates, soonest first."""
    return Assignment.objects.filter(status=AssignmentStatus.OPEN).order_by("starts_on", "pk")


def open_assignments_with_terms() -> QuerySet[Assignment]:
    """The open assignments with their host, skills and languages (for the API)."""
    return open_assignments().select_related("host").prefetch_related("skills", "languages")
