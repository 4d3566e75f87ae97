"""Project pages: the public list and project page, and the organiser's pages for a project
(create, edit, manage, publish, complete, cancel)."""

from __future__ import annotations

from functools import partial

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from council.accounts.http import AuthenticatedRequest
from council.lib.views import action_view, saved_or_page
from council.projects.access import (
    ORGANISER_ROLES,
    get_project_for_editor,
    get_project_for_viewer,
    is_organiser,
    owners_for_organiser,
)
from council.projects.forms.manage import ProjectForm
from council.projects.models import Project
from council.projects.selectors.projects import (
    opportunities_to_manage,
    project_causes,
    project_opportunities,
    project_partners,
    projects_for_member,
    published_projects,
    sdg_groups,
    with_countries,
)
from council.projects.services import projects as services
from council.projects.services.organising import OPEN_STATUSES

PAGE_SIZE = 20
MINE_PAGE_SIZE = 50


# --- public pages ---------------------------------------------------------------------------


def project_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(published_projects(), PAGE_SIZE).get_page(request.GET.get("page"))
    projects = list(page.object_list)
    with_countries(projects)
    return render(request, "projects/project_list.html", {"page": page, "projects": projects})


def _shown(project: Project, **more: object) -> dict[str, object]:
    """The project (with its countries) and its partners, as its pages show them."""
    with_countries([project])
    return {"project": project, "partners": project_partners(project=project), **more}


def project_detail(request: HttpRequest, pk: int) -> HttpResponse:
    project = get_project_for_viewer(user=request.user, pk=pk)
    context = _shown(
        project,
        causes=project_causes(project=project),
        sdg_groups=sdg_groups(project=project),
        opportunities=project_opportunities(user=request.user, project=project),
        is_organiser=is_organiser(user=request.user, project=project),
    )
    return render(request, "projects/project_detail.html", context)


# --- organiser pages ------------------------------------------------------------------------


@login_required
def project_mine(request: AuthenticatedRequest) -> HttpResponse:
    mine = projects_for_member(user=request.user)
    page = Paginator(mine.projects, MINE_PAGE_SIZE).get_page(request.GET.get("page"))
    rows = list(page.object_list)
    with_countries(rows)
    for project in rows:
        project.can_manage = mine.roles.get(project.owner_id) in ORGANISER_ROLES  # type: ignore[attr-defined]
    context = {
        "page": page,
        "projects": rows,
        "can_create": any(role in ORGANISER_ROLES for role in mine.roles.values()),
    }
    return render(request, "projects/manage/mine.html", context)


def _to_manage(project: Project) -> str:
    return reverse("projects:project_manage", args=[project.pk])


# The project's form (new or to edit): saved, to its management page.
_project_form = partial(
    saved_or_page, redirect_to=_to_manage, template="projects/manage/project_form.html"
)


@login_required
def project_create(request: AuthenticatedRequest) -> HttpResponse:
    owners = owners_for_organiser(user=request.user)
    form = ProjectForm(request.POST or None, request.FILES or None, owners=owners)

    def save() -> Project:
        return services.project_create(actor=request.user, **form.service_kwargs())

    return _project_form(
        request, form, save, _("The project has been saved as a draft."), creating=True
    )


@login_required
def project_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    project = get_project_for_editor(user=request.user, pk=pk)
    form = ProjectForm(request.POST or None, request.FILES or None, instance=project)

    def save() -> Project:
        return services.project_update(actor=request.user, project=project, **form.service_kwargs())

    success = _("The project has been saved.")
    return _project_form(request, form, save, success, project=project, creating=False)


@login_required
def project_manage(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    project = get_project_for_editor(user=request.user, pk=pk)
    context = _shown(
        project,
        opportunities=opportunities_to_manage(project=project),
        is_open=project.status in OPEN_STATUSES,
    )
    return render(request, "projects/manage/project.html", context)


# The organiser's transitions of a project; back to its management page.
_transition = partial(
    action_view,
    get_project_for_editor,
    target="project",
    redirect_to=_to_manage,
)
project_publish = _transition(
    services.project_publish, success=gettext_lazy("The project is published.")
)
project_complete = _transition(
    services.project_complete, success=gettext_lazy("The project is completed.")
)
project_cancel = _transition(
    services.project_cancel, success=gettext_lazy("The project is cancelled.")
)


urlpatterns = [
    path("projects/", project_list, name="project_list"),
    path("projects/mine/", project_mine, name="project_mine"),
    path("projects/new/", project_create, name="project_create"),
    path("projects/<int:pk>/", project_detail, name="project"),
    path("projects/<int:pk>/manage/", project_manage, name="project_manage"),
    path("projects/<int:pk>/edit/", project_edit, name="project_edit"),
    path("projects/<int:pk>/publish/", project_publish, name="project_publish"),
    path("projects/<int:pk>/complete/", project_complete, name="project_complete"),
    path("projects/<int:pk>/cancel/", project_cancel, name="project_cancel"),
]
