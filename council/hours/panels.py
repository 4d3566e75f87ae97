"""What hours adds to the pages of lower apps, which cannot import it: beside each applicant
on the organiser's list (council.projects.applicant_notes) the volunteer's reliability and the
link to the place's reference; on an organisation's page (council.lib.panels) the volunteers'
average rating of their experience there."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db.models import Model
from django.template.loader import render_to_string
from django.utils import timezone

from council.hours.models import Reference
from council.hours.selectors import Reliability, experience_summary, reliability_by_volunteer
from council.projects.models import Application, ApplicationStatus, Opportunity

# The public page shows the average from this many ratings on, so that no single volunteer's
# rating can be read from it.
PUBLIC_FROM = 3


def _ended(applications: Sequence[Application]) -> set[int]:
    """The confirmed applications whose place has ended (a shift's end, or the last end of an
    opportunity without shifts: one query for those)."""
    now = timezone.now()
    confirmed = [a for a in applications if a.status == ApplicationStatus.CONFIRMED]
    shiftless = {a.opportunity_id for a in confirmed if a.shift_id is None}
    last_ends = dict(
        Opportunity.objects.filter(pk__in=shiftless).values_list("pk", "last_end")
        if shiftless
        else []
    )
    ended = set()
    for application in confirmed:
        end = (
            application.shift.end
            if application.shift_id
            else last_ends.get(application.opportunity_id)
        )
        if end is not None and end <= now:
            ended.add(application.pk)
    return ended


def reliability_notes(applications: Sequence[Application]) -> dict[int, str]:
    """Under each applicant: their no-shows out of their confirmed shifts of the last two
    years and, once the place has ended, the link to write (or read) its reference. Three
    queries at most for the page."""
    if not applications:
        return {}
    reliability = reliability_by_volunteer(volunteer_ids={a.volunteer_id for a in applications})
    ended = _ended(applications)
    written = set(
        Reference.objects.filter(application_id__in=ended).values_list("application_id", flat=True)
    )
    return {
        application.pk: render_to_string(
            "hours/includes/applicant_note.html",
            {
                "application": application,
                "reliability": reliability.get(application.volunteer_id, Reliability(0, 0)),
                "ended": application.pk in ended,
                "written": application.pk in written,
            },
        )
        for application in applications
    }


def experience_panel(context: Any, organisation: Model) -> str:
    """The average rating on the organisation's page (from PUBLIC_FROM ratings on), and for
    its organisers the link to the ratings, references and letters."""
    summary = experience_summary(organisation_id=organisation.pk)
    membership = context.get("membership") if hasattr(context, "get") else None
    organiser = membership is not None and membership.is_staff_role
    if summary.count < PUBLIC_FROM and not organiser:
        return ""
    return render_to_string(
        "hours/includes/experience_panel.html",
        {
            "organisation": organisation,
            "summary": summary,
            "public": summary.count >= PUBLIC_FROM,
            "organiser": organiser,
        },
    )
