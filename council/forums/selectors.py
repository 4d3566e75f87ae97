from __future__ import annotations

from typing import Any

from django.db.models import Count, Prefetch, QuerySet

from council.forums.models import (
    LIVE_REGISTRATION,
    MEMBER_PENDING,
    SEAT_TAKING,
    DelegationMember,
    Forum,
    ForumSession,
    ForumStatus,
    Registration,
    RegistrationStatus,
    SessionSignup,
)


def forums_public() -> QuerySet[Forum]:
    return (
        Forum.objects.filter(status=ForumStatus.PUBLISHED)
        .select_related("host", "city", "city__country")
        .order_by("starts_on", "pk")
    )


def registration_of(*, user: Any, forum: Forum) -> Registration | None:
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


def memberships_of(*, user: Any, forum: Forum) -> list[DelegationMember]:
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
