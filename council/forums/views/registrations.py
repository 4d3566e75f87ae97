"""Forum pages: the list, a forum with its seats and the person's registration, and the
registration actions."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from council.accounts.http import AuthenticatedRequest
from council.forums import access, services
from council.forums.forms import HeadForm, RegistrationForm, RespondForm, TravelForm
from council.forums.models import Forum, Registration, RegistrationStatus
from council.forums.selectors import forum_page, forum_questions, forums_public
from council.lib.forms import add_service_errors
from council.lib.mirrors import remote_action_url
from council.lib.views import action_view, post_action

STATUS_MESSAGES: dict[str, Any] = {
    RegistrationStatus.CONFIRMED: gettext_lazy("Your seat is confirmed."),
    RegistrationStatus.WAITLISTED: gettext_lazy(
        "All seats are taken: you are on the waiting list."
    ),
}


def forum_list(request: HttpRequest) -> HttpResponse:
    forums = list(forums_public())
    moment = timezone.now()
    for forum in forums:
        forum.state = forum.registration_state(moment)  # type: ignore[attr-defined]
    context = {
        "forums": forums,
        # The button only for those the create page lets in (it asks the same helper).
        "can_create": bool(access.host_organisations(user=request.user)),
    }
    return render(request, "forums/list.html", context)


def _page(
    request: HttpRequest, forum_pk: int, form: RegistrationForm | None, status: int = 200
) -> HttpResponse:
    forum = access.get_forum_for_viewer(user=request.user, pk=forum_pk)
    context = forum_page(forum=forum, user=request.user)
    abroad = request.user.is_authenticated and services.is_abroad(request.user, forum)
    for member in context["memberships"]:
        member.travel_form = TravelForm.for_member(member)
    context |= {
        "abroad": abroad,
        "form": form if form is not None else RegistrationForm(forum=forum, abroad=abroad),
        "delegation_quotas": access.quotas_for_sender(user=request.user, forum=forum),
        "is_host": access.is_host(user=request.user, forum=forum),
        # Another node's forum: registration goes through the federation's page, when there
        # is one on this deployment.
        "remote_register_url": remote_action_url("federation:remote_register", forum.pk)
        if forum.is_mirrored
        else None,
        # A registration made from here for another node's forum is cancelled or its offer
        # taken through the federation's pages, which tell that node.
        "mine_actions": _mine_actions(forum, context.get("mine")),
        "respond_form": RespondForm(),
        "head_form": HeadForm(initial={"email": getattr(request.user, "email", "")}),
    }
    return render(request, "forums/detail.html", context, status=status)


def _mine_actions(forum: Forum, mine: Registration | None) -> dict[str, str | None]:
    if mine is None:
        return {}
    if not forum.is_mirrored:
        return {
            "cancel": reverse("forums:cancel", args=[mine.pk]),
            "accept": reverse("forums:accept", args=[mine.pk]),
        }
    return {
        "cancel": remote_action_url("federation:remote_registration_cancel", mine.pk),
        "accept": remote_action_url("federation:remote_registration_accept", mine.pk),
    }


def forum_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _page(request, pk, None)


@login_required
@require_POST
def register(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    forum = access.get_forum_for_viewer(user=request.user, pk=pk)
    abroad = services.is_abroad(request.user, forum)
    questions = list(forum_questions(forum=forum))
    form = RegistrationForm(request.POST, forum=forum, abroad=abroad, questions=questions)
    if form.is_valid():
        try:
            registration = services.registration_create(
                person=request.user,
                forum=forum,
                questions=questions,
                answers=form.answers(),
                cross_border_consent=form.cleaned_data.get("cross_border_consent", False),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, STATUS_MESSAGES[registration.status])
            return redirect("forums:detail", pk=forum.pk)
    return _page(request, pk, form, status=400)


def _to_forum(on_forum: Registration) -> str:
    return reverse("forums:detail", args=[on_forum.forum_id])


# The person's actions on their own registration; back to the forum's page.
_own = partial(
    action_view, access.get_registration_for_person, target="registration", redirect_to=_to_forum
)
cancel = _own(services.registration_cancel, success=gettext_lazy("Your registration is cancelled."))
accept_offer = _own(
    services.registration_accept_offer,
    actor="person",
    success=gettext_lazy("Your seat is confirmed."),
)


@login_required
@require_POST
def session_sign_up(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    session = access.get_session_for_viewer(user=request.user, pk=pk)
    leave = bool(request.POST.get("leave"))
    action = services.session_leave if leave else services.session_sign_up
    return post_action(
        request,
        lambda: action(person=request.user, session=session),
        success=_("You have left the session.")
        if leave
        else _("You are signed up for the session."),
        redirect_to=reverse("forums:detail", args=[session.forum_id]),
    )
