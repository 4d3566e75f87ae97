"""The milestones that verified hours give (council.volunteers.milestones): 10, 50, 100 and
500 hours of volunteer work, and a first cross-border project.

Cross-border: a project with verified hours that is joint (its owner and partners are of more
than one country, `Project.is_joint`) or whose owner is of another country than the
volunteer's home country. Hours during paid work time count for the project but not towards
the hours milestones (as in the record book's total)."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Min, Sum
from django.utils.translation import gettext_lazy as _

from council.accounts.models import User
from council.hours.models import EntryStatus, HoursEntry
from council.projects.models import Project
from council.volunteers.milestones import Milestone

HOURS_MILESTONES = {
    10: _("10 verified hours"),
    50: _("50 verified hours"),
    100: _("100 verified hours"),
    500: _("500 verified hours"),
}
FIRST_CROSS_BORDER = _("First cross-border project")


def _hours_reached(user: User) -> list[Milestone]:
    """The day each threshold of verified volunteer work was reached: the running total of
    the days' sums (one grouped query, however many entries)."""
    days = (
        HoursEntry.objects.filter(
            volunteer_id=user.pk, status=EntryStatus.VERIFIED, during_paid_work=False
        )
        .values("date")
        .annotate(day=Sum("hours"))
        .order_by("date")
    )
    reached, total = [], Decimal("0")
    thresholds = sorted(HOURS_MILESTONES)
    for row in days:
        total += row["day"]
        while thresholds and total >= thresholds[0]:
            threshold = thresholds.pop(0)
            reached.append(
                Milestone(f"hours_{threshold}", HOURS_MILESTONES[threshold], row["date"])
            )
        if not thresholds:
            break
    return reached


def _first_cross_border(user: User) -> list[Milestone]:
    """The first project with verified hours that crosses a border (see above): one grouped
    query, and one more for the title of the project found."""
    firsts = (
        HoursEntry.objects.filter(volunteer_id=user.pk, status=EntryStatus.VERIFIED)
        .values("project_id", "project__owner__country_id", "project__countries")
        .annotate(first=Min("date"))
        .order_by("first", "project_id")
    )
    for row in firsts:
        joint = Project(countries=row["project__countries"] or []).is_joint
        if joint or row["project__owner__country_id"] != user.home_country_id:
            title = str(Project.objects.get(pk=row["project_id"]).title)
            return [Milestone("first_cross_border", FIRST_CROSS_BORDER, row["first"], title)]
    return []


def hours_milestones(user: User) -> list[Milestone]:
    """The milestones that hours give (council.volunteers.milestones)."""
    return _hours_reached(user) + _first_cross_border(user)
