"""What every organiser's write shares: who may write, the rule that closed projects stay as
they are, the audit event, the limits, and fields set by name.

A service that edits a record takes its fields as keyword-only parameters; a parameter left
out is `NOT_GIVEN`: the field keeps its value (its model default, for a new record)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from enum import Enum
from typing import Any, Final, TypedDict

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model
from django.utils.translation import gettext as _

from council.accounts.models import User
from council.audit.services import record
from council.lib.forms import translated_fields
from council.lib.locks import lock_with
from council.lib.mirrors import ensure_local
from council.orgs.models import Membership
from council.projects.access import ORGANISER_ROLES
from council.projects.models import Project, ProjectStatus
from council.reference.models import City, IscoGroup

OPEN_STATUSES = (ProjectStatus.DRAFT, ProjectStatus.PUBLISHED)
MAX_CAPACITY = 100_000
MAX_TEAM_SIZE = 100
MAX_NAMES_DAYS = 60


class NotGiven(Enum):
    """The value of a keyword parameter left out."""

    NOT_GIVEN = "not given"


NOT_GIVEN: Final = NotGiven.NOT_GIVEN


def given_fields(values: Mapping[str, object], names: Sequence[str]) -> dict[str, Any]:
    """The fields among `names` whose parameter was given (`values` is the service's
    `locals()` before anything else runs)."""
    return {name: values[name] for name in names if values.get(name, NOT_GIVEN) is not NOT_GIVEN}


def known_fields(given: Mapping[str, object], names: Sequence[str]) -> dict[str, Any]:
    """`given_fields` for a service's keyword fields: in the order of `names`, and a name
    that is not among them is refused as a misspelt keyword argument would be."""
    unknown = sorted(set(given) - set(names))
    if unknown:
        raise TypeError(f"unexpected keyword arguments: {', '.join(unknown)}")
    return given_fields(given, names)


class TextFields(TypedDict, total=False):
    """The translated title and description of a project or an opportunity."""

    title_ru: str
    title_kk: str
    title_en: str
    description_ru: str
    description_kk: str
    description_en: str


class ProjectFields(TextFields, total=False):
    """The fields project_create and project_update write (PROJECT_FIELDS)."""

    start_date: date | None
    end_date: date | None
    is_flagship: bool
    cover: object


class OpportunityFields(TextFields, total=False):
    """The fields opportunity_create and opportunity_update write (OPPORTUNITY_FIELDS)."""

    questions_ru: str
    questions_kk: str
    questions_en: str
    min_age: int
    medical_required: bool
    restricted_category: str
    members_only: bool
    is_online: bool
    city: City | None
    address: str
    latitude: float | None
    longitude: float | None
    timezone: str
    application_mode: str
    capacity: int
    isco_group: IscoGroup | None
    team_max_size: int
    team_split_allowed: bool
    team_names_days: int
    handover_needs_approval: bool


def require_organiser(actor: User | None, organisation_id: int) -> None:
    if actor is None or not actor.is_authenticated:
        raise PermissionDenied
    is_organiser = Membership.objects.filter(
        user=actor, organisation_id=organisation_id, role__in=ORGANISER_ROLES
    ).exists()
    if not is_organiser:
        raise PermissionDenied


def audit(actor: User, action: str, target: Model, project: Project, **data: Any) -> None:
    record(actor=actor, action=action, target=target, organisation_id=project.owner_id, data=data)


def apply_fields(instance: Model, allowed: Sequence[str], fields: Mapping[str, Any]) -> list[str]:
    """Set the given fields, return the names of those whose value changed."""
    changed = []
    for name, value in fields.items():
        if name not in allowed:
            raise ValueError(f"not an editable field: {name}")
        if getattr(instance, name) != value:
            setattr(instance, name, value)
            changed.append(name)
    return changed


def has_title(instance: Model) -> bool:
    return any((getattr(instance, name) or "").strip() for name in translated_fields("title"))


def lock_project(project: Project) -> Project:
    """The project locked for a change; another node's (mirrored) project is refused."""
    project = lock_with(Project, project.pk, "owner")
    ensure_local(project)
    return project


def require_open(project: Project) -> None:
    ensure_local(project)  # another node's project is changed there
    if project.status == ProjectStatus.COMPLETED:
        raise ValidationError(_("This project is completed; it can no longer be changed."))
    if project.status == ProjectStatus.CANCELLED:
        raise ValidationError(_("This project is cancelled; it can no longer be changed."))


def require_open_to(actor: User | None, project: Project) -> None:
    """The actor organises for the project's owner, and the project is not closed."""
    require_organiser(actor, project.owner_id)
    require_open(project)


def set_m2m(instance: Model, name: str, values: Iterable[Model] | None) -> bool:
    if values is None:
        return False
    manager = getattr(instance, name)
    wanted = {value.pk for value in values}
    current = set(manager.values_list("pk", flat=True))
    if wanted == current:
        return False
    manager.set(sorted(wanted))
    return True


def check_covers_confirmed(capacity: int, confirmed: int) -> None:
    """A seat pool is not shrunk below the volunteers it has confirmed."""
    if capacity < confirmed:
        raise ValidationError(
            {
                "capacity": _(
                    "%(count)d volunteers are already confirmed; the capacity cannot be lower."
                )
                % {"count": confirmed}
            }
        )


def check_capacity_limit(capacity: int) -> dict[str, str]:
    """The error of a capacity over the limit, by field (empty when within it)."""
    if capacity > MAX_CAPACITY:
        return {"capacity": _("Enter a capacity of at most %(number)d.") % {"number": MAX_CAPACITY}}
    return {}
