"""Projects: the public list and page; create, change, publish, complete and cancel (organisers
of the owner organisation, through council/projects/services/projects.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Status

from council.accounts.http import AuthenticatedRequest
from council.api.auth import PUBLIC
from council.api.pagination import page_of, paginate
from council.api.routers.projects.parsing import project_form
from council.api.routers.projects.payloads import ProjectFilter, ProjectIn, ProjectPatch
from council.api.routers.projects.schemas import ProjectOut
from council.api.schemas import Id
from council.projects.access import (
    get_project_for_editor,
    get_project_for_viewer,
    owners_for_organiser,
)
from council.projects.models import Project
from council.projects.selectors.projects import (
    project_form_values,
    published_projects_with_details,
    with_countries,
)
from council.projects.services import projects as services

router = Router()


def _project_out(project: Project) -> Project:
    with_countries([project])
    return project


@router.get("/projects", response=page_of(ProjectOut), auth=PUBLIC)
def project_list(request: HttpRequest, filters: Query[ProjectFilter]) -> dict[str, Any]:
    """Published projects, newest first."""
    projects = published_projects_with_details(country=filters.country, owner=filters.owner)
    page = paginate(projects, key="-created_at", params=filters)
    with_countries(page["items"])
    return page


@router.get("/projects/{project_id}", response=ProjectOut, auth=PUBLIC)
def project_detail(request: HttpRequest, project_id: Id) -> Project:
    """A published, completed or cancelled project; a draft only to its owner's members."""
    return _project_out(get_project_for_viewer(user=request.user, pk=project_id))


@router.post("/projects", response={201: ProjectOut})
def project_create(request: AuthenticatedRequest, payload: ProjectIn) -> Status[Project]:
    """Create a draft project for an organisation the caller administers or coordinates."""
    owners = owners_for_organiser(user=request.user)
    form = project_form(payload.model_dump(), owners=owners)
    project = services.project_create(actor=request.user, **form.service_kwargs())
    return Status(201, _project_out(project))


@router.patch("/projects/{project_id}", response=ProjectOut)
def project_update(request: AuthenticatedRequest, project_id: Id, payload: ProjectPatch) -> Project:
    """Change a project's texts, dates, causes, SDG targets and partners (organisers)."""
    project = get_project_for_editor(user=request.user, pk=project_id)
    data = {**project_form_values(project=project), **payload.model_dump(exclude_unset=True)}
    form = project_form(data, instance=project)
    project = services.project_update(actor=request.user, project=project, **form.service_kwargs())
    return _project_out(project)


def _transition(
    request: AuthenticatedRequest, project_id: Id, service: Callable[..., Project]
) -> Project:
    project = get_project_for_editor(user=request.user, pk=project_id)
    return _project_out(service(actor=request.user, project=project))


@router.post("/projects/{project_id}/publish", response=ProjectOut)
def project_publish(request: AuthenticatedRequest, project_id: Id) -> Project:
    """Publish a draft: its opportunities become searchable and open for applications."""
    return _transition(request, project_id, services.project_publish)


@router.post("/projects/{project_id}/complete", response=ProjectOut)
def project_complete(request: AuthenticatedRequest, project_id: Id) -> Project:
    return _transition(request, project_id, services.project_complete)


@router.post("/projects/{project_id}/cancel", response=ProjectOut)
def project_cancel(request: AuthenticatedRequest, project_id: Id) -> Project:
    return _transition(request, project_id, services.project_cancel)
