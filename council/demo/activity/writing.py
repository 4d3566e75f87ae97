"""Writing the synthetic activity: profiles first, then projects chunk by chunk with
everything under them, in bulk through the sink."""

from __future__ import annotations

import time as clock
from array import array
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import connection

from council.accounts.models import ConsentPurpose, User
from council.demo.activity.generator import (
    ActivityGenerator,
)
from council.demo.activity.reference import (
    PROJECTS_PER_ORGANISATION,
    Reference,
)
from council.demo.activity.rows import (
    OrganisationInfo,
    SyntheticProject,
)
from council.demo.activity.tables import (
    ActivityTables,
    opportunity_row,
    project_row,
)
from council.demo.bulk import Sink
from council.demo.scale import (
    DOMAIN,
    VOLUNTEERS_PER_ORGANISATION,
    Generator,
    ScaleError,
    organisation_email,
)
from council.orgs.models import Organisation, OrganisationKind, OrganisationStatus
from council.projects.models import (
    Opportunity,
    Project,
    Shift,
)
from council.projects.search_backend import store_documents
from council.volunteers.models import VolunteerProfile

# --- Writing ---------------------------------------------------------------------------------


def _user_ids(volunteers: int) -> array[int]:
    """Primary keys of the scale volunteers, by index (0 where missing)."""
    ids = array("q", [0]) * (volunteers + 1)
    rows = User.objects.filter(email__startswith="v", email__endswith=f"@{DOMAIN}").values_list(
        "pk", "email"
    )
    for pk, email in rows.iterator(chunk_size=20_000):
        index = int(email[1:8])
        if index <= volunteers:
            ids[index] = pk
    return ids


@dataclass(frozen=True)
class _Run:
    """What every step of one `write_activity` writes with."""

    sink: Sink
    tables: ActivityTables
    generator: ActivityGenerator
    user_ids: array[int]
    volunteers: int
    chunk_size: int


def write_activity(
    sink: Sink,
    people: Generator,
    volunteers: int,
    *,
    chunk_size: int,
    progress: Callable[[str], None] | None = None,
) -> None:
    say = progress or (lambda line: None)
    reference = Reference.load()
    generator = ActivityGenerator(people, reference)
    started = clock.perf_counter()
    run = _Run(sink, ActivityTables(), generator, _user_ids(volunteers), volunteers, chunk_size)
    before = sum(sink.rows.values())
    _write_profiles(run)
    say(
        f"profiles: {sum(sink.rows.values()) - before:,} rows "
        f"in {clock.perf_counter() - started:.1f} s"
    )
    started = clock.perf_counter()
    before = sum(sink.rows.values())
    documents = _write_projects(run)
    say(
        f"projects, opportunities, shifts, applications: "
        f"{sum(sink.rows.values()) - before:,} rows in {clock.perf_counter() - started:.1f} s "
        f"({documents:,} opportunities indexed)"
    )


def _write_profiles(run: _Run) -> None:
    have = set(
        VolunteerProfile.objects.filter(user__email__endswith=f"@{DOMAIN}").values_list(
            "pk", flat=True
        )
    )
    batch: list[dict[str, Any]] = []
    for index in range(1, run.volunteers + 1):
        user_id = run.user_ids[index]
        if not user_id or user_id in have:
            continue
        profile = run.generator.profile(index, user_id)
        if profile is None:
            continue
        batch.append(profile)
        if len(batch) >= run.chunk_size:
            _flush_profiles(run, batch)
            batch = []
    if batch:
        _flush_profiles(run, batch)


def _flush_profiles(run: _Run, batch: list[dict[str, Any]]) -> None:
    sink, tables = run.sink, run.tables
    sink.write(tables.profile, (p["row"] for p in batch))
    sink.write(tables.profile_skills, ((p["row"][0], s) for p in batch for s in p["skills"]))
    sink.write(tables.profile_causes, ((p["row"][0], c) for p in batch for c in p["causes"]))
    sink.write(tables.profile_goals, ((p["row"][0], g) for p in batch for g in p["goals"]))
    sink.write(
        tables.language_skill,
        ((p["row"][0], code, level) for p in batch for code, level in p["languages"]),
    )
    guardians = [p for p in batch if p["guardian"]]
    if guardians:
        sink.write(
            tables.consent,
            (
                (
                    p["row"][0],
                    ConsentPurpose.GUARDIAN,
                    run.generator.guardian_version,
                    p["guardian"][0],
                    p["guardian"][1],
                )
                for p in guardians
            ),
        )


def _organisations(indices: range, reference: Reference) -> dict[int, OrganisationInfo]:
    emails = {organisation_email(i): i for i in indices}
    found = {}
    rows = Organisation.objects.filter(email__in=list(emails)).values(
        "pk",
        "email",
        "country_id",
        "city_id",
        "status",
        "created_at",
        "created_by_id",
        "name_ru",
        "name_kk",
        "name_en",
    )
    for row in rows:
        index = emails[row["email"]]
        city = reference.cities.get(row["city_id"])
        if city is None:
            raise ScaleError(f"Organisation {row['email']} has no city of Russia or Kazakhstan.")
        found[index] = OrganisationInfo(
            index=index,
            pk=row["pk"],
            country=row["country_id"],
            city=city,
            status=row["status"],
            created_at=row["created_at"],
            admin_id=row["created_by_id"],
            name=(row["name_ru"], row["name_kk"] or row["name_ru"], row["name_en"]),
        )
    if len(found) != len(emails):
        raise ScaleError("Some scale organisations are missing; they must be indices 1..N/50.")
    return found


def _write_projects(run: _Run) -> int:
    generator = run.generator
    total = (run.volunteers // VOLUNTEERS_PER_ORGANISATION) * PROJECTS_PER_ORGANISATION
    existing = Project.objects.filter(owner__email__endswith=f"@{DOMAIN}").count()
    if existing > total:
        return 0
    networks = dict(
        Organisation.objects.filter(
            kind=OrganisationKind.NATIONAL_NETWORK, status=OrganisationStatus.VERIFIED
        )
        .exclude(email__endswith=f"@{DOMAIN}")
        .order_by("-pk")
        .values_list("country_id", "pk")
    )
    per_chunk = max(run.chunk_size // 25, 2)
    documents = 0
    index = existing + 1
    while index <= total:
        last = min(index + per_chunk - 1, total)
        first_organisation = (index + 1) // PROJECTS_PER_ORGANISATION
        last_organisation = (last + 1) // PROJECTS_PER_ORGANISATION
        organisations = _organisations(
            range(first_organisation, last_organisation + 1), generator.reference
        )
        projects = [
            generator.project(j, organisations[(j + 1) // PROJECTS_PER_ORGANISATION], networks)
            for j in range(index, last + 1)
        ]
        documents += _write_project_chunk(run, projects)
        index = last + 1
    return documents


def _write_project_chunk(run: _Run, projects: list[SyntheticProject]) -> int:
    sink, tables, generator = run.sink, run.tables, run.generator
    for project, pk in zip(projects, sink.reserve_ids(Project, len(projects)), strict=True):
        project.pk = pk
    opportunities = [(p, o) for p in projects for o in p.opportunities]
    for (_project, opportunity), pk in zip(
        opportunities, sink.reserve_ids(Opportunity, len(opportunities)), strict=True
    ):
        opportunity.pk = pk
    shifts = [s for _p, o in opportunities for s in o.shifts]
    for shift, pk in zip(shifts, sink.reserve_ids(Shift, len(shifts)), strict=True):
        shift.pk = pk

    sink.write(tables.project, (project_row(p) for p in projects))
    sink.write(tables.project_partners, ((p.pk, o) for p in projects for o in p.partners))
    sink.write(tables.project_causes, ((p.pk, c) for p in projects for c in p.causes))
    sink.write(tables.project_targets, ((p.pk, t) for p in projects for t in p.targets))
    sink.write(
        tables.opportunity,
        (opportunity_row(p, o, generator.reference.target_goals) for p, o in opportunities),
    )
    sink.write(tables.opportunity_skills, ((o.pk, s) for _p, o in opportunities for s in o.skills))
    sink.write(
        tables.opportunity_language,
        ((o.pk, code, level) for _p, o in opportunities for code, level in o.languages),
    )
    sink.write(
        tables.shift,
        ((s.pk, o.pk, s.start, s.end, s.capacity) for _p, o in opportunities for s in o.shifts),
    )
    sink.write(
        tables.application,
        (
            row
            for p, o in opportunities
            for row in generator.applications(p, o, run.user_ids, run.volunteers)
        ),
    )
    store_documents(connection, [(o.pk, *generator.index_document(p, o)) for p, o in opportunities])
    return len(opportunities)
