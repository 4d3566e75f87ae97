from __future__ import annotations

from django.db.models import (
    Case,
    Count,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from council.accounts.http import Viewer
from council.accounts.models import User
from council.projects.models import (
    LIVE_STATUSES,
    Application,
    ApplicationStatus,
    Handover,
    HandoverStatus,
    Opportunity,
    Shift,
    Team,
)
from council.volunteers.models import VolunteerProfile


def shifts_with_seats(*, opportunity: Opportunity, upcoming_only: bool = True) -> QuerySet[Shift]:
    """Shifts with their confirmed and waiting counts, in one query. Another node's
    (mirrored) shift counts as confirmed the seats its owner node had taken
    (`remote_taken`), never the applications here."""
    confirmed = Count("applications", filter=Q(applications__status=ApplicationStatus.CONFIRMED))
    # Seats teams hold for members not yet named are taken too (a team's named members are
    # confirmed applications already).
    held = (
        Team.objects.filter(shift=OuterRef("pk"), seats_held__gt=0)
        .values("shift")
        .annotate(total=Sum("seats_held"))
        .values("total")
    )
    shifts = opportunity.shifts.annotate(
        confirmed=Case(
            When(~Q(origin_node=""), then=Coalesce("remote_taken", Value(0))),
            default=confirmed + Coalesce(Subquery(held, output_field=IntegerField()), 0),
        ),
        waiting=Count("applications", filter=Q(applications__status=ApplicationStatus.WAITLISTED)),
    )
    if upcoming_only:
        shifts = shifts.filter(start__gt=timezone.now())
    return shifts.order_by("start", "pk")


def applications_for_volunteer(*, user: User) -> QuerySet[Application]:
    return (
        Application.objects.filter(volunteer=user)
        .select_related("opportunity", "opportunity__project", "opportunity__city", "shift", "team")
        .order_by("-created_at", "-pk")
    )


def applications_for_opportunity(
    *, opportunity: Opportunity, status: str | None = None, shift_id: int | None = None
) -> QuerySet[Application]:
    applications = Application.objects.filter(opportunity=opportunity).select_related(
        "volunteer", "shift", "team"
    )
    if status:
        applications = applications.filter(status=status)
    if shift_id:
        applications = applications.filter(shift_id=shift_id)
    return applications.order_by("shift__start", "created_at", "pk")


def live_application(*, user: Viewer, opportunity: Opportunity) -> list[Application]:
    if not user.is_authenticated:
        return []
    return list(
        Application.objects.filter(
            volunteer=user,
            opportunity=opportunity,
            status__in=LIVE_STATUSES,  # with one on its way to another node's organiser
        ).select_related("shift")
    )


def confirmed_shifts_for_calendar(*, user: User) -> QuerySet[Application]:
    return (
        Application.objects.filter(
            volunteer=user, status=ApplicationStatus.CONFIRMED, shift__isnull=False
        )
        .select_related("shift", "opportunity", "opportunity__city", "opportunity__project")
        .order_by("shift__start")
    )


def volunteer_profile_or_blank(*, user: User) -> VolunteerProfile:
    """The person's volunteer profile, or an empty unsaved one (for the eligibility rules)."""
    return VolunteerProfile.objects.filter(user=user).first() or VolunteerProfile(user=user)


def has_volunteer_profile(*, user: User) -> bool:
    return VolunteerProfile.objects.filter(user=user).exists()


def handovers_awaiting_approval(*, opportunity: Opportunity) -> QuerySet[Handover]:
    """Swaps a colleague accepted that wait for the organiser, oldest first."""
    return (
        Handover.objects.filter(
            application__opportunity=opportunity, status=HandoverStatus.ACCEPTED
        )
        .select_related("application__volunteer", "application__shift", "taker")
        .order_by("created_at", "pk")
    )
