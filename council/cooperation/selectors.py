"""Reads of the council's work: the council's page with its countries side by side."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet
from django.utils import timezone

from council.cooperation.models import (
    OPEN_COMMITMENT,
    Agreement,
    AgreementStatus,
    Commitment,
    CommitmentStatus,
    Council,
    CouncilRoleKind,
    Decision,
    Meeting,
    Programme,
)
from council.forums.models import Delegation, Forum, ForumStatus, MemberStatus
from council.orgs.models import Organisation
from council.projects.models import Project, ProjectStatus
from council.reference.models import Country

# How many projects each country's column lists (the count covers all of them).
PROJECTS_LISTED = 6


@dataclass
class CountryColumn:
    country: Country
    organisations: list[Any] = field(default_factory=list)
    project_count: int = 0
    projects: list[Project] = field(default_factory=list)
    forums: list[Forum] = field(default_factory=list)
    delegations: list[Any] = field(default_factory=list)
    commitments: dict[str, int] = field(default_factory=dict)


def joint_projects() -> Any:
    """Projects with a partner organisation from another country than the owner's."""
    through = Project.partners.through
    return Project.objects.filter(
        Exists(
            through.objects.filter(project_id=OuterRef("pk")).exclude(
                organisation__country_id=OuterRef("owner__country_id")
            )
        )
    )


def council_overview(*, council: Council) -> dict[str, Any]:
    """The council's member organisations, projects, forums and delegations by country, its
    joint projects, agreements and programmes, in a number of queries that grows with the
    council's countries only."""
    members = list(
        council.members.select_related("organisation", "organisation__country").order_by(
            "organisation__country_id", "organisation__name"
        )
    )
    columns: dict[str, CountryColumn] = {}
    for member in members:
        country = member.organisation.country
        columns.setdefault(country.pk, CountryColumn(country)).organisations.append(
            member.organisation
        )
    organisation_ids = [member.organisation_id for member in members]
    published = Project.objects.filter(status=ProjectStatus.PUBLISHED)
    # No ordering: modeltranslation's querysets order by the model's Meta.ordering
    # explicitly, and an ordered column would split the groups (one count per project).
    counts = dict(
        published.filter(owner_id__in=organisation_ids)
        .order_by()
        .values_list("owner__country_id")
        .annotate(count=Count("pk"))
        .values_list("owner__country_id", "count")
    )
    for code, column in columns.items():
        column.project_count = counts.get(code, 0)
        column.projects = list(
            published.filter(owner_id__in=organisation_ids, owner__country_id=code)
            .select_related("owner")
            .order_by("-is_flagship", "-start_date", "pk")[:PROJECTS_LISTED]
        )
    today = timezone.localdate()
    for forum in (
        Forum.objects.filter(
            status=ForumStatus.PUBLISHED,
            ends_on__gte=today,
            city__country_id__in=list(columns),
        )
        .select_related("city", "host")
        .order_by("starts_on", "pk")
    ):
        columns[forum.city.country_id].forums.append(forum)
    for delegation in (
        Delegation.objects.filter(organisation_id__in=organisation_ids, forum__ends_on__gte=today)
        .select_related("forum", "organisation")
        .annotate(
            confirmed=Count("members", filter=Q(members__status=MemberStatus.CONFIRMED)),
        )
        .order_by("forum__starts_on", "pk")
    ):
        columns[delegation.organisation.country_id].delegations.append(delegation)
    for row in commitment_counts(council=council, today=today):
        if row["owners__country_id"] in columns:
            columns[row["owners__country_id"]].commitments = row
    joint = (
        joint_projects()
        .filter(status=ProjectStatus.PUBLISHED)
        .filter(Q(owner_id__in=organisation_ids) | Q(partners__in=organisation_ids))
        .distinct()
        .select_related("owner")
        .order_by("-is_flagship", "-start_date", "pk")
    )
    return {
        "columns": list(columns.values()),
        "joint_projects": list(joint[: PROJECTS_LISTED * 2]),
        "co_chairs": list(
            council.roles.filter(role=CouncilRoleKind.CO_CHAIR)
            .select_related("user", "organisation")
            .order_by("pk")
        ),
        "agreements": list(
            Agreement.objects.filter(council=council)
            .exclude(status=AgreementStatus.DRAFT)
            .prefetch_related("parties")
            .order_by("-signed_on", "pk")
        ),
        "programmes": list(council.programmes.order_by("pk")),
    }


def commitment_counts(*, council: Council, today: date) -> list[dict[str, Any]]:
    """Per owner country: the council's commitments, how many are done and how many late
    (figures only, for everyone; the commitments themselves are for those who may read them)."""
    return list(
        Commitment.objects.filter(council=council)
        .values("owners__country_id")
        .annotate(
            total=Count("pk", distinct=True),
            done=Count("pk", filter=Q(status=CommitmentStatus.DONE), distinct=True),
            late=Count("pk", filter=Q(status__in=OPEN_COMMITMENT, due_on__lt=today), distinct=True),
        )
        .order_by("owners__country_id")
    )


def plan_rows(*, commitments: Any, today: date, late_only: bool = False) -> list[Commitment]:
    """The plan's commitments with their owners and sources, each marked `late`, in due
    order (undated last)."""
    if late_only:
        commitments = commitments.filter(status__in=OPEN_COMMITMENT, due_on__lt=today)
    rows = list(
        commitments.select_related("agreement", "decision__meeting")
        .prefetch_related("owners")
        .order_by(F("due_on").asc(nulls_last=True), "pk")
    )
    for row in rows:
        row.late = row.is_late_on(today)
    return rows


def council_list() -> QuerySet[Council]:
    """Every council with its member organisations and their countries."""
    return Council.objects.prefetch_related("members__organisation__country").order_by("pk")


def agreement_page(*, agreement: Agreement, with_documents: bool) -> dict[str, Any]:
    """What the agreement's page lists: parties, signatories, extensions, programmes, and the
    signed copies for those who may read them (None otherwise)."""
    return {
        "parties": agreement.parties.select_related("country").order_by("country_id", "name"),
        "signatories": agreement.signatories.select_related("organisation"),
        "extensions": agreement.extensions.order_by("created_at", "pk"),
        "documents": (
            agreement.documents.order_by("uploaded_at", "pk") if with_documents else None
        ),
        "programmes": agreement.programmes.order_by("pk"),
    }


def programme_page(*, programme: Programme) -> dict[str, Any]:
    """What the programme's page lists: its calls for exchanges and assignments once open,
    its countries, organisations and projects."""
    return {
        "exchanges": programme.exchanges.exclude(status="draft").order_by("-starts_on", "pk"),
        "assignments": programme.assignments.exclude(status="draft").order_by("-starts_on", "pk"),
        "countries": programme.countries.order_by("code"),
        "organisations": programme.organisations.select_related("country").order_by(
            "country_id", "name"
        ),
        "projects": programme.projects.select_related("owner").order_by(
            "-is_flagship", "-start_date", "pk"
        ),
    }


def council_meetings(*, council: Council) -> QuerySet[Meeting]:
    return council.meetings.order_by("-held_on", "pk")


def commitment_page(*, commitment: Commitment) -> dict[str, Any]:
    """What a commitment's page lists: its owners, progress notes and what fulfils it."""
    return {
        "owners": commitment.owners.order_by("country_id", "name"),
        "notes": commitment.notes.select_related("author").order_by("created_at", "pk"),
        "projects": commitment.projects.order_by("pk"),
        "forums": commitment.forums.order_by("pk"),
        "assignments": commitment.assignments.order_by("pk"),
    }


def meeting_decisions(*, meeting: Meeting) -> QuerySet[Decision]:
    return meeting.decisions.prefetch_related("action_items__owners").order_by("pk")


def councils() -> QuerySet[Council]:
    return Council.objects.order_by("pk")


def member_organisations(*, council: Council) -> list[Organisation]:
    """The council's member organisations in the order they joined."""
    return [
        member.organisation
        for member in council.members.select_related("organisation").order_by("pk")
    ]


def council_agreements(*, council: Council, with_drafts: bool) -> QuerySet[Agreement]:
    """The council's agreements, the latest signed first; drafts only when asked."""
    agreements = council.agreements.order_by("-signed_on", "pk")
    return agreements if with_drafts else agreements.exclude(status=AgreementStatus.DRAFT)


def agreement_record(*, agreement: Agreement) -> dict[str, Any]:
    """An agreement's parties, signatories and extensions (for the API)."""
    return {
        "parties": list(agreement.parties.order_by("pk")),
        "signatories": list(agreement.signatories.order_by("pk")),
        "extensions": list(agreement.extensions.order_by("created_at", "pk")),
    }


def council_programmes(*, council: Council) -> QuerySet[Programme]:
    return council.programmes.order_by("pk")


def programme_links(*, programme: Programme) -> dict[str, list[Any]]:
    """The codes of a programme's countries and the ids of its organisations and projects."""
    return {
        "countries": list(programme.countries.order_by("code").values_list("code", flat=True)),
        "organisations": list(programme.organisations.order_by("pk").values_list("pk", flat=True)),
        "projects": list(programme.projects.order_by("pk").values_list("pk", flat=True)),
    }
