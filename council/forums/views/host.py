"""The host's pages for the forum itself: create, edit, publish, its overview, quotas,
sessions and registration questions, the decisions on delegation members, and the forum's
volunteer team."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from council.accounts.http import AuthenticatedRequest
from council.forums import access
from council.forums.forms import DecisionForm, ForumForm, QuestionForm, QuotaForm, SessionForm
from council.forums.models import Forum
from council.forums.selectors import forum_overview, forum_questions
from council.forums.services import delegations as delegation_services
from council.forums.services import forums as services
from council.lib.forms import add_service_errors, valid_data
from council.lib.views import action_view


def _to_host(forum_pk: int) -> str:
    return reverse("forums:host", args=[forum_pk])


@login_required
def forum_create(request: AuthenticatedRequest) -> HttpResponse:
    hosts = access.host_organisations(user=request.user)
    if not hosts:
        messages.info(
            request, _("Forums are created by the admins and coordinators of an organisation.")
        )
        return redirect("forums:list")
    form = ForumForm(request.POST or None)
    chosen = request.POST.get("host") or request.GET.get("host")
    host = next((org for org in hosts if str(org.pk) == chosen), hosts[0])
    if request.method == "POST" and form.is_valid():
        try:
            forum = services.forum_create(actor=request.user, host=host, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("The forum is created as a draft: add its quotas, then publish it.")
            )
            return redirect("forums:host", pk=forum.pk)
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "hosts": hosts, "host": host}
    return render(request, "forums/forum_form.html", context, status=status)


@login_required
def forum_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    forum = access.get_forum_for_host(user=request.user, pk=pk)
    form = ForumForm(request.POST or None, instance=forum)
    if request.method == "POST" and form.is_valid():
        try:
            services.forum_update(actor=request.user, forum=forum, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The forum is saved."))
            return redirect("forums:host", pk=forum.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "forums/forum_form.html", {"form": form, "forum": forum}, status=status)


@login_required
def host_page(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    forum = access.get_forum_for_host(user=request.user, pk=pk)
    context = {
        "forum": forum,
        **forum_overview(forum=forum),
        "decision_form": DecisionForm(),
        "quota_form": QuotaForm(),
        "session_form": SessionForm(zone=forum.timezone),
        "question_form": QuestionForm(),
        "questions": forum_questions(forum=forum),
    }
    return render(request, "forums/host.html", context)


# The host's actions on the forum; back to the host's page.
_on_forum = partial(
    action_view,
    access.get_forum_for_host,
    target="forum",
    redirect_to=lambda forum: _to_host(forum.pk),
)
forum_publish = _on_forum(services.forum_publish, success=gettext_lazy("The forum is published."))


def _adding(
    service: Callable[..., object],
    form: Callable[..., BaseForm],
    success: Promise,
    *,
    zoned: bool = False,
) -> Callable[..., HttpResponse]:
    """Add a quota, session or question to the host's forum from the form's data (read on the
    forum's clock when `zoned`); the form's errors are flashed as they are."""

    def data(request: HttpRequest, forum: Forum) -> dict[str, Any]:
        return valid_data(form(request.POST, **({"zone": forum.timezone} if zoned else {})))

    return _on_forum(service, data=data, success=success)


quota_add = _adding(services.quota_add, QuotaForm, gettext_lazy("The quota is added."))
session_add = _adding(
    services.session_add, SessionForm, gettext_lazy("The session is added."), zoned=True
)
question_add = _adding(
    services.question_add,
    QuestionForm,
    gettext_lazy("The question is added to the registration form."),
)
volunteer_team_create = _on_forum(
    services.volunteer_team_create,
    success=gettext_lazy(
        "The volunteer team is created: add its roles and shifts, then publish it."
    ),
    result_to=lambda project: reverse("projects:project_manage", args=[project.pk]),
)
question_remove = action_view(
    access.get_question_for_host,
    services.question_remove,
    "question",
    success=gettext_lazy("The question is removed; answers already given are kept."),
    redirect_to=lambda question: _to_host(question.forum_id),
)
member_decide = action_view(
    access.get_member_for_host,
    delegation_services.member_decide,
    "member",
    data=lambda request, _member: DecisionForm(request.POST).decision(),
    success=gettext_lazy("The decision is recorded; the member has been told."),
    redirect_to=lambda member: _to_host(member.delegation.forum_id),
)
