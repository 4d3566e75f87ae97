"""Reads of the duplicates queue: the list, and the two records of a pair side by side with
no more personal data than the decision needs."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Exists, OuterRef, QuerySet, Sum
from django.utils.translation import gettext as _

from council.accounts.http import Viewer
from council.accounts.models import Consent, ConsentPurpose, User
from council.dedup.access import can_see_person, in_countries
from council.dedup.models import (
    AccountMerge,
    CandidateKind,
    CandidateStatus,
    DuplicateCandidate,
)
from council.forums.models import Registration
from council.hours.models import Certificate, EntryStatus, HoursEntry
from council.lib.matching import REASONS
from council.orgs.models import Membership, Organisation
from council.projects.models import Application, Project
from council.volunteers.models import VolunteerProfile


def _cross_border(side: str) -> Exists:
    return Exists(
        Consent.objects.filter(
            user=OuterRef(side),
            purpose=ConsentPurpose.CROSS_BORDER,
            withdrawn_at__isnull=True,
        )
    )


def candidates_queue(
    *,
    countries: set[str] | None,
    kind: str = "",
    status: str = CandidateStatus.OPEN,
    country: str = "",
    min_score: float | None = None,
) -> QuerySet[DuplicateCandidate]:
    """The pairs of `countries` (all for None), likeliest first, with what the list shows
    (the two records, their countries, whether each person consented to cross-border
    sharing) in one query."""
    rows = DuplicateCandidate.objects.filter(in_countries(countries))
    if kind:
        rows = rows.filter(kind=kind)
    if status:
        rows = rows.filter(status=status)
    if country:
        rows = rows.filter(in_countries({country}))
    if min_score is not None:
        rows = rows.filter(score__gte=min_score)
    return (
        rows.select_related(
            "left_user",
            "right_user",
            "left_organisation",
            "right_organisation",
            "country",
            "other_country",
        )
        .annotate(
            left_consents=_cross_border("left_user"), right_consents=_cross_border("right_user")
        )
        .order_by("-score", "pk")
    )


def reason_labels(codes: list[str]) -> list[str]:
    """The matcher's reasons in the reader's language."""
    return [str(REASONS.get(code, code)) for code in codes]


def shown_names(candidate: DuplicateCandidate, countries: set[str] | None) -> tuple[str, str]:
    """How the list names the two records: a person of another country without the
    cross-border consent is named by their country only."""
    if candidate.kind == CandidateKind.ORGANISATION:
        return (str(candidate.left_organisation or "—"), str(candidate.right_organisation or "—"))
    names = []
    for person, consented in (
        (candidate.left_user, getattr(candidate, "left_consents", False)),
        (candidate.right_user, getattr(candidate, "right_consents", False)),
    ):
        if person is None:
            names.append("—")
        elif countries is None or person.home_country_id in countries or consented:
            names.append(person.display_name)
        else:
            names.append(str(person.home_country_id or "?"))
    return names[0], names[1]


@dataclass
class Side:
    """One record of a pair as the side-by-side page shows it."""

    pk: int | None
    visible: bool
    facts: list[tuple[str, Any]] = field(default_factory=list)
    counts: list[tuple[str, Any]] = field(default_factory=list)
    organisations: list[str] = field(default_factory=list)


def _person_side(person: User | None, viewer: Viewer) -> Side:
    if person is None:
        return Side(pk=None, visible=False)
    if not can_see_person(user=viewer, person=person):
        return Side(
            pk=person.pk,
            visible=False,
            facts=[(_("Country"), person.home_country_id or "—")],
        )
    birth = (
        VolunteerProfile.objects.filter(pk=person.pk)
        .values_list("date_of_birth", flat=True)
        .first()
    )
    hours = HoursEntry.objects.filter(volunteer=person, status=EntryStatus.VERIFIED).aggregate(
        total=Sum("hours")
    )["total"]
    return Side(
        pk=person.pk,
        visible=True,
        facts=[
            (_("Name"), f"{person.given_name} {person.family_name}".strip() or "—"),
            (
                _("Name in Latin"),
                f"{person.given_name_latin} {person.family_name_latin}".strip() or "—",
            ),
            (_("Email"), person.email),
            # ISO dates: unambiguous across countries, a swapped day and month stands out.
            (_("Date of birth"), birth.isoformat() if birth else "—"),
            (_("Country"), person.home_country_id or "—"),
            (_("Joined"), person.date_joined.date().isoformat()),
            (_("Signed in"), _("yes") if person.last_login else _("never")),
        ],
        counts=[
            (_("Applications"), Application.objects.filter(volunteer=person).count()),
            (_("Verified hours"), hours or 0),
            (_("Certificates"), Certificate.objects.filter(volunteer=person).count()),
            (_("Forum registrations"), Registration.objects.filter(person=person).count()),
        ],
        organisations=[
            f"{m.organisation.name} ({m.get_role_display()})"
            for m in Membership.objects.filter(user=person).select_related("organisation")
        ],
    )


def _organisation_side(organisation: Organisation | None) -> Side:
    if organisation is None:
        return Side(pk=None, visible=False)
    return Side(
        pk=organisation.pk,
        visible=True,
        facts=[
            (_("Name (Russian)"), organisation.name_ru or "—"),  # type: ignore[attr-defined]
            (_("Name (Kazakh)"), organisation.name_kk or "—"),  # type: ignore[attr-defined]
            (_("Name (English)"), organisation.name_en or "—"),  # type: ignore[attr-defined]
            (_("Kind"), organisation.get_kind_display()),
            (_("Status"), organisation.get_status_display()),
            (_("Registration number"), organisation.registration_number or "—"),
            (_("Taxpayer number"), organisation.tax_number or "—"),
            (_("Country"), organisation.country_id),
            (_("Registered"), organisation.created_at.date().isoformat()),
        ],
        counts=[
            (_("Members"), Membership.objects.filter(organisation=organisation).count()),
            (_("Projects"), Project.objects.filter(owner=organisation).count()),
            (_("Hours entries"), HoursEntry.objects.filter(organisation=organisation).count()),
        ],
    )


def candidate_sides(*, candidate: DuplicateCandidate, viewer: Viewer) -> tuple[Side, Side]:
    if candidate.kind == CandidateKind.PERSON:
        return _person_side(candidate.left_user, viewer), _person_side(candidate.right_user, viewer)
    return (
        _organisation_side(candidate.left_organisation),
        _organisation_side(candidate.right_organisation),
    )


def candidate_merge(*, candidate: DuplicateCandidate) -> AccountMerge | None:
    """The merge (or proposal) the pair led to."""
    return candidate.merges.order_by("-created_at", "-pk").first()


def merges_into(*, user: User) -> list[dict[str, Any]]:
    """The accounts merged into this person's (their data export)."""
    return [
        {
            "merged_email": merge.merged_email,
            "status": merge.status,
            "done_at": merge.done_at.isoformat() if merge.done_at else None,
        }
        for merge in AccountMerge.objects.filter(survivor=user).order_by("created_at", "pk")
    ]
