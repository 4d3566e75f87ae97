"""What the reports read from the cooperation apps (the joint plan's commitments and joint
projects, deployments, corporate volunteering): the one selectors module that imports them,
so that moving those models is one module's change."""

from __future__ import annotations

from django.db.models import Count, Q
from django.utils import timezone

from council.cooperation.models import OPEN_COMMITMENT, Commitment, CommitmentStatus
from council.cooperation.selectors import joint_projects
from council.corporate.selectors import CorporateTotals, corporate_totals
from council.deployments.models import Candidacy, CandidacyStatus
from council.orgs.models import Organisation
from council.reports.selectors.filters import Filters

__all__ = [
    "CorporateTotals",
    "commitments_by_country",
    "company_totals",
    "deployments_by_country",
    "joint_projects",
]


def deployments_by_country(filters: Filters) -> dict[str, int]:
    """People deployed abroad on assignments that start in the period, per home country."""
    return dict(
        Candidacy.objects.filter(
            status__in=[CandidacyStatus.DEPLOYED, CandidacyStatus.COMPLETED],
            assignment__starts_on__gte=filters.start,
            assignment__starts_on__lte=filters.end,
        )
        .values("person__home_country_id")
        .annotate(n=Count("pk"))
        .values_list("person__home_country_id", "n")
        .order_by()
    )


def commitments_by_country(filters: Filters) -> dict[str, tuple[int, int, int]]:
    """Commitments due in the period per owner country: due, done, and late (still open
    after their due date)."""
    today = timezone.localdate()
    rows = (
        Commitment.objects.filter(due_on__gte=filters.start, due_on__lte=filters.end)
        .values("owners__country_id")
        .annotate(
            due=Count("pk", distinct=True),
            done=Count("pk", filter=Q(status=CommitmentStatus.DONE), distinct=True),
            late=Count(
                "pk",
                filter=Q(status__in=OPEN_COMMITMENT, due_on__lt=today),
                distinct=True,
            ),
        )
        .order_by()
    )
    return {row["owners__country_id"]: (row["due"], row["done"], row["late"]) for row in rows}


def company_totals(*, company: Organisation, filters: Filters) -> CorporateTotals:
    """A company's employee programme in the filters' period (its dashboard and the API)."""
    return corporate_totals(company=company, since=filters.start, until=filters.end)
