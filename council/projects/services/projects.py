"""Projects, their partners, opportunities and shifts: every write, with its rules.

Rules (the organiser pages and the API both go through these functions):

- A project is created as a draft by an organiser (admin or coordinator) of its owner.
- Publishing needs a draft project of a *verified* owner, a title in at least one language and
  at least one opportunity, each of which can take volunteers (a shift or an overall capacity).
- Only a published project is completed; a draft or published one may be cancelled. Completed
  and cancelled projects are closed: their partners, opportunities and shifts no longer change,
  their texts may still be corrected.
- Partners are verified organisations other than the owner. The project is joint when its
  organisations span more than one country (`Project.countries`, kept by `project_refresh`).
  A partner is not removed while an opportunity stands in a country only it brings.
- An onsite opportunity is in a city of the owner's or a partner's country; its coordinates and
  time zone come from the city unless given. An online opportunity has no city, address or
  coordinates; its time zone defaults to the owner's city's.
- A shift ends after it starts, starts in the future and has a capacity of at least one. Times
  are entered in the opportunity's time zone and stored in UTC. A shift that has started is no
  longer changed. A shift is not shrunk below its confirmed volunteers, and is not deleted while
  it has live applications (confirmed, pending or waitlisted): the organiser decides on them
  first, so nobody loses a place without being told. The shift row is locked while counting, the
  same lock `applications.application_submit` takes, so no seat is confirmed in between.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from typing import Any
from zoneinfo import ZoneInfo, available_timezones

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from council.audit.services import record
from council.lib.dates import date_problem
from council.orgs.models import Membership, Organisation, OrganisationStatus
from council.projects.access import ORGANISER_ROLES
from council.projects.models import (
    LIVE_STATUSES,
    Application,
    ApplicationStatus,
    Opportunity,
    OpportunityLanguage,
    Project,
    ProjectStatus,
    Shift,
)
from council.projects.services.applications import applications_close_for_project
from council.projects.services.index import opportunity_refresh, project_refresh
from council.reference.models import CefrLevel, Language

LANGUAGE_CODES = ("ru", "kk", "en")

PROJECT_FIELDS = (
    "title_ru",
    "title_kk",
    "title_en",
    "description_ru",
    "description_kk",
    "description_en",
    "start_date",
    "end_date",
    "is_flagship",
    "cover",
)

OPPORTUNITY_FIELDS = (
    "title_ru",
    "title_kk",
    "title_en",
    "description_ru",
    "description_kk",
    "description_en",
    "questions_ru",
    "questions_kk",
    "questions_en",
    "min_age",
    "medical_required",
    "restricted_category",
    "members_only",
    "is_online",
    "city",
    "address",
    "latitude",
    "longitude",
    "timezone",
    "application_mode",
    "capacity",
    "isco_group",
)

OPEN_STATUSES = (ProjectStatus.DRAFT, ProjectStatus.PUBLISHED)
MAX_AGE = 99
MAX_CAPACITY = 100_000
MAX_QUESTIONS = 20
MAX_SERIES_WEEKS = 52
MAX_LANGUAGE_REQUIREMENTS = 10


@cache
def time_zone_names() -> frozenset[str]:
    return frozenset(available_timezones())


# --- helpers --------------------------------------------------------------------------------


def _require_organiser(actor: Any, organisation_id: int) -> None:
    if actor is None or not actor.is_authenticated:
        raise PermissionDenied
    is_organiser = Membership.objects.filter(
        user=actor, organisation_id=organisation_id, role__in=ORGANISER_ROLES
    ).exists()
    if not is_organiser:
        raise PermissionDenied


def _audit(actor: Any, action: str, target: Any, project: Project, **data: Any) -> None:
    record(actor=actor, action=action, target=target, organisation_id=project.owner_id, data=data)


def _apply(instance: Any, allowed: Sequence[str], fields: dict[str, Any]) -> list[str]:
    """Set the given fields, return the names of those whose value changed."""
    changed = []
    for name, value in fields.items():
        if name not in allowed:
            raise ValueError(f"not an editable field: {name}")
        if getattr(instance, name) != value:
            setattr(instance, name, value)
            changed.append(name)
    return changed


def _has_title(instance: Any) -> bool:
    return any((getattr(instance, f"title_{code}") or "").strip() for code in LANGUAGE_CODES)


def _lock_project(project: Project) -> Project:
    return (
        Project.objects.select_for_update(of=("self",)).select_related("owner").get(pk=project.pk)
    )


def _require_open(project: Project) -> None:
    if project.status == ProjectStatus.COMPLETED:
        raise ValidationError(_("This project is completed; it can no longer be changed."))
    if project.status == ProjectStatus.CANCELLED:
        raise ValidationError(_("This project is cancelled; it can no longer be changed."))


def _set_m2m(instance: Any, name: str, values: Iterable[Any] | None) -> bool:
    if values is None:
        return False
    manager = getattr(instance, name)
    wanted = {value.pk for value in values}
    current = set(manager.values_list("pk", flat=True))
    if wanted == current:
        return False
    manager.set(sorted(wanted))
    return True


# --- projects -------------------------------------------------------------------------------


def _check_project(project: Project) -> None:
    errors: dict[str, str] = {}
    if not _has_title(project):
        errors["title_ru"] = _("Enter the title in at least one language.")
    if project.start_date and project.end_date and project.end_date < project.start_date:
        errors["end_date"] = _("The project cannot end before it starts.")
    if errors:
        raise ValidationError(errors)
    project.full_clean(exclude=["title", "description", "countries"], validate_constraints=False)


def _check_partners(project: Project, partners: Iterable[Organisation]) -> None:
    for partner in partners:
        if partner.pk == project.owner_id:
            raise ValidationError(
                {"partners": _("The owner organisation cannot also be a partner.")}
            )
        if partner.status != OrganisationStatus.VERIFIED:
            raise ValidationError(
                {"partners": _("%(name)s is not a verified organisation.") % {"name": partner.name}}
            )


def _partner_add(actor: Any, project: Project, organisation: Organisation) -> bool:
    _check_partners(project, [organisation])
    if project.partners.filter(pk=organisation.pk).exists():
        return False
    project.partners.add(organisation)
    _audit(
        actor,
        "project.partner_added",
        project,
        project,
        partner=organisation.pk,
        country=organisation.country_id,
    )
    return True


def _partner_remove(actor: Any, project: Project, organisation: Organisation) -> bool:
    if not project.partners.filter(pk=organisation.pk).exists():
        return False
    remaining = {project.owner.country_id}
    remaining.update(
        project.partners.exclude(pk=organisation.pk).values_list("country_id", flat=True)
    )
    stranded = (
        project.opportunities.filter(city__isnull=False)
        .exclude(city__country_id__in=remaining)
        .first()
    )
    if stranded is not None:
        raise ValidationError(
            {
                "partners": _(
                    "%(name)s cannot be removed: the opportunity “%(opportunity)s” is in its "
                    "country. Move the opportunity first."
                )
                % {"name": organisation.name, "opportunity": stranded.title}
            }
        )
    project.partners.remove(organisation)
    _audit(
        actor,
        "project.partner_removed",
        project,
        project,
        partner=organisation.pk,
        country=organisation.country_id,
    )
    return True


def _partners_set(actor: Any, project: Project, partners: Iterable[Organisation]) -> bool:
    wanted = {partner.pk: partner for partner in partners}
    _check_partners(project, wanted.values())
    current = {partner.pk: partner for partner in project.partners.all()}
    changed = False
    for pk in sorted(current.keys() - wanted.keys()):
        changed |= _partner_remove(actor, project, current[pk])
    for pk in sorted(wanted.keys() - current.keys()):
        changed |= _partner_add(actor, project, wanted[pk])
    return changed


@transaction.atomic
def project_create(
    *,
    actor: Any,
    owner: Organisation,
    causes: Iterable[Any] = (),
    sdg_targets: Iterable[Any] = (),
    partners: Iterable[Organisation] = (),
    **fields: Any,
) -> Project:
    """Create a draft project owned by an organisation the actor organises for."""
    _require_organiser(actor, owner.pk)
    project = Project(owner=owner, created_by=actor, status=ProjectStatus.DRAFT)
    _apply(project, PROJECT_FIELDS, fields)
    _check_project(project)
    partners = list(partners)
    _check_partners(project, partners)
    project.save()
    project.causes.set(list(causes))
    project.sdg_targets.set(list(sdg_targets))
    _audit(actor, "project.created", project, project, title=str(project.title))
    for partner in partners:
        _partner_add(actor, project, partner)
    project_refresh(project=project)
    return project


@transaction.atomic
def project_update(
    *,
    actor: Any,
    project: Project,
    causes: Iterable[Any] | None = None,
    sdg_targets: Iterable[Any] | None = None,
    partners: Iterable[Organisation] | None = None,
    **fields: Any,
) -> Project:
    """Change a project's texts, dates, classification and partners. `None` leaves a relation
    as it is."""
    project = _lock_project(project)
    _require_organiser(actor, project.owner_id)
    changed = _apply(project, PROJECT_FIELDS, fields)
    _check_project(project)
    if changed:
        project.save(update_fields=changed)
    for name, values in (("causes", causes), ("sdg_targets", sdg_targets)):
        if _set_m2m(project, name, values):
            changed.append(name)
    if changed:
        _audit(actor, "project.updated", project, project, fields=changed)
    if partners is not None:
        partners = list(partners)
        if {p.pk for p in partners} != set(project.partners.values_list("pk", flat=True)):
            _require_open(project)
            _partners_set(actor, project, partners)
    project_refresh(project=project)
    return project


@transaction.atomic
def project_partner_add(*, actor: Any, project: Project, organisation: Organisation) -> Project:
    project = _lock_project(project)
    _require_organiser(actor, project.owner_id)
    _require_open(project)
    if _partner_add(actor, project, organisation):
        project_refresh(project=project)
    return project


@transaction.atomic
def project_partner_remove(*, actor: Any, project: Project, organisation: Organisation) -> Project:
    project = _lock_project(project)
    _require_organiser(actor, project.owner_id)
    _require_open(project)
    if _partner_remove(actor, project, organisation):
        project_refresh(project=project)
    return project


def _set_status(actor: Any, project: Project, status: str, action: str) -> Project:
    previous = project.status
    project.status = status
    project.save(update_fields=["status"])
    _audit(actor, action, project, project, **{"from": previous, "to": status})
    project_refresh(project=project)
    return project


@transaction.atomic
def project_publish(*, actor: Any, project: Project) -> Project:
    """Make a draft public; its opportunities become searchable and open for applications."""
    project = _lock_project(project)
    _require_organiser(actor, project.owner_id)
    if project.status != ProjectStatus.DRAFT:
        raise ValidationError(_("Only a draft project can be published."))
    problems = []
    if project.owner.status != OrganisationStatus.VERIFIED:
        problems.append(_("The owner organisation must be verified by its national network first."))
    if not _has_title(project):
        problems.append(_("Enter the title in at least one language."))
    opportunities = list(project.opportunities.all())
    if not opportunities:
        problems.append(_("Add at least one opportunity first."))
    with_shifts = set(
        Shift.objects.filter(opportunity__project=project).values_list("opportunity_id", flat=True)
    )
    for opportunity in opportunities:
        if opportunity.pk not in with_shifts and opportunity.capacity < 1:
            problems.append(
                _("The opportunity “%(title)s” needs shifts or a capacity.")
                % {"title": opportunity.title}
            )
    if problems:
        raise ValidationError(problems)
    return _set_status(actor, project, ProjectStatus.PUBLISHED, "project.published")


@transaction.atomic
def project_complete(*, actor: Any, project: Project) -> Project:
    project = _lock_project(project)
    _require_organiser(actor, project.owner_id)
    if project.status != ProjectStatus.PUBLISHED:
        raise ValidationError(_("Only a published project can be completed."))
    return _set_status(actor, project, ProjectStatus.COMPLETED, "project.completed")


@transaction.atomic
def project_cancel(*, actor: Any, project: Project) -> Project:
    project = _lock_project(project)
    _require_organiser(actor, project.owner_id)
    if project.status not in OPEN_STATUSES:
        raise ValidationError(_("Only a draft or published project can be cancelled."))
    project = _set_status(actor, project, ProjectStatus.CANCELLED, "project.cancelled")
    applications_close_for_project(actor=actor, project=project)
    return project


# --- opportunities --------------------------------------------------------------------------


def _default_time_zone(opportunity: Opportunity) -> str:
    if opportunity.city is not None:
        return opportunity.city.timezone
    owner_city = opportunity.project.owner.city
    return owner_city.timezone if owner_city is not None else "UTC"


def _fill_place(opportunity: Opportunity) -> None:
    """Coordinates and time zone from the city when not given."""
    city = opportunity.city
    unplaced = opportunity.latitude is None and opportunity.longitude is None
    if city is not None and not opportunity.is_online and unplaced:
        opportunity.latitude, opportunity.longitude = city.latitude, city.longitude
    if not opportunity.timezone:
        opportunity.timezone = _default_time_zone(opportunity)


def _check_opportunity(opportunity: Opportunity, project: Project) -> None:
    errors: dict[str, str] = {}
    if not _has_title(opportunity):
        errors["title_ru"] = _("Enter the title in at least one language.")
    if opportunity.is_online:
        if opportunity.city_id is not None:
            errors["city"] = _("An online opportunity has no city; clear the city.")
        if opportunity.address.strip():
            errors["address"] = _("An online opportunity has no address; clear the address.")
        if opportunity.latitude is not None or opportunity.longitude is not None:
            errors["latitude"] = _("An online opportunity has no coordinates.")
    elif opportunity.city is None:
        errors["city"] = _("Choose the city, or mark the opportunity as online.")
    elif opportunity.city.country_id not in project.countries:
        errors["city"] = _(
            "The city must be in the country of the owner organisation or of a partner."
        )
    if (opportunity.latitude is None) != (opportunity.longitude is None):
        errors["latitude"] = _("Enter both latitude and longitude, or neither.")
    if opportunity.latitude is not None and not -90 <= opportunity.latitude <= 90:
        errors["latitude"] = _("Latitude is between -90 and 90.")
    if opportunity.longitude is not None and not -180 <= opportunity.longitude <= 180:
        errors["longitude"] = _("Longitude is between -180 and 180.")
    if opportunity.timezone not in time_zone_names():
        errors["timezone"] = _("Choose a time zone from the list.")
    if opportunity.min_age > MAX_AGE:
        errors["min_age"] = _("Enter an age of at most %(age)d.") % {"age": MAX_AGE}
    if opportunity.capacity > MAX_CAPACITY:
        errors["capacity"] = _("Enter a capacity of at most %(number)d.") % {"number": MAX_CAPACITY}
    for code in LANGUAGE_CODES:
        questions = getattr(opportunity, f"questions_{code}") or ""
        if len([line for line in questions.splitlines() if line.strip()]) > MAX_QUESTIONS:
            errors[f"questions_{code}"] = _("Ask at most %(number)d questions.") % {
                "number": MAX_QUESTIONS
            }
    if errors:
        raise ValidationError(errors)
    opportunity.full_clean(exclude=["title", "description", "questions", "project"])


def _check_capacity_covers_confirmed(opportunity: Opportunity) -> None:
    """Without shifts, the opportunity's capacity is the seat pool; the caller holds its lock."""
    confirmed = Application.objects.filter(
        opportunity=opportunity, shift__isnull=True, status=ApplicationStatus.CONFIRMED
    ).count()
    if opportunity.capacity < confirmed:
        raise ValidationError(
            {
                "capacity": _(
                    "%(count)d volunteers are already confirmed; the capacity cannot be lower."
                )
                % {"count": confirmed}
            }
        )


def _languages_set(
    actor: Any,
    opportunity: Opportunity,
    requirements: Sequence[tuple[Language, str]],
) -> bool:
    wanted: dict[str, str] = {}
    for language, level in requirements:
        if level not in CefrLevel.values:
            raise ValidationError({"languages": _("Choose a valid language level.")})
        if language.pk in wanted:
            raise ValidationError(
                {"languages": _("%(language)s is listed twice.") % {"language": language.name}}
            )
        wanted[language.pk] = level
    if len(wanted) > MAX_LANGUAGE_REQUIREMENTS:
        raise ValidationError(
            {
                "languages": _("Require at most %(number)d languages.")
                % {"number": MAX_LANGUAGE_REQUIREMENTS}
            }
        )
    current = dict(opportunity.languages.values_list("language_id", "min_level"))
    if current == wanted:
        return False
    opportunity.languages.exclude(language_id__in=list(wanted)).delete()
    for code, level in wanted.items():
        if current.get(code) != level:
            OpportunityLanguage.objects.update_or_create(
                opportunity=opportunity, language_id=code, defaults={"min_level": level}
            )
    _audit(
        actor,
        "opportunity.languages_set",
        opportunity,
        opportunity.project,
        languages=wanted,
    )
    return True


@transaction.atomic
def opportunity_create(
    *,
    actor: Any,
    project: Project,
    skills: Iterable[Any] = (),
    languages: Sequence[tuple[Language, str]] = (),
    **fields: Any,
) -> Opportunity:
    project = _lock_project(project)
    _require_organiser(actor, project.owner_id)
    _require_open(project)
    fields.setdefault("timezone", "")
    opportunity = Opportunity(project=project)
    _apply(opportunity, OPPORTUNITY_FIELDS, fields)
    _fill_place(opportunity)
    _check_opportunity(opportunity, project)
    opportunity.save()
    opportunity.skills.set(list(skills))
    _audit(actor, "opportunity.created", opportunity, project, title=str(opportunity.title))
    _languages_set(actor, opportunity, languages)
    return opportunity_refresh(opportunity=opportunity)


@transaction.atomic
def opportunity_update(
    *,
    actor: Any,
    opportunity: Opportunity,
    skills: Iterable[Any] | None = None,
    languages: Sequence[tuple[Language, str]] | None = None,
    **fields: Any,
) -> Opportunity:
    """Change an opportunity. When the city changes and the coordinates or time zone were not
    changed with it, they follow the new city."""
    # The opportunity row guards the seats of an opportunity without shifts.
    opportunity = (
        Opportunity.objects.select_for_update(of=("self",))
        .select_related("project__owner__city", "city")
        .get(pk=opportunity.pk)
    )
    project = opportunity.project
    _require_organiser(actor, project.owner_id)
    _require_open(project)
    before = {name: getattr(opportunity, name) for name in OPPORTUNITY_FIELDS}
    city_before = opportunity.city_id
    _apply(opportunity, OPPORTUNITY_FIELDS, fields)
    if opportunity.city_id != city_before:
        if (opportunity.latitude, opportunity.longitude) == (
            before["latitude"],
            before["longitude"],
        ):
            opportunity.latitude = opportunity.longitude = None
        if opportunity.timezone == before["timezone"]:
            opportunity.timezone = ""
    _fill_place(opportunity)
    _check_opportunity(opportunity, project)
    changed = [name for name in OPPORTUNITY_FIELDS if getattr(opportunity, name) != before[name]]
    if "capacity" in changed:
        _check_capacity_covers_confirmed(opportunity)
    if changed:
        opportunity.save(update_fields=changed)
    if _set_m2m(opportunity, "skills", skills):
        changed.append("skills")
    if changed:
        _audit(actor, "opportunity.updated", opportunity, project, fields=changed)
    if languages is not None:
        _languages_set(actor, opportunity, languages)
    return opportunity_refresh(opportunity=opportunity)


@transaction.atomic
def opportunity_language_set(
    *,
    actor: Any,
    opportunity: Opportunity,
    requirements: Sequence[tuple[Language, str]],
) -> Opportunity:
    """Replace the opportunity's language requirements: (language, minimum CEFR level)."""
    opportunity = Opportunity.objects.select_related("project__owner").get(pk=opportunity.pk)
    _require_organiser(actor, opportunity.project.owner_id)
    _require_open(opportunity.project)
    _languages_set(actor, opportunity, requirements)
    return opportunity_refresh(opportunity=opportunity)


# --- shifts ---------------------------------------------------------------------------------


def local_datetime(day: date, at: time, zone: str) -> datetime:
    """A wall-clock time in a time zone, in UTC; a time skipped by a clock change is refused."""
    naive = datetime.combine(day, at)
    aware = naive.replace(tzinfo=ZoneInfo(zone))
    in_utc = aware.astimezone(UTC)
    if in_utc.astimezone(ZoneInfo(zone)).replace(tzinfo=None) != naive:
        raise ValidationError(
            _("%(time)s does not exist in %(zone)s on %(day)s (the clocks change).")
            % {"time": at.strftime("%H:%M"), "zone": zone, "day": day.isoformat()}
        )
    return in_utc


def _check_shift(start: datetime, end: datetime, capacity: int) -> None:
    errors: dict[str, str] = {}
    if end <= start:
        errors["end"] = _("The shift must end after it starts.")
    if start <= timezone.now():
        errors["start"] = _("The shift must start in the future.")
    if errors:
        raise ValidationError(errors)
    _check_capacity(capacity)


def _check_capacity(capacity: int) -> None:
    if capacity < 1:
        raise ValidationError({"capacity": _("A shift takes at least one volunteer.")})
    if capacity > MAX_CAPACITY:
        raise ValidationError(
            {"capacity": _("Enter a capacity of at most %(number)d.") % {"number": MAX_CAPACITY}}
        )


def _open_opportunity(actor: Any, opportunity: Opportunity) -> Opportunity:
    opportunity = Opportunity.objects.select_related("project__owner").get(pk=opportunity.pk)
    _require_organiser(actor, opportunity.project.owner_id)
    _require_open(opportunity.project)
    return opportunity


def _lock_shift(actor: Any, shift: Shift) -> Shift:
    shift = (
        Shift.objects.select_for_update(of=("self",))
        .select_related("opportunity__project__owner")
        .get(pk=shift.pk)
    )
    _require_organiser(actor, shift.opportunity.project.owner_id)
    _require_open(shift.opportunity.project)
    if shift.start <= timezone.now():
        raise ValidationError(_("This shift has already started; it can no longer be changed."))
    return shift


def _shift_data(shift: Shift) -> dict[str, Any]:
    return {
        "start": shift.start.isoformat(),
        "end": shift.end.isoformat(),
        "capacity": shift.capacity,
    }


@transaction.atomic
def shift_create(
    *, actor: Any, opportunity: Opportunity, start: datetime, end: datetime, capacity: int
) -> Shift:
    opportunity = _open_opportunity(actor, opportunity)
    _check_shift(start, end, capacity)
    shift = Shift(opportunity=opportunity, start=start, end=end, capacity=capacity)
    shift.full_clean()
    shift.save()
    _audit(actor, "shift.created", shift, opportunity.project, **_shift_data(shift))
    opportunity_refresh(opportunity=opportunity)
    return shift


@transaction.atomic
def shift_series_create(
    *,
    actor: Any,
    opportunity: Opportunity,
    first_date: date,
    weekdays: Iterable[int],
    start_time: time,
    end_time: time,
    weeks: int,
    capacity: int,
) -> list[Shift]:
    """Shifts on the given weekdays (0 = Monday) from `first_date` for `weeks` weeks, from
    `start_time` to `end_time` on the opportunity's local clock. All or none are created."""
    opportunity = _open_opportunity(actor, opportunity)
    days = set(weekdays)
    if not days or not days <= set(range(7)):
        raise ValidationError({"weekdays": _("Choose at least one day of the week.")})
    if not 1 <= weeks <= MAX_SERIES_WEEKS:
        raise ValidationError(
            {"weeks": _("Enter 1 to %(number)d weeks.") % {"number": MAX_SERIES_WEEKS}}
        )
    if end_time <= start_time:
        raise ValidationError({"end_time": _("The shift must end after it starts.")})
    problem = date_problem(first_date)
    if problem is not None:
        raise ValidationError({"first_date": problem})
    _check_capacity(capacity)
    shifts = []
    for offset in range(weeks * 7):
        day = first_date + timedelta(days=offset)
        if day.weekday() not in days:
            continue
        try:
            start = local_datetime(day, start_time, opportunity.timezone)
            end = local_datetime(day, end_time, opportunity.timezone)
        except ValidationError as error:
            raise ValidationError({"start_time": error.messages}) from error
        if start <= timezone.now():
            raise ValidationError(
                {"first_date": _("Every shift of the series must start in the future.")}
            )
        if end <= start:
            raise ValidationError({"end_time": _("The shift must end after it starts.")})
        shift = Shift(opportunity=opportunity, start=start, end=end, capacity=capacity)
        # The opportunity and start < end are checked above; skip a lookup per shift.
        shift.full_clean(exclude=["opportunity"], validate_constraints=False)
        shift.save()
        shifts.append(shift)
    if not shifts:
        raise ValidationError({"weekdays": _("None of the chosen days falls within the series.")})
    _audit(
        actor,
        "shift.series_created",
        opportunity,
        opportunity.project,
        shifts=[shift.pk for shift in shifts],
        first=shifts[0].start.isoformat(),
        last=shifts[-1].start.isoformat(),
        capacity=capacity,
    )
    opportunity_refresh(opportunity=opportunity)
    return shifts


@transaction.atomic
def shift_update(
    *, actor: Any, shift: Shift, start: datetime, end: datetime, capacity: int
) -> Shift:
    shift = _lock_shift(actor, shift)
    _check_shift(start, end, capacity)
    confirmed = Application.objects.filter(shift=shift, status=ApplicationStatus.CONFIRMED).count()
    if capacity < confirmed:
        raise ValidationError(
            {
                "capacity": _(
                    "%(count)d volunteers are already confirmed; the capacity cannot be lower."
                )
                % {"count": confirmed}
            }
        )
    previous = _shift_data(shift)
    shift.start, shift.end, shift.capacity = start, end, capacity
    if _shift_data(shift) == previous:
        return shift
    shift.full_clean()
    shift.save(update_fields=["start", "end", "capacity"])
    _audit(
        actor,
        "shift.updated",
        shift,
        shift.opportunity.project,
        before=previous,
        **_shift_data(shift),
    )
    opportunity_refresh(opportunity=shift.opportunity)
    return shift


@transaction.atomic
def shift_delete(*, actor: Any, shift: Shift) -> None:
    shift = _lock_shift(actor, shift)
    live = Application.objects.filter(shift=shift, status__in=LIVE_STATUSES)
    if live.filter(status=ApplicationStatus.CONFIRMED).exists():
        raise ValidationError(_("This shift has confirmed volunteers; it cannot be deleted."))
    if live.exists():
        raise ValidationError(
            _("This shift has open applications; decide on them before deleting it.")
        )
    opportunity = shift.opportunity
    _audit(actor, "shift.deleted", shift, opportunity.project, **_shift_data(shift))
    shift.delete()
    opportunity_refresh(opportunity=opportunity)
