"""Who may see or change projects, opportunities and applications. Built on the organisation
access rules in council/orgs/access.py: an object of another organisation is a 404, a plain
member attempting an organiser's write gets a 403."""

from __future__ import annotations

from functools import cache

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from council.accounts.http import Viewer
from council.lib.mirrors import local_or_404
from council.orgs.models import ORGANISER_ROLES as ORGANISER_ROLES  # used across projects
from council.orgs.models import Membership, Organisation
from council.projects.models import (
    Application,
    CalendarFeed,
    Handover,
    HandoverStatus,
    Opportunity,
    Project,
    ProjectStatus,
    Shift,
    Team,
    TeamInvite,
)


def _role(user: Viewer, organisation_id: int) -> str | None:
    if not user.is_authenticated:
        return None
    return (
        Membership.objects.filter(user=user, organisation_id=organisation_id)
        .values_list("role", flat=True)
        .first()
    )


def visible_opportunities(*, user: Viewer, project: Project) -> QuerySet[Opportunity]:
    """The project's opportunities as this person may see them: those for the owner's members
    only (a company's employee programme) for its members alone."""
    opportunities = project.opportunities.all()
    if _role(user, project.owner_id) is None:
        opportunities = opportunities.filter(members_only=False)
    return opportunities


def is_organiser(*, user: Viewer, project: Project) -> bool:
    """An admin or coordinator of the owner; nobody organises another node's project here."""
    return not project.is_mirrored and _role(user, project.owner_id) in ORGANISER_ROLES


def get_project_for_viewer(*, user: Viewer, pk: int) -> Project:
    """Published, completed and cancelled projects are public; a draft only for its owner's
    members."""
    project: Project = get_object_or_404(
        Project.objects.select_related("owner", "owner__country"), pk=pk
    )
    _check_visible(user, project)
    return project


def _check_visible(user: Viewer, project: Project) -> None:
    if project.status == ProjectStatus.DRAFT and _role(user, project.owner_id) is None:
        raise Http404


def get_project_for_editor(*, user: Viewer, pk: int) -> Project:
    project: Project = local_or_404(
        get_object_or_404(Project.objects.select_related("owner"), pk=pk)
    )
    role = _role(user, project.owner_id)
    if role is None:
        raise Http404
    if role not in ORGANISER_ROLES:
        raise PermissionDenied
    return project


def get_opportunity_for_viewer(*, user: Viewer, pk: int) -> Opportunity:
    opportunity: Opportunity = get_object_or_404(
        Opportunity.objects.select_related("project", "project__owner", "city", "country"), pk=pk
    )
    _check_visible(user, opportunity.project)
    if opportunity.members_only and _role(user, opportunity.project.owner_id) is None:
        raise Http404  # a company's employee programme
    return opportunity


_TITLES = [f"title{suffix}" for suffix in ("", "_ru", "_kk", "_en")]
# What applying reads (the service, its audit event, the API's answer) and nothing more.
_APPLYING_OPPORTUNITY = (
    "id",
    "project_id",
    *_TITLES,
    *(f"questions{suffix}" for suffix in ("", "_ru", "_kk", "_en")),
    "application_mode",
    "min_age",
    "restricted_category",
    "members_only",
    "medical_required",
    # Names the credentials it requires (none: no query for them).
    "match_signals",
    "capacity",
    "timezone",
    "is_published",
    "first_start",
    "last_end",
    "origin_node",  # another node's opportunity is applied for from the volunteer's home node
    "remote_taken",
)
# Text and integer columns only: the project is built from them without converters. In the
# order of the model's fields, as `Model.from_db` takes a subset of them.
_APPLYING_PROJECT = tuple(
    field.attname
    for field in Project._meta.concrete_fields
    if field.attname in {"id", "owner_id", "status", *_TITLES}
)


@cache
def _applicant_sql() -> str:
    """Written once per process: the ORM took longer to build this joined read than the
    database to answer it, on every application."""
    opportunity = ", ".join(
        f"o.{Opportunity._meta.get_field(name).column}" for name in _APPLYING_OPPORTUNITY
    )
    project = ", ".join(f"p.{name} AS project_row_{name}" for name in _APPLYING_PROJECT)
    return (
        f"SELECT {opportunity}, {project} FROM {Opportunity._meta.db_table} o "  # noqa: S608
        f"JOIN {Project._meta.db_table} p ON p.id = o.project_id WHERE o.id = %s"
    )


def get_opportunity_for_applicant(*, user: Viewer, pk: int) -> Opportunity:
    """The opportunity someone applies to, with its project, under the same rule as
    `get_opportunity_for_viewer` (a draft's opportunity is a 404 to outsiders); only the
    columns applying reads, the others deferred. (A raw query: `get_object_or_404` does not
    take one.)"""
    opportunity = next(iter(Opportunity.objects.raw(_applicant_sql(), [pk])), None)
    if opportunity is None:
        raise Http404
    values = [getattr(opportunity, f"project_row_{name}") for name in _APPLYING_PROJECT]
    opportunity.project = Project.from_db(opportunity._state.db, _APPLYING_PROJECT, values)
    _check_visible(user, opportunity.project)
    return opportunity


def get_opportunity_for_editor(*, user: Viewer, pk: int) -> Opportunity:
    opportunity: Opportunity = get_object_or_404(
        Opportunity.objects.select_related("project", "project__owner", "city"), pk=pk
    )
    get_project_for_editor(user=user, pk=opportunity.project_id)
    return local_or_404(opportunity)


def get_application_for_volunteer(*, user: Viewer, pk: int) -> Application:
    return get_object_or_404(
        Application.objects.select_related("opportunity__project", "shift"),
        pk=pk,
        volunteer_id=user.pk,
    )


def get_application_for_organiser(*, user: Viewer, pk: int) -> Application:
    application = get_object_or_404(
        Application.objects.select_related("opportunity__project", "shift", "volunteer"), pk=pk
    )
    get_project_for_editor(user=user, pk=application.opportunity.project_id)
    return application


def get_team_for_leader(*, user: Viewer, pk: int) -> Team:
    """The signed-in leader's own team; anyone else's is a 404."""
    return get_object_or_404(
        Team.objects.select_related("opportunity__project__owner", "shift", "leader"),
        pk=pk,
        leader_id=user.pk,
    )


def get_team_for_organiser(*, user: Viewer, pk: int) -> Team:
    team = get_object_or_404(
        Team.objects.select_related("opportunity__project", "shift", "leader"), pk=pk
    )
    get_project_for_editor(user=user, pk=team.opportunity.project_id)
    return team


def get_team_member_for_leader(*, user: Viewer, pk: int) -> Application:
    """A member's application in a team the signed-in person leads."""
    return get_object_or_404(
        Application.objects.select_related("team", "volunteer", "opportunity", "shift"),
        pk=pk,
        team__leader_id=user.pk,
    )


def get_team_invite_for_leader(*, user: Viewer, pk: int) -> TeamInvite:
    return get_object_or_404(
        TeamInvite.objects.select_related("team"), pk=pk, team__leader_id=user.pk
    )


def get_team_invite(*, token: str) -> TeamInvite:
    """An invitation by its secret link: the token is the key; a closed one is a 404."""
    return get_object_or_404(
        TeamInvite.objects.select_related(
            "team__opportunity__project__owner", "team__shift", "team__leader"
        ),
        token=token,
        accepted_at__isnull=True,
        cancelled_at__isnull=True,
    )


def get_handover_for_giver(*, user: Viewer, pk: int) -> Handover:
    return get_object_or_404(
        Handover.objects.select_related("application__opportunity__project"),
        pk=pk,
        application__volunteer_id=user.pk,
    )


def get_handover_by_token(*, token: str) -> Handover:
    """An offer by its secret link: the token is the key; a closed one is a 404."""
    return get_object_or_404(
        Handover.objects.select_related(
            "application__opportunity__project", "application__shift", "application__volunteer"
        ),
        token=token,
        status=HandoverStatus.OFFERED,
    )


def get_handover_for_organiser(*, user: Viewer, pk: int) -> Handover:
    handover = get_object_or_404(
        Handover.objects.select_related("application__opportunity__project", "taker"), pk=pk
    )
    get_project_for_editor(user=user, pk=handover.application.opportunity.project_id)
    return handover


def get_shift_for_editor(*, user: Viewer, pk: int) -> Shift:
    shift = get_object_or_404(Shift.objects.select_related("opportunity__project__owner"), pk=pk)
    get_project_for_editor(user=user, pk=shift.opportunity.project_id)
    return local_or_404(shift)


def organisations_for_organiser(*, user: Viewer) -> QuerySet[Organisation]:
    """Organisations for which this person creates and runs projects."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(
        memberships__user=user,
        memberships__role__in=ORGANISER_ROLES,
        origin_node="",  # another node's organisation runs its projects there
    ).order_by("name", "pk")


def owners_for_organiser(*, user: Viewer) -> QuerySet[Organisation]:
    """The organisations a new project may belong to; a 403 for someone who organises for
    none."""
    owners = organisations_for_organiser(user=user)
    if not owners.exists():
        raise PermissionDenied
    return owners


def get_calendar_feed(*, token: str) -> CalendarFeed:
    """The feed behind a secret address, with its owner: the token is the key, no login."""
    return get_object_or_404(CalendarFeed.objects.select_related("user"), token=token)
