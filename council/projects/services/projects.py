"""Projects and their partners: create, change, publish, complete, cancel.

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

Opportunities are in `opportunities.py`, shifts in `shifts.py`.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from typing import Unpack

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from council.accounts.models import User
from council.lib.mirrors import ensure_local
from council.lib.updates import save_fields
from council.orgs.models import Organisation, OrganisationStatus
from council.projects.fields import PROJECT_FIELDS
from council.projects.models import Project, ProjectStatus, Shift
from council.projects.services.applications import applications_close_for_project
from council.projects.services.index import project_refresh
from council.projects.services.organising import (
    OPEN_STATUSES,
    ProjectFields,
    apply_fields,
    audit,
    has_title,
    known_fields,
    lock_project,
    require_open,
    require_open_to,
    require_organiser,
    set_m2m,
)
from council.reference.models import Cause, SdgTarget


class ProjectValues(ProjectFields, total=False):
    """The keywords of project_create and project_update: the project's fields, its causes,
    SDG targets and partners."""

    causes: Iterable[Cause] | None
    sdg_targets: Iterable[SdgTarget] | None
    partners: Iterable[Organisation] | None


def _check_project(project: Project) -> None:
    errors: dict[str, str] = {}
    if not has_title(project):
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


def _partner_audit(actor: User, action: str, project: Project, organisation: Organisation) -> None:
    audit(
        actor,
        action,
        project,
        project,
        partner=organisation.pk,
        country=organisation.country_id,
    )


def _partner_add(actor: User, project: Project, organisation: Organisation) -> bool:
    _check_partners(project, [organisation])
    if project.partners.filter(pk=organisation.pk).exists():
        return False
    project.partners.add(organisation)
    _partner_audit(actor, "project.partner_added", project, organisation)
    return True


def _partner_remove(actor: User, project: Project, organisation: Organisation) -> bool:
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
    _partner_audit(actor, "project.partner_removed", project, organisation)
    return True


def _partners_set(actor: User, project: Project, partners: Iterable[Organisation]) -> bool:
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
def project_create(*, actor: User, owner: Organisation, **values: Unpack[ProjectValues]) -> Project:
    """Create a draft project owned by an organisation the actor organises for. Fields left
    out take the model's default, relations left out are empty."""
    ensure_local(owner)
    causes, sdg_targets = values.pop("causes", None) or (), values.pop("sdg_targets", None) or ()
    partners = list(values.pop("partners", None) or ())
    given = known_fields(values, PROJECT_FIELDS)
    require_organiser(actor, owner.pk)
    project = Project(owner=owner, created_by=actor, status=ProjectStatus.DRAFT)
    apply_fields(project, PROJECT_FIELDS, given)
    _check_project(project)
    _check_partners(project, partners)
    project.save()
    project.causes.set(list(causes))
    project.sdg_targets.set(list(sdg_targets))
    audit(actor, "project.created", project, project, title=str(project.title))
    for partner in partners:
        _partner_add(actor, project, partner)
    project_refresh(project=project)
    return project


@transaction.atomic
def project_update(*, actor: User, project: Project, **values: Unpack[ProjectValues]) -> Project:
    """Change a project's texts, dates, classification and partners. A field left out keeps
    its value; a relation left out or `None` stays as it is."""
    causes, sdg_targets = values.pop("causes", None), values.pop("sdg_targets", None)
    partners = values.pop("partners", None)
    given = known_fields(values, PROJECT_FIELDS)
    project = lock_project(project)
    require_organiser(actor, project.owner_id)
    changed = apply_fields(project, PROJECT_FIELDS, given)
    _check_project(project)
    if changed:
        project.save(update_fields=changed)
    for name, rows in (("causes", causes), ("sdg_targets", sdg_targets)):
        if set_m2m(project, name, rows):
            changed.append(name)
    if changed:
        audit(actor, "project.updated", project, project, fields=changed)
    if partners is not None:
        partners = list(partners)
        if {p.pk for p in partners} != set(project.partners.values_list("pk", flat=True)):
            require_open(project)
            _partners_set(actor, project, partners)
    project_refresh(project=project)
    return project


def _partner_change(
    change: Callable[[User, Project, Organisation], bool],
    actor: User,
    project: Project,
    organisation: Organisation,
) -> Project:
    project = lock_project(project)
    require_open_to(actor, project)
    if change(actor, project, organisation):
        project_refresh(project=project)
    return project


@transaction.atomic
def project_partner_add(*, actor: User, project: Project, organisation: Organisation) -> Project:
    return _partner_change(_partner_add, actor, project, organisation)


@transaction.atomic
def project_partner_remove(*, actor: User, project: Project, organisation: Organisation) -> Project:
    return _partner_change(_partner_remove, actor, project, organisation)


def _locked_in(actor: User, project: Project, statuses: Collection[str], refusal: str) -> Project:
    """The project locked for a change of status, which its organisers make from one of
    `statuses` (else the `refusal`)."""
    project = lock_project(project)
    require_organiser(actor, project.owner_id)
    if project.status not in statuses:
        raise ValidationError(refusal)
    return project


def _set_status(actor: User, project: Project, status: str, action: str) -> Project:
    previous = project.status
    save_fields(project, status=status)
    audit(actor, action, project, project, **{"from": previous, "to": status})
    project_refresh(project=project)
    return project


def _publish_problems(project: Project) -> list[str]:
    problems = []
    if project.owner.status != OrganisationStatus.VERIFIED:
        problems.append(_("The owner organisation must be verified by its national network first."))
    if not has_title(project):
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
    return problems


@transaction.atomic
def project_publish(*, actor: User, project: Project) -> Project:
    """Make a draft public; its opportunities become searchable and open for applications."""
    project = _locked_in(
        actor, project, (ProjectStatus.DRAFT,), _("Only a draft project can be published.")
    )
    problems = _publish_problems(project)
    if problems:
        raise ValidationError(problems)
    return _set_status(actor, project, ProjectStatus.PUBLISHED, "project.published")


@transaction.atomic
def project_complete(*, actor: User, project: Project) -> Project:
    project = _locked_in(
        actor, project, (ProjectStatus.PUBLISHED,), _("Only a published project can be completed.")
    )
    return _set_status(actor, project, ProjectStatus.COMPLETED, "project.completed")


@transaction.atomic
def project_cancel(*, actor: User, project: Project) -> Project:
    project = _locked_in(
        actor, project, OPEN_STATUSES, _("Only a draft or published project can be cancelled.")
    )
    project = _set_status(actor, project, ProjectStatus.CANCELLED, "project.cancelled")
    applications_close_for_project(actor=actor, project=project)
    return project
