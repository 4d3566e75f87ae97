"""The credentials an opportunity requires, and which of them a volunteer lacks on a day."""

from __future__ import annotations

from datetime import date

from django.db.models import OuterRef, Subquery
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from council.accounts.http import Viewer
from council.projects.models import Opportunity
from council.volunteers.credentials import earn_links
from council.volunteers.models import Credential, VolunteerCredential


class Problem(str):
    """A reason not to apply, with a link to where it is put right (`link`, `link_text`)."""

    credential_id: int = 0
    link: str = ""
    link_text: str = ""


def _may_require(opportunity: Opportunity) -> bool:
    """Whether the opportunity may require a credential: its row's `match_signals` name each
    one it requires (`opportunity_refresh` writes them), which spares the query for the many
    that require none; when that column was not read, ask."""
    if "match_signals" in opportunity.get_deferred_fields():
        return True
    return any(key.startswith("r") for key in opportunity.match_signals or {})


def required_credentials(*, opportunity: Opportunity, volunteer: Viewer | None) -> list[Credential]:
    """The credentials the opportunity requires, by name; for a signed-in person each with
    `held_pk` (their row, None when they do not hold it) and `held_until` (its expiry, None
    for good): one query."""
    if not _may_require(opportunity):
        return []
    rows = Credential.objects.filter(opportunities=opportunity).order_by("name", "pk")
    if volunteer is not None and volunteer.is_authenticated:
        mine = VolunteerCredential.objects.filter(
            volunteer_id=volunteer.pk, credential=OuterRef("pk")
        )
        rows = rows.annotate(
            held_pk=Subquery(mine.values("pk")[:1]),
            held_until=Subquery(mine.values("expires_on")[:1]),
        )
    return list(rows)


def holds_valid(credential: Credential, on: date) -> bool:
    """Whether a credential of `required_credentials` is held and valid on the day `on`."""
    until = getattr(credential, "held_until", None)
    return getattr(credential, "held_pk", None) is not None and (until is None or until >= on)


def credential_problems(*, volunteer: Viewer, opportunity: Opportunity, on: date) -> list[str]:
    """A message for each required credential the volunteer does not hold valid on the day
    `on`, naming it and linking to where it is earned."""
    problems: list[Problem] = []
    for credential in required_credentials(opportunity=opportunity, volunteer=volunteer):
        if holds_valid(credential, on):
            continue
        if getattr(credential, "held_pk", None) is not None:
            until: date = credential.held_until  # type: ignore[attr-defined]
            text = _("Your credential “%(credential)s” expired on %(date)s; renew it to apply.")
            values = {"credential": credential.name, "date": date_format(until, "DATE_FORMAT")}
        else:
            text = _("This opportunity requires the credential “%(credential)s”.")
            values = {"credential": credential.name}
        problem = Problem(text % values)
        problem.credential_id = credential.pk
        problems.append(problem)
    links = earn_links([problem.credential_id for problem in problems])
    for problem in problems:
        problem.link = links.get(problem.credential_id, "")
        problem.link_text = _("How to earn it")
    return list(problems)
