"""Reads of hours: the verification queue, a volunteer's entries, and the record book."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch, QuerySet, Sum

from council.hours.models import Certificate, EntryStatus, HoursEntry
from council.projects.models import Project
from council.reference.models import SdgTarget


def entries_for_verifier(
    *, organisation_id: int, status: str | None = None, project_id: int | None = None
) -> QuerySet[HoursEntry]:
    entries = HoursEntry.objects.filter(organisation_id=organisation_id).select_related(
        "volunteer", "project", "opportunity"
    )
    if status:
        entries = entries.filter(status=status)
    if project_id:
        entries = entries.filter(project_id=project_id)
    return entries.order_by("-date", "-pk")


def entries_for_volunteer(*, user: Any) -> QuerySet[HoursEntry]:
    return (
        HoursEntry.objects.filter(volunteer_id=user.pk)
        .select_related("project", "opportunity", "organisation")
        .order_by("-date", "-pk")
    )


def certificates_for_volunteer(*, user: Any) -> QuerySet[Certificate]:
    return (
        Certificate.objects.filter(volunteer_id=user.pk)
        .select_related("organisation", "project")
        .order_by("-issued_at", "-pk")
    )


def verified_hours(
    *,
    volunteer_id: int,
    organisation_id: int | None = None,
    project_id: int | None = None,
    since: date | None = None,
    until: date | None = None,
) -> Decimal:
    """Verified hours of volunteer work (not during paid work time)."""
    entries = HoursEntry.objects.filter(
        volunteer_id=volunteer_id, status=EntryStatus.VERIFIED, during_paid_work=False
    )
    if organisation_id is not None:
        entries = entries.filter(organisation_id=organisation_id)
    if project_id is not None:
        entries = entries.filter(project_id=project_id)
    if since is not None:
        entries = entries.filter(date__gte=since)
    if until is not None:
        entries = entries.filter(date__lte=until)
    total = entries.aggregate(total=Sum("hours"))["total"]
    return total or Decimal("0")


@dataclass
class RecordBook:
    entries: list[HoursEntry]
    total: Decimal = Decimal("0")
    # Hours during paid work time are shown but kept out of the volunteer-work totals.
    paid_work_time: Decimal = Decimal("0")
    by_year: dict[int, Decimal] = field(default_factory=dict)
    by_cause: dict[str, Decimal] = field(default_factory=dict)
    by_goal: dict[int, Decimal] = field(default_factory=dict)
    values: dict[str, Decimal] = field(default_factory=dict)


def record_book_for(*, user: Any) -> RecordBook:
    """Every verified entry of the person with totals per year, cause and SDG goal; three
    queries whatever the number of entries."""
    entries = list(
        HoursEntry.objects.filter(volunteer_id=user.pk, status=EntryStatus.VERIFIED)
        .select_related("organisation", "organisation__country", "project", "opportunity")
        .prefetch_related(
            Prefetch(
                "sdg_targets", queryset=SdgTarget.objects.select_related("goal").order_by("code")
            ),
            Prefetch("project", queryset=Project.objects.prefetch_related("causes")),
        )
        .order_by("date", "pk")
    )
    book = RecordBook(entries=entries)
    by_year: dict[int, Decimal] = defaultdict(Decimal)
    by_cause: dict[str, Decimal] = defaultdict(Decimal)
    by_goal: dict[int, Decimal] = defaultdict(Decimal)
    values: dict[str, Decimal] = defaultdict(Decimal)
    for entry in entries:
        if entry.during_paid_work:
            book.paid_work_time += entry.hours
            continue
        book.total += entry.hours
        by_year[entry.date.year] += entry.hours
        for cause in entry.project.causes.all():
            by_cause[str(cause.name)] += entry.hours
        for goal in sorted({target.goal.number for target in entry.sdg_targets.all()}):
            by_goal[goal] += entry.hours
        if entry.value is not None:
            values[entry.currency] += entry.value
    book.by_year = dict(sorted(by_year.items()))
    book.by_cause = dict(sorted(by_cause.items(), key=lambda item: (-item[1], item[0])))
    book.by_goal = dict(sorted(by_goal.items()))
    book.values = dict(sorted(values.items()))
    return book
