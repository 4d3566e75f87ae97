"""Reads of hours: the verification queue, a volunteer's entries, the check-in desk's roster,
the certificates, the record book, and the choices the API resolves by id or code."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import TypeVar

from django.core.exceptions import ValidationError
from django.db.models import Avg, Count, Model, Prefetch, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from council.accounts.models import User
from council.hours.models import (
    Certificate,
    EntryStatus,
    ExperienceRating,
    HoursEntry,
    RecommendationLetter,
    Reference,
    WageRate,
)
from council.lib.required import first_or_refuse
from council.orgs.models import Organisation
from council.projects.models import Application, ApplicationStatus, Opportunity, Project, Shift
from council.reference.models import IscoGroup, SdgTarget
from council.volunteers.milestones import Milestone, milestones_for
from council.volunteers.models import VolunteerCredential
from council.volunteers.selectors import credentials_held


def entries_for_verifier(
    *, organisation_id: int, status: str | None = None, project_id: int | None = None
) -> QuerySet[HoursEntry]:
    entries = HoursEntry.objects.filter(organisation_id=organisation_id).select_related(
        "volunteer", "project", "opportunity"
    )
    if status:
        entries = entries.filter(status=status)
    if project_id:
        entries = entries.filter(project_id=project_id)
    return entries.order_by("-date", "-pk")


def entries_for_volunteer(*, user: User) -> QuerySet[HoursEntry]:
    return (
        HoursEntry.objects.filter(volunteer_id=user.pk)
        .select_related("project", "opportunity", "organisation")
        .order_by("-date", "-pk")
    )


def certificates_for_volunteer(*, user: User) -> QuerySet[Certificate]:
    return (
        Certificate.objects.filter(volunteer_id=user.pk)
        .select_related("organisation", "project")
        .order_by("-issued_at", "-pk")
    )


def verified_hours(
    *,
    volunteer_id: int,
    organisation_id: int | None = None,
    project_id: int | None = None,
    since: date | None = None,
    until: date | None = None,
) -> Decimal:
    """Verified hours of volunteer work (not during paid work time)."""
    entries = HoursEntry.objects.filter(
        volunteer_id=volunteer_id, status=EntryStatus.VERIFIED, during_paid_work=False
    )
    if organisation_id is not None:
        entries = entries.filter(organisation_id=organisation_id)
    if project_id is not None:
        entries = entries.filter(project_id=project_id)
    if since is not None:
        entries = entries.filter(date__gte=since)
    if until is not None:
        entries = entries.filter(date__lte=until)
    total = entries.aggregate(total=Sum("hours"))["total"]
    return total or Decimal("0")


M = TypeVar("M", bound=Model)


@dataclass
class RecordBook:
    entries: list[HoursEntry]
    total: Decimal = Decimal("0")
    # Hours during paid work time are shown but kept out of the volunteer-work totals.
    paid_work_time: Decimal = Decimal("0")
    by_year: dict[int, Decimal] = field(default_factory=dict)
    by_cause: dict[str, Decimal] = field(default_factory=dict)
    by_goal: dict[int, Decimal] = field(default_factory=dict)
    values: dict[str, Decimal] = field(default_factory=dict)
    # The organisations' references the volunteer chose to show, and their milestones.
    references: list[Reference] = field(default_factory=list)
    milestones: list[Milestone] = field(default_factory=list)
    # The credentials the volunteer holds (each marked `valid` today).
    credentials: list[VolunteerCredential] = field(default_factory=list)


def record_book_for(*, user: User) -> RecordBook:
    """Every verified entry of the person with totals per year, cause and SDG goal; three
    queries whatever the number of entries."""
    entries = list(
        HoursEntry.objects.filter(volunteer_id=user.pk, status=EntryStatus.VERIFIED)
        .select_related("organisation", "organisation__country", "project", "opportunity")
        .prefetch_related(
            Prefetch(
                "sdg_targets", queryset=SdgTarget.objects.select_related("goal").order_by("code")
            ),
            Prefetch("project", queryset=Project.objects.prefetch_related("causes")),
        )
        .order_by("date", "pk")
    )
    book = RecordBook(entries=entries)
    by_year: dict[int, Decimal] = defaultdict(Decimal)
    by_cause: dict[str, Decimal] = defaultdict(Decimal)
    by_goal: dict[int, Decimal] = defaultdict(Decimal)
    values: dict[str, Decimal] = defaultdict(Decimal)
    for entry in entries:
        if entry.during_paid_work:
            book.paid_work_time += entry.hours
            continue
        book.total += entry.hours
        by_year[entry.date.year] += entry.hours
        for cause in entry.project.causes.all():
            by_cause[str(cause.name)] += entry.hours
        for goal in sorted({target.goal.number for target in entry.sdg_targets.all()}):
            by_goal[goal] += entry.hours
        if entry.value is not None:
            values[entry.currency] += entry.value
    book.by_year = dict(sorted(by_year.items()))
    book.by_cause = dict(sorted(by_cause.items(), key=lambda item: (-item[1], item[0])))
    book.by_goal = dict(sorted(by_goal.items()))
    book.values = dict(sorted(values.items()))
    shown = references_for_volunteer(user=user).filter(shown_in_record_book=True)
    book.references = list(shown.order_by("written_at", "pk"))
    book.milestones = milestones_for(user=user)
    book.credentials = credentials_held(user=user)
    return book


# --- The organiser's pages ---------------------------------------------------------------------


def shifts_around_now(*, organisation: Organisation) -> QuerySet[Shift]:
    """The organisation's shifts from two days ago to tomorrow (the queue links their desks)."""
    now = timezone.now()
    return (
        Shift.objects.filter(
            opportunity__project__owner=organisation,
            start__lte=now + timedelta(days=1),
            end__gte=now - timedelta(days=2),
        )
        .select_related("opportunity")
        .order_by("start")[:20]
    )


def _desk_rows() -> QuerySet[Application]:
    return Application.objects.select_related("volunteer", "check_in__entry")


def desk_roster(*, shift: Shift) -> QuerySet[Application]:
    """The confirmed volunteers of a shift, by name, with their check-ins."""
    return (
        _desk_rows()
        .filter(shift=shift, status=ApplicationStatus.CONFIRMED)
        .order_by("volunteer__family_name", "volunteer__given_name", "pk")
    )


def desk_row(*, application_id: int) -> Application:
    """One volunteer's row of the desk's roster, as it reads after a scan."""
    return _desk_rows().get(pk=application_id)


def certificates_of_organisation(*, organisation: Organisation) -> QuerySet[Certificate]:
    """The organisation's latest 200 certificates, newest first."""
    return organisation.certificates.select_related("project").order_by("-issued_at", "-pk")[:200]


def volunteer_by_email(*, email: str) -> User:
    """The person with this email address (any case), or a ValidationError naming `email`."""
    return first_or_refuse(
        User.objects.filter(email__iexact=email),
        "email",
        _("Nobody has this email address here."),
    )


# --- The API's choices, by id or code ----------------------------------------------------------


def active_volunteer(*, pk: int) -> User:
    return first_or_refuse(
        User.objects.filter(pk=pk, is_active=True), "volunteer", _("There is no such volunteer.")
    )


def _chosen(rows: QuerySet[M], pk: object, field: str, message: str) -> M | None:
    """The row of `rows` with this key; none for no key, another key refused on `field`."""
    if pk is None or pk == "":
        return None
    return first_or_refuse(rows.filter(pk=pk), field, message)


def project_of_organisation(*, organisation: Organisation, pk: int | None) -> Project | None:
    projects = Project.objects.filter(owner=organisation)
    return _chosen(projects, pk, "project", _("This project belongs to another organisation."))


def opportunity_of_project(*, project: Project, pk: int | None) -> Opportunity | None:
    roles = Opportunity.objects.filter(project=project)
    return _chosen(roles, pk, "opportunity", _("This role belongs to another project."))


def isco_group_by_code(*, code: str | None) -> IscoGroup | None:
    groups = IscoGroup.objects.all()
    return _chosen(groups, code, "occupation_isco08", _("There is no such ISCO-08 group."))


def sdg_targets_by_code(*, codes: list[str] | None) -> list[SdgTarget] | None:
    if not codes:
        return None
    targets = list(SdgTarget.objects.filter(code__in=codes))
    missing = sorted(set(codes) - {target.code for target in targets})
    if missing:
        raise ValidationError(
            {"sdg_targets": _("Unknown SDG targets: %(codes)s.") % {"codes": ", ".join(missing)}}
        )
    return targets


def wage_rates(*, country: str | None = None, year: int | None = None) -> QuerySet[WageRate]:
    """The wage table, of one country and year when given."""
    rates = WageRate.objects.all()
    if country:
        rates = rates.filter(country_id=country.upper())
    if year:
        rates = rates.filter(year=year)
    return rates


# --- References, ratings of the experience and letters ---------------------------------------

# Reliability counts the confirmed places whose shifts ended in this many days.
RELIABILITY_DAYS = 730
# The places a volunteer is asked to rate, and an organiser to review: ended this recently.
RECENT_DAYS = 30


@dataclass(frozen=True)
class Reliability:
    shifts: int
    no_shows: int


def reliability_by_volunteer(*, volunteer_ids: Iterable[int]) -> dict[int, Reliability]:
    """Each volunteer's confirmed shifts that ended in the last two years, and how many of
    them an organiser's reference marks as a no-show; one query for them all."""
    now = timezone.now()
    rows = (
        Application.objects.filter(
            volunteer_id__in=list(volunteer_ids),
            status=ApplicationStatus.CONFIRMED,
            shift__end__lte=now,
            shift__end__gt=now - timedelta(days=RELIABILITY_DAYS),
        )
        .values("volunteer_id")
        .annotate(shifts=Count("pk"), no_shows=Count("pk", filter=Q(reference__no_show=True)))
        .order_by()
    )
    return {row["volunteer_id"]: Reliability(row["shifts"], row["no_shows"]) for row in rows}


def _recently_ended(now: datetime) -> Q:
    since = now - timedelta(days=RECENT_DAYS)
    return Q(shift__end__lte=now, shift__end__gt=since) | Q(
        shift__isnull=True, opportunity__last_end__lte=now, opportunity__last_end__gt=since
    )


def references_for_volunteer(*, user: User) -> QuerySet[Reference]:
    return (
        Reference.objects.filter(volunteer_id=user.pk)
        .select_related("organisation", "application__opportunity", "application__shift")
        .order_by("-written_at", "-pk")
    )


def places_to_rate(*, user: User) -> QuerySet[Application]:
    """The person's confirmed places that ended in the last 30 days, not yet rated."""
    return (
        Application.objects.filter(
            _recently_ended(timezone.now()),
            volunteer_id=user.pk,
            status=ApplicationStatus.CONFIRMED,
            experience_rating__isnull=True,
        )
        .select_related("opportunity", "opportunity__project__owner", "shift")
        .order_by("-pk")[:50]
    )


def experience_ratings_of_volunteer(*, user: User) -> QuerySet[ExperienceRating]:
    return (
        ExperienceRating.objects.filter(volunteer_id=user.pk)
        .select_related("organisation", "application__opportunity", "application__shift")
        .order_by("-rated_at", "-pk")
    )


@dataclass(frozen=True)
class ExperienceSummary:
    count: int
    average: Decimal | None
    # How many ratings of 5, 4, 3, 2 and 1.
    by_rating: dict[int, int]


def experience_summary(*, organisation_id: int) -> ExperienceSummary:
    """The average of the volunteers' ratings of the organisation and their spread; one
    query."""
    counts = {f"r{stars}": Count("pk", filter=Q(rating=stars)) for stars in range(1, 6)}
    row = ExperienceRating.objects.filter(organisation_id=organisation_id).aggregate(
        count=Count("pk"), average=Avg("rating"), **counts
    )
    average = row["average"]
    return ExperienceSummary(
        count=row["count"],
        average=Decimal(str(average)).quantize(Decimal("0.1")) if average is not None else None,
        by_rating={stars: row[f"r{stars}"] for stars in range(5, 0, -1)},
    )


def experience_comments(*, organisation_id: int) -> QuerySet[ExperienceRating]:
    """The latest 50 comments, without who wrote them."""
    return (
        ExperienceRating.objects.filter(organisation_id=organisation_id)
        .exclude(comment="")
        .only("rating", "comment", "rated_at")
        .order_by("-rated_at", "-pk")[:50]
    )


def places_to_review(*, organisation: Organisation) -> QuerySet[Application]:
    """The confirmed places on the organisation's opportunities that ended in the last 30
    days, with their references (the organiser writes or changes them)."""
    return (
        Application.objects.filter(
            _recently_ended(timezone.now()),
            opportunity__project__owner=organisation,
            status=ApplicationStatus.CONFIRMED,
        )
        .select_related("volunteer", "opportunity", "shift", "reference")
        .order_by("-shift__end", "volunteer__family_name", "pk")[:200]
    )


def letters_of_organisation(*, organisation: Organisation) -> QuerySet[RecommendationLetter]:
    return organisation.recommendation_letters.order_by("-issued_at", "-pk")[:200]


def letters_for_volunteer(*, user: User) -> QuerySet[RecommendationLetter]:
    return (
        RecommendationLetter.objects.filter(volunteer_id=user.pk)
        .select_related("organisation")
        .order_by("-issued_at", "-pk")
    )
