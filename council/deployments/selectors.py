"""Reads of the deployments: the assignments open for candidates, a person's place in the pool,
the longlist's decided candidacies."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from council.accounts.http import Viewer
from council.accounts.models import User
from council.deployments.models import (
    IN_THE_RUNNING,
    Assignment,
    AssignmentLanguage,
    AssignmentStatus,
    Candidacy,
    TalentPoolEntry,
)
from council.lib.people import own_row
from council.volunteers.models import CEFR_ORDER, VolunteerProfile


def open_assignments() -> QuerySet[Assignment]:
    """The assignments open for candidates, soonest first."""
    return Assignment.objects.filter(status=AssignmentStatus.OPEN).order_by("starts_on", "pk")


def open_assignments_with_terms() -> QuerySet[Assignment]:
    """The open assignments with their host, skills and languages (for the API)."""
    return open_assignments().select_related("host").prefetch_related("skills", "languages")


def open_assignments_with_host() -> QuerySet[Assignment]:
    """The open assignments with their host and country (for the list page)."""
    return open_assignments().select_related("host", "country")


def pool_entry(*, user: User) -> TalentPoolEntry | None:
    """This person's place in the talent pool, if they joined it."""
    return TalentPoolEntry.objects.filter(user=user).first()


def in_pool(*, user: Viewer) -> bool:
    return user.is_authenticated and TalentPoolEntry.objects.filter(user=user).exists()


def own_candidacies(*, user: User) -> QuerySet[Candidacy]:
    return user.candidacies.select_related("assignment")


def own_candidacy(*, assignment: Assignment, user: Viewer) -> Candidacy | None:
    """This person's candidacy for the assignment, if they are on its longlist."""
    return own_row(assignment.candidacies.all(), user)


@dataclass
class LonglistRow:
    candidacy: Candidacy
    points: int = 0
    reasons: list[str] = field(default_factory=list)


def longlist(*, assignment: Assignment) -> list[LonglistRow]:
    """The candidates still in the running, best match first: a point per required skill the
    person has, two per required language at the level asked, three for being available over
    the whole assignment; each point explained. Ties: the earlier candidacy."""
    required_skills = list(assignment.skills.all())
    required_languages = list(assignment_languages(assignment=assignment))
    start, end = assignment.starts_on, assignment.ends_on
    candidacies = list(
        assignment.candidacies.filter(status__in=IN_THE_RUNNING).select_related(
            "person", "nominated_by"
        )
    )
    people = [candidacy.person_id for candidacy in candidacies]
    profiles = {
        profile.user_id: profile
        for profile in VolunteerProfile.objects.filter(user_id__in=people).prefetch_related(
            "skills", "languages"
        )
    }
    pool = {entry.user_id: entry for entry in TalentPoolEntry.objects.filter(user_id__in=people)}
    rows = []
    for candidacy in candidacies:
        row = LonglistRow(candidacy)
        profile = profiles.get(candidacy.person_id)
        skills = {skill.pk for skill in profile.skills.all()} if profile else set()
        matched = [skill for skill in required_skills if skill.pk in skills]
        if required_skills:
            row.points += len(matched)
            row.reasons.append(
                _("Skills: %(matched)d of %(required)d%(names)s")
                % {
                    "matched": len(matched),
                    "required": len(required_skills),
                    "names": f" ({', '.join(str(skill.name) for skill in matched)})"
                    if matched
                    else "",
                }
            )
        spoken = (
            {item.language_id: item.level for item in profile.languages.all()} if profile else {}
        )
        for requirement in required_languages:
            level = spoken.get(requirement.language_id)
            name = str(requirement.language.name)
            if level is not None and CEFR_ORDER.get(level, 0) >= CEFR_ORDER[requirement.min_level]:
                row.points += 2
                row.reasons.append(
                    _("%(language)s %(level)s, %(wanted)s asked")
                    % {"language": name, "level": level, "wanted": requirement.min_level}
                )
            else:
                row.reasons.append(
                    _("%(language)s: %(level)s, %(wanted)s asked")
                    % {
                        "language": name,
                        "level": level or _("not spoken"),
                        "wanted": requirement.min_level,
                    }
                )
        entry = pool.get(candidacy.person_id)
        if (
            entry is not None
            and entry.available_from <= start
            and (entry.available_until is None or entry.available_until >= end)
        ):
            row.points += 3
            row.reasons.append(_("Available for the whole assignment"))
        elif entry is not None:
            row.reasons.append(
                _("Available %(start)s – %(end)s only")
                % {"start": entry.available_from, "end": entry.available_until or "…"}
            )
        else:
            row.reasons.append(_("Left the talent pool"))
        rows.append(row)
    rows.sort(key=lambda r: (-r.points, r.candidacy.created_at, r.candidacy.pk))
    return rows


def decided_candidacies(*, assignment: Assignment) -> QuerySet[Candidacy]:
    """The candidacies decided on (off the longlist), the latest first."""
    return (
        assignment.candidacies.exclude(status__in=IN_THE_RUNNING)
        .select_related("person")
        .order_by("-decided_at", "pk")
    )


def assignment_languages(*, assignment: Assignment) -> QuerySet[AssignmentLanguage]:
    return assignment.languages.select_related("language")
