"""Forum pages: the list, a forum with its seats and the person's registration, and the
registration actions."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from council.accounts.http import AuthenticatedRequest
from council.forums import access, services
from council.forums.forms import HeadForm, RegistrationForm, RespondForm, TravelForm
from council.forums.models import MEMBER_SEAT_TAKING, Registration, RegistrationStatus
from council.forums.selectors import (
    forum_programme,
    forums_public,
    memberships_of,
    registration_of,
)
from council.lib.forms import add_service_errors, flash_errors

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


def _page(request: HttpRequest, forum_pk: int, form: RegistrationForm | None, status: int = 200):
    forum = access.get_forum_for_viewer(user=request.user, pk=forum_pk)
    quota = services.open_quota(forum=forum)
    mine = registration_of(user=request.user, forum=forum)
    abroad = request.user.is_authenticated and services.is_abroad(request.user, forum)
    if form is None:
        form = RegistrationForm(forum=forum, abroad=abroad)
    delegation_quotas = access.quotas_for_sender(user=request.user, forum=forum)
    memberships = memberships_of(user=request.user, forum=forum)
    for member in memberships:
        member.travel_form = TravelForm.for_member(member)  # type: ignore[attr-defined]
    # A live member of a delegation goes to the forum with it, not on their own.
    delegate = next((m for m in memberships if m.status in MEMBER_SEAT_TAKING), None)
    sessions = forum_programme(forum=forum, registration=mine)
    roles = (
        forum.volunteer_project.opportunities.filter(is_published=True).order_by(
            "first_start", "pk"
        )
        if forum.volunteer_project_id
        else []
    )
    context = {
        "forum": forum,
        "sessions": sessions,
        "co_hosts": list(forum.co_hosts.order_by("name")),
        "languages": [str(language) for language in forum.languages.all()],
        "roles": roles,
        "quota": quota,
        "memberships": memberships,
        "delegate": delegate,
        "state": forum.registration_state(),
        "abroad": abroad,
        "delegation_quotas": delegation_quotas,
        "is_host": access.is_host(user=request.user, forum=forum),
        "respond_form": RespondForm(),
        "head_form": HeadForm(initial={"email": getattr(request.user, "email", "")}),
        "seats": services.quota_availability(quota=quota) if quota else None,
        "mine": mine,
        "form": form,
    }
    return render(request, "forums/detail.html", context, status=status)


def forum_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _page(request, pk, None)


@login_required
@require_POST
def register(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    forum = access.get_forum_for_viewer(user=request.user, pk=pk)
    abroad = services.is_abroad(request.user, forum)
    questions = list(forum.questions.order_by("position", "pk"))
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


def _own(request: AuthenticatedRequest, pk: int) -> Registration:
    return access.get_registration_for_person(user=request.user, pk=pk)


@login_required
@require_POST
def cancel(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    registration = _own(request, pk)
    try:
        services.registration_cancel(actor=request.user, registration=registration)
        messages.success(request, _("Your registration is cancelled."))
    except ValidationError as error:
        flash_errors(request, error)
    return redirect("forums:detail", pk=registration.forum_id)


@login_required
@require_POST
def accept_offer(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    registration = _own(request, pk)
    try:
        services.registration_accept_offer(person=request.user, registration=registration)
        messages.success(request, _("Your seat is confirmed."))
    except ValidationError as error:
        flash_errors(request, error)
    return redirect("forums:detail", pk=registration.forum_id)


@login_required
@require_POST
def session_sign_up(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    session = access.get_session_for_viewer(user=request.user, pk=pk)
    try:
        if request.POST.get("leave"):
            services.session_leave(person=request.user, session=session)
            messages.success(request, _("You have left the session."))
        else:
            services.session_sign_up(person=request.user, session=session)
            messages.success(request, _("You are signed up for the session."))
    except ValidationError as error:
        flash_errors(request, error)
    return redirect("forums:detail", pk=session.forum_id)
