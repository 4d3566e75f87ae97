"""A volunteer signs up for the whole series: `series_sign_up` applies for every upcoming
shift of the series through `application_submit`, in one transaction, confirmed or
waitlisted per shift; a shift the volunteer cannot take (it clashes with one of their
confirmed shifts, they already applied) is skipped. The shifts are applied for in key order,
the order their locks are taken in (docs/locking.md)."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from council.accounts.models import User
from council.audit.services import record
from council.projects.models import Application, Opportunity, Shift, ShiftSeries
from council.projects.services.applications import application_submit


@dataclass
class SignUp:
    """What a series sign-up did: the applications made, and the shifts skipped with why."""

    applications: list[Application]
    skipped: list[tuple[Shift, str]]


@transaction.atomic
def series_sign_up(
    *,
    volunteer: User,
    opportunity: Opportunity,
    series: ShiftSeries | int,
    motivation: str = "",
    answers: list[dict[str, str]] | None = None,
) -> SignUp:
    """Apply for every upcoming shift of the series, in one transaction. A shift the
    volunteer cannot take (a clash with a confirmed shift, already applied) is skipped; when
    none can be taken, nothing is written and the reasons are the error."""
    key = series.pk if isinstance(series, ShiftSeries) else series
    found = ShiftSeries.objects.filter(pk=key, opportunity_id=opportunity.pk).first()
    if found is None:
        raise ValidationError({"series": _("Choose one of this opportunity's series.")})
    # In key order, the order locks are taken in (docs/locking.md).
    shifts = list(found.shifts.filter(start__gt=timezone.now()).order_by("pk"))
    if not shifts:
        raise ValidationError({"series": _("This series has no upcoming shift.")})
    result = SignUp(applications=[], skipped=[])
    for shift in shifts:
        try:
            application = application_submit(
                volunteer=volunteer,
                opportunity=opportunity,
                shift=shift.pk,
                motivation=motivation,
                answers=answers,
            )
        except ValidationError as error:
            result.skipped.append((shift, " ".join(error.messages)))
        else:
            result.applications.append(application)
    if not result.applications:
        reasons = list(dict.fromkeys(reason for _shift, reason in result.skipped))
        raise ValidationError({"series": reasons})
    record(
        actor=volunteer,
        action="series.signed_up",
        target=found,
        organisation_id=opportunity.project.owner_id,
        data={
            "applications": [application.pk for application in result.applications],
            "skipped": [shift.pk for shift, _reason in result.skipped],
        },
    )
    return result
