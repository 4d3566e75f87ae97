"""Project pages: the public list and project page, and the organiser's pages for a project
(create, edit, manage, publish, complete, cancel)."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from council.accounts.http import AuthenticatedRequest
from council.accounts.models import User
from council.lib.views import post_action
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
from council.projects.views.shapes import form_page, saved

PAGE_SIZE = 20
MINE_PAGE_SIZE = 50


# --- public pages ---------------------------------------------------------------------------


def project_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(published_projects(), PAGE_SIZE).get_page(request.GET.get("page"))
    projects = list(page.object_list)
    with_countries(projects)
    return render(request, "projects/project_list.html", {"page": page, "projects": projects})


def project_detail(request: HttpRequest, pk: int) -> HttpResponse:
    project = get_project_for_viewer(user=request.user, pk=pk)
    with_countries([project])
    context = {
        "project": project,
        "partners": project_partners(project=project),
        "causes": project_causes(project=project),
        "sdg_groups": sdg_groups(project=project),
        "opportunities": project_opportunities(user=request.user, project=project),
        "is_organiser": is_organiser(user=request.user, project=project),
    }
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


@login_required
def project_create(request: AuthenticatedRequest) -> HttpResponse:
    owners = owners_for_organiser(user=request.user)
    form = ProjectForm(request.POST or None, request.FILES or None, owners=owners)
    if request.method == "POST":
        project = saved(
            form, lambda: services.project_create(actor=request.user, **form.service_kwargs())
        )
        if project is not None:
            messages.success(request, _("The project has been saved as a draft."))
            return redirect("projects:project_manage", project.pk)
    context = {"form": form, "creating": True}
    return form_page(
        request, "projects/manage/project_form.html", context, failed=bool(form.errors)
    )


@login_required
def project_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    project = get_project_for_editor(user=request.user, pk=pk)
    form = ProjectForm(request.POST or None, request.FILES or None, instance=project)
    if request.method == "POST":
        done = saved(
            form,
            lambda: services.project_update(
                actor=request.user, project=project, **form.service_kwargs()
            ),
        )
        if done is not None:
            messages.success(request, _("The project has been saved."))
            return redirect("projects:project_manage", pk)
    context = {"form": form, "project": project, "creating": False}
    return form_page(
        request, "projects/manage/project_form.html", context, failed=bool(form.errors)
    )


@login_required
def project_manage(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    project = get_project_for_editor(user=request.user, pk=pk)
    with_countries([project])
    context = {
        "project": project,
        "opportunities": opportunities_to_manage(project=project),
        "partners": project_partners(project=project),
        "is_open": project.status in OPEN_STATUSES,
    }
    return render(request, "projects/manage/project.html", context)


def _transition(
    request: AuthenticatedRequest,
    pk: int,
    service: Callable[..., Project],
    done: str,
) -> HttpResponse:
    project = get_project_for_editor(user=request.user, pk=pk)
    actor: User = request.user
    return post_action(
        request,
        lambda: service(actor=actor, project=project),
        success=done,
        redirect_to=reverse("projects:project_manage", args=[pk]),
    )


@login_required
@require_POST
def project_publish(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _transition(request, pk, services.project_publish, _("The project is published."))


@login_required
@require_POST
def project_complete(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _transition(request, pk, services.project_complete, _("The project is completed."))


@login_required
@require_POST
def project_cancel(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _transition(request, pk, services.project_cancel, _("The project is cancelled."))


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
