"""Export → import into an emptied database reproduces the totals, and the signatures
verify (issue 20: "a round trip ... reproduces the totals, and the signatures verify")."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Any

from django.db.models import Sum

from council.hours.models import (
    CheckIn,
    EntrySource,
    EntryStatus,
    HoursEntry,
    HoursFacetRollup,
    RollupKind,
)
from council.hours.services.rollups import rollups_rebuild
from council.interchange.models import HeldHours
from council.interchange.tests.conftest import export_bytes, import_bytes, jsonl
from council.orgs.models import Organisation
from council.projects.models import Application, Opportunity, Project, Shift


def totals() -> tuple[dict[str, Decimal], dict[int, Decimal]]:
    """Verified hours per organisation (by registration number or name) and per SDG goal,
    entries and held records together."""
    by_org: dict[str, Decimal] = defaultdict(Decimal)
    by_goal: dict[int, Decimal] = defaultdict(Decimal)
    for entry in HoursEntry.objects.filter(status=EntryStatus.VERIFIED).prefetch_related(
        "sdg_targets"
    ):
        organisation = entry.organisation
        by_org[organisation.registration_number or organisation.name_en] += entry.hours
        for goal in {target.goal_id for target in entry.sdg_targets.all()}:
            by_goal[goal] += entry.hours
    for held in HeldHours.objects.select_related("organisation"):
        organisation = held.organisation
        by_org[organisation.registration_number or organisation.name_en] += held.hours
        for goal in held.sdg_goals:
            by_goal[goal] += held.hours
    return dict(by_org), dict(by_goal)


def entry_totals_by_goal() -> dict[int, Decimal]:
    found: dict[int, Decimal] = defaultdict(Decimal)
    for entry in HoursEntry.objects.filter(status=EntryStatus.VERIFIED):
        for goal in {target.goal_id for target in entry.sdg_targets.all()}:
            found[goal] += entry.hours
    return dict(found)


def goal_rollups() -> dict[str, Decimal]:
    rows = HoursFacetRollup.objects.filter(kind=RollupKind.GOAL).values("key")
    return {row["key"]: row["hours"] for row in rows.annotate(hours=Sum("hours"))}


def empty_the_platform() -> None:
    CheckIn.objects.all().delete()
    HoursEntry.objects.all().delete()
    Application.objects.all().delete()
    Shift.objects.all().delete()
    Opportunity.objects.all().delete()
    Project.objects.all().delete()
    Organisation.objects.filter(parent__isnull=False).delete()
    Organisation.objects.all().delete()
    rollups_rebuild()


def test_named_round_trip_reproduces_the_totals(hours: Any) -> None:
    before = totals()
    rollups = goal_rollups()
    assert before == (
        {"123456789012": Decimal("10.50"), "987654321098": Decimal("5.25")},
        {3: Decimal("10.50"), 4: Decimal("5.25")},
    )
    data = export_bytes(personal_data=True, recipient_country="KZ")
    empty_the_platform()
    assert HoursEntry.objects.count() == 0

    report = import_bytes(data)

    assert report.ok, report.as_dict()
    assert report.written
    assert totals() == before
    # The reports' aggregates count the entries (the held hours wait for their person).
    assert goal_rollups() == {str(goal): hours for goal, hours in entry_totals_by_goal().items()}
    assert rollups == {"3": Decimal("10.50"), "4": Decimal("5.25")}
    imported = HoursEntry.objects.all()
    assert {entry.source for entry in imported} == {EntrySource.IMPORTED}
    assert all(entry.origin == "exchange:127.0.0.1" for entry in imported)
    # The person without consent, from abroad, travelled under a pseudonym: held.
    assert HeldHours.objects.count() == 2
    assert imported.count() == 3
    # The organisations came back pending verification, under the same network.
    assert set(Organisation.objects.values_list("status", flat=True)) == {"pending"}


def test_the_round_trip_is_stable_and_idempotent(hours: Any) -> None:
    first = export_bytes(personal_data=True, recipient_country="KZ")
    empty_the_platform()
    assert import_bytes(first).written
    counts = (HoursEntry.objects.count(), HeldHours.objects.count(), Organisation.objects.count())

    again = import_bytes(first)

    assert again.written, again.as_dict()
    assert again.counts["hours_created"] == 0
    assert again.counts["hours_updated"] == 3
    assert (
        HoursEntry.objects.count(),
        HeldHours.objects.count(),
        Organisation.objects.count(),
    ) == counts
    # Exported again, the hours keep the ids they were first issued with.
    ids = {r["id"] for r in jsonl(first) if r["type"] == "hours"}
    second = jsonl(export_bytes(personal_data=True, recipient_country="KZ"))
    assert {r["id"] for r in second if r["type"] == "hours"} <= ids
