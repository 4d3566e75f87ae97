"""Every read of forums: the public list, a forum's page and programme, seats of a quota,
the host's overview, a delegation's members and the check-in desk's counts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Count, Prefetch, Q, QuerySet, Sum

from council.accounts.http import Viewer
from council.forums.models import (
    LIVE_REGISTRATION,
    MEMBER_PENDING,
    MEMBER_SEAT_TAKING,
    SEAT_TAKING,
    Delegation,
    DelegationMember,
    Forum,
    ForumSession,
    ForumStatus,
    Question,
    Quota,
    QuotaKind,
    Registration,
    RegistrationStatus,
    SessionSignup,
)
from council.orgs.models import ORGANISER_ROLES, Organisation, OrganisationKind
from council.projects.models import Opportunity


@dataclass(frozen=True)
class Availability:
    """Seats of a quota: its own free seats bounded by the forum's; `free` is None when
    neither is limited."""

    taken: int
    free: int | None

    @property
    def state(self) -> str:
        return "sold_out" if self.free is not None and self.free <= 0 else "available"


def availability_of(quota: Quota, counts: dict[str, int]) -> Availability:
    """The quota's seats from its forum's `counts` of registrations taking a seat (`forum`,
    `quota`), with the pending delegation members counted here."""
    pending = DelegationMember.objects.filter(
        delegation__forum_id=quota.forum_id, status__in=MEMBER_PENDING
    ).aggregate(forum=Count("pk"), quota=Count("pk", filter=Q(delegation__quota_id=quota.pk)))
    taken = counts["quota"] + pending["quota"]
    forum_free = quota.forum.capacity - counts["forum"] - pending["forum"]
    free = forum_free if quota.size is None else min(quota.size - taken, forum_free)
    return Availability(taken, max(free, 0))


def quota_availability(*, quota: Quota) -> Availability:
    """Seats taken: confirmed registrations and live holds, and delegation members invited
    or nominated (a confirmed member has a confirmed registration). Another node's (mirrored)
    quota counts what its owner node had taken instead (`remote_availability`)."""
    if quota.is_mirrored:
        return remote_availability(quota=quota)
    counts = Registration.objects.filter(forum_id=quota.forum_id, status__in=SEAT_TAKING).aggregate(
        forum=Count("pk"), quota=Count("pk", filter=Q(quota_id=quota.pk))
    )
    return availability_of(quota, counts)


def remote_availability(*, quota: Quota) -> Availability:
    """Seats of another node's quota as of its last sync: the seats its owner node had taken
    (`remote_taken`) in the quota and over the forum's quotas, never registrations here
    (that node decides who gets them)."""
    taken = quota.remote_taken or 0
    forum_taken = (
        Quota.objects.filter(forum_id=quota.forum_id).aggregate(total=Sum("remote_taken"))["total"]
        or 0
    )
    forum_free = quota.forum.capacity - forum_taken
    free = forum_free if quota.size is None else min(quota.size - taken, forum_free)
    return Availability(taken, max(free, 0))


def home_fills(quota: Quota) -> bool:
    """Whether this node's national network fills another node's (mirrored) delegation quota:
    a country's quota of this node's country (NODE_COUNTRY), or an organisation's quota of
    an organisation of this country. Its delegation is formed here, and each member is sent
    to the forum's node (council.forums.registry)."""
    if not quota.is_mirrored or quota.kind == QuotaKind.OPEN or not settings.NODE_COUNTRY:
        return False
    if quota.kind == QuotaKind.COUNTRY:
        return quota.country_id == settings.NODE_COUNTRY
    return bool(quota.organisation) and quota.organisation.country_id == settings.NODE_COUNTRY


def sending_networks(*, user: Viewer) -> QuerySet[Organisation]:
    """The national networks of this node's country (its own rows) that the person
    organises: they form the delegations that this node sends to other nodes' forums."""
    if not user.is_authenticated or not settings.NODE_COUNTRY:
        return Organisation.objects.none()
    return (
        Organisation.objects.filter(
            origin_node="",
            kind=OrganisationKind.NATIONAL_NETWORK,
            country_id=settings.NODE_COUNTRY,
            memberships__user=user,
            memberships__role__in=ORGANISER_ROLES,
        )
        .distinct()
        .order_by("pk")
    )


def quotas_with_seats(*, forum: Forum) -> list[tuple[Quota, Availability]]:
    """Each quota of the forum with its seats, in the order of the pages."""
    rows = []
    for quota in forum.quotas.order_by("kind", "pk"):
        quota.forum = forum
        rows.append((quota, quota_availability(quota=quota)))
    return rows


def open_quota(*, forum: Forum) -> Quota | None:
    return forum.quotas.filter(kind=QuotaKind.OPEN).order_by("pk").first()


def forum_questions(*, forum: Forum) -> QuerySet[Question]:
    """The forum's registration questions in the order of the form."""
    return forum.questions.order_by("position", "pk")


def forum_co_hosts(*, forum: Forum) -> list[Organisation]:
    return list(forum.co_hosts.order_by("name"))


def forum_languages(*, forum: Forum) -> list[str]:
    return [str(language) for language in forum.languages.all()]


def volunteer_roles(*, forum: Forum) -> QuerySet[Opportunity] | list[Opportunity]:
    """The published roles of the forum's volunteer team (read when the page shows them)."""
    if not forum.volunteer_project_id:
        return []
    return forum.volunteer_project.opportunities.filter(is_published=True).order_by(
        "first_start", "pk"
    )


def delegation_members(
    *, delegation: Delegation, with_replaced: bool = False
) -> QuerySet[DelegationMember]:
    """The delegation's members in the order they were invited; `with_replaced` also reads
    whom each one replaces."""
    related = ("person", "replaces__person") if with_replaced else ("person",)
    return delegation.members.select_related(*related).order_by("invited_at", "pk")


def confirmed_registration_of(*, user: Viewer, forum: Forum) -> Registration | None:
    if not user.is_authenticated:
        return None
    return Registration.objects.filter(
        forum=forum, person_id=user.pk, status=RegistrationStatus.CONFIRMED
    ).first()


def checkin_counts(*, forum: Forum) -> dict[str, int]:
    """Participants confirmed and checked in, for the whole forum and per quota
    (`quota_<id>`, `quota_<id>_in`), in one query."""
    rows = (
        Registration.objects.filter(forum=forum, status=RegistrationStatus.CONFIRMED)
        .values("quota_id")
        .annotate(confirmed=Count("pk"), present=Count("pk", filter=Q(checked_in_at__isnull=False)))
    )
    counts = {"confirmed": 0, "present": 0}
    for row in rows:
        counts["confirmed"] += row["confirmed"]
        counts["present"] += row["present"]
        counts[f"quota_{row['quota_id']}"] = row["confirmed"]
        counts[f"quota_{row['quota_id']}_in"] = row["present"]
    return counts


def check_in_desk(*, forum: Forum) -> dict[str, Any]:
    """The desk's counters and each quota with its confirmed and present participants."""
    counts = checkin_counts(forum=forum)
    quota_rows = [
        (quota, counts.get(f"quota_{quota.pk}", 0), counts.get(f"quota_{quota.pk}_in", 0))
        for quota in forum.quotas.select_related("delegation__organisation").order_by("kind", "pk")
    ]
    return {"quota_rows": quota_rows, "counts": counts}


def forums_public() -> QuerySet[Forum]:
    return (
        Forum.objects.filter(status=ForumStatus.PUBLISHED)
        .select_related("host", "city", "city__country")
        .order_by("starts_on", "pk")
    )


def registration_of(*, user: Viewer, forum: Forum) -> Registration | None:
    if not user.is_authenticated:
        return None
    return (
        Registration.objects.filter(forum=forum, person_id=user.pk, status__in=LIVE_REGISTRATION)
        .select_related("quota")
        .first()
    )


def forum_overview(*, forum: Forum) -> dict[str, Any]:
    """The host's view: each quota with its seats, the delegations with their members, and
    the individual registrations by status — a fixed number of queries."""
    quotas = list(forum.quotas.select_related("country", "organisation").order_by("kind", "pk"))
    taken = dict(
        Registration.objects.filter(forum=forum, status__in=SEAT_TAKING)
        .values("quota_id")
        .annotate(n=Count("pk"))
        .values_list("quota_id", "n")
    )
    pending = dict(
        DelegationMember.objects.filter(delegation__forum=forum, status__in=MEMBER_PENDING)
        .values("delegation__quota_id")
        .annotate(n=Count("pk"))
        .values_list("delegation__quota_id", "n")
    )
    rows = []
    for quota in quotas:
        used = taken.get(quota.pk, 0) + pending.get(quota.pk, 0)
        rows.append(
            {
                "quota": quota,
                "taken": used,
                "free": None if quota.size is None else max(quota.size - used, 0),
            }
        )
    delegations = list(
        forum.delegations.select_related("organisation", "head", "quota").prefetch_related(
            Prefetch(
                "members",
                queryset=DelegationMember.objects.select_related("person").order_by(
                    "invited_at", "pk"
                ),
            )
        )
    )
    counts = dict(
        Registration.objects.filter(forum=forum, delegation_member__isnull=True)
        .values("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    # (label, count) in the status order of the model, labels in the reader's language.
    individual = [
        (label, counts[value]) for value, label in RegistrationStatus.choices if value in counts
    ]
    return {"quota_rows": rows, "delegations": delegations, "individual": individual}


def memberships_of(*, user: Viewer, forum: Forum) -> list[DelegationMember]:
    if not user.is_authenticated:
        return []
    return list(
        DelegationMember.objects.filter(delegation__forum=forum, person_id=user.pk)
        .exclude(status__in=("replaced", "declined"))
        .select_related("delegation__organisation", "delegation__forum")
    )


def forum_programme(*, forum: Forum, registration: Registration | None) -> list[ForumSession]:
    """The forum's sessions with `taken` seats and, for a participant, `mine`."""
    sessions: list[Any] = list(
        forum.sessions.annotate(taken=Count("signups")).order_by("start", "pk")
    )
    mine = set()
    if registration is not None:
        mine = set(
            SessionSignup.objects.filter(registration=registration).values_list(
                "session_id", flat=True
            )
        )
    for session in sessions:
        session.mine = session.pk in mine
        session.free = (
            None if session.capacity is None else max(session.capacity - session.taken, 0)
        )
    return sessions


def forum_page(*, forum: Forum, user: Viewer) -> dict[str, Any]:
    """What a forum's page reads: the open quota and its seats, the viewer's registration,
    delegation memberships and sessions, the volunteer roles, co-hosts and languages."""
    quota = open_quota(forum=forum)
    mine = registration_of(user=user, forum=forum)
    memberships = memberships_of(user=user, forum=forum)
    return {
        "forum": forum,
        "quota": quota,
        "mine": mine,
        "memberships": memberships,
        # A live member of a delegation goes to the forum with it, not on their own.
        "delegate": next((m for m in memberships if m.status in MEMBER_SEAT_TAKING), None),
        "sessions": forum_programme(forum=forum, registration=mine),
        "roles": volunteer_roles(forum=forum),
        "co_hosts": forum_co_hosts(forum=forum),
        "languages": forum_languages(forum=forum),
        "state": forum.registration_state(),
        "seats": quota_availability(quota=quota) if quota else None,
    }
