"""`seed_demo`, third part: the demo wage table, and some past work of the demo volunteers —
a shift that took place two weeks ago on each of the first demo opportunities with confirmed
volunteers, checked in and out at the desk (verified and valued), hours a volunteer logged
that wait for verification, one rejection, and participation certificates.

Idempotent: the wage table is loaded when it is empty; the past work is made once (when no
hours entry exists yet).
"""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

from django.utils import timezone

from council.accounts.models import User
from council.demo.people import organiser_of
from council.hours.models import HoursEntry, WageRate
from council.hours.services.certificates import certificates_issue_for_project
from council.hours.services.checkin import check_in, check_out
from council.hours.services.entries import hours_log, hours_reject
from council.hours.services.valuation import DEMO_WAGE_TABLE, wage_rates_import
from council.orgs.models import MembershipRole
from council.projects.models import Application, ApplicationStatus, Opportunity, Shift
from council.projects.services.index import opportunity_refresh

PROJECTS_WITH_PAST_WORK = 2


def ensure_wage_rates(created: Counter[str]) -> None:
    if WageRate.objects.exists():
        return
    with open(DEMO_WAGE_TABLE, encoding="utf-8", newline="") as stream:
        result = wage_rates_import(actor=None, stream=stream)
    created["wage rates"] += result.created


def ensure_past_work(created: Counter[str]) -> None:
    if HoursEntry.objects.exists():
        return
    confirmed = (
        Application.objects.filter(status=ApplicationStatus.CONFIRMED, shift__isnull=False)
        .select_related("opportunity__project", "volunteer")
        .order_by("opportunity_id", "pk")
    )
    by_opportunity: dict[int, list[Application]] = {}
    for application in confirmed:
        by_opportunity.setdefault(application.opportunity_id, []).append(application)
    done = 0
    for applications in by_opportunity.values():
        opportunity = applications[0].opportunity
        organiser = organiser_of(opportunity.project.owner_id, MembershipRole.ADMIN)
        if organiser is None or done >= PROJECTS_WITH_PAST_WORK:
            continue
        done += 1
        _past_shift(opportunity, organiser, [a.volunteer for a in applications], created)
        certificates = certificates_issue_for_project(actor=organiser, project=opportunity.project)
        created["certificates"] += len(certificates)


def _past_shift(
    opportunity: Opportunity, organiser: User, volunteers: list[User], created: Counter[str]
) -> None:
    """A shift that took place two weeks ago, as it would have been recorded at the time.

    The shift and the volunteers' places are direct writes: `shift_create` and
    `application_submit` only accept shifts that start in the future (they check the clock and
    take no date). What follows them — check-in, check-out, logging, rejection, certificates —
    goes through the hours services, so the entries, their values and the aggregates are as
    in real use."""
    start = (timezone.now() - timedelta(days=14)).replace(minute=0, second=0, microsecond=0)
    shift = Shift.objects.create(
        opportunity=opportunity, start=start, end=start + timedelta(hours=4), capacity=10
    )
    opportunity_refresh(opportunity=opportunity)
    created["shifts"] += 1
    for number, volunteer in enumerate(volunteers):
        if volunteer.pk == organiser.pk:
            continue
        place = Application.objects.create(
            volunteer=volunteer,
            opportunity=opportunity,
            shift=shift,
            status=ApplicationStatus.CONFIRMED,
            created_at=start - timedelta(days=10),
            decided_at=start - timedelta(days=10),
        )
        created["applications"] += 1
        arrived = start + timedelta(minutes=5 * number)
        check_in(actor=organiser, shift=shift, application_id=place.pk, at=arrived)
        check_out(
            actor=organiser,
            shift=shift,
            application_id=place.pk,
            at=arrived + timedelta(hours=3, minutes=30),
        )
        created["hours entries"] += 1
        # The day after, the volunteer logged the preparation they had done at home.
        extra = hours_log(
            volunteer=volunteer,
            project=opportunity.project,
            opportunity=opportunity,
            day=timezone.localdate(start) + timedelta(days=1),
            hours="1.5",
            description="Prepared the materials for the shift",
        )
        created["hours entries"] += 1
        if number == 1:
            hours_reject(
                actor=organiser,
                entry=extra,
                reason="The preparation was done together at the briefing, already counted.",
            )
