"""The host's pages for the forum itself: create, edit, publish, its overview, quotas,
sessions and registration questions, the decisions on delegation members, and the forum's
volunteer team."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms import BaseForm
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from council.accounts.http import AuthenticatedRequest
from council.forums import access
from council.forums.forms import DecisionForm, ForumForm, QuestionForm, QuotaForm, SessionForm
from council.forums.models import Forum
from council.forums.selectors import forum_overview, forum_questions
from council.forums.services import delegations as delegation_services
from council.forums.services import forums as services
from council.lib.forms import add_service_errors, flash_errors, valid_data
from council.lib.views import post_action


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


@login_required
@require_POST
def forum_publish(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    forum = access.get_forum_for_host(user=request.user, pk=pk)
    return post_action(
        request,
        lambda: services.forum_publish(actor=request.user, forum=forum),
        success=_("The forum is published."),
        redirect_to=_to_host(forum.pk),
    )


def _add_to_forum(
    request: AuthenticatedRequest,
    pk: int,
    make_form: Callable[[Forum], BaseForm],
    add: Callable[..., object],
    success: str,
) -> HttpResponse:
    """Add a quota, session or question to the host's forum from the form's data."""
    forum = access.get_forum_for_host(user=request.user, pk=pk)
    form = make_form(forum)
    return post_action(
        request,
        lambda: add(actor=request.user, forum=forum, **valid_data(form)),
        success=success,
        redirect_to=_to_host(forum.pk),
    )


@login_required
@require_POST
def quota_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _add_to_forum(
        request,
        pk,
        lambda forum: QuotaForm(request.POST),
        services.quota_add,
        _("The quota is added."),
    )


@login_required
@require_POST
def session_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _add_to_forum(
        request,
        pk,
        lambda forum: SessionForm(request.POST, zone=forum.timezone),
        services.session_add,
        _("The session is added."),
    )


@login_required
@require_POST
def question_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _add_to_forum(
        request,
        pk,
        lambda forum: QuestionForm(request.POST),
        services.question_add,
        _("The question is added to the registration form."),
    )


@login_required
@require_POST
def question_remove(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    question = access.get_question_for_host(user=request.user, pk=pk)
    return post_action(
        request,
        lambda: services.question_remove(actor=request.user, question=question),
        success=_("The question is removed; answers already given are kept."),
        redirect_to=_to_host(question.forum_id),
    )


@login_required
@require_POST
def member_decide(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    member = access.get_member_for_host(user=request.user, pk=pk)
    form = DecisionForm(request.POST)
    return post_action(
        request,
        lambda: delegation_services.member_decide(
            actor=request.user, member=member, **form.decision()
        ),
        success=_("The decision is recorded; the member has been told."),
        redirect_to=_to_host(member.delegation.forum_id),
    )


@login_required
@require_POST
def volunteer_team_create(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    forum = access.get_forum_for_host(user=request.user, pk=pk)
    try:
        project = services.volunteer_team_create(actor=request.user, forum=forum)
    except ValidationError as error:
        flash_errors(request, error)
        return redirect("forums:host", pk=forum.pk)
    messages.success(
        request, _("The volunteer team is created: add its roles and shifts, then publish it.")
    )
    return redirect("projects:project_manage", pk=project.pk)
