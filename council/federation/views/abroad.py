"""A person's pages for taking part, from here, in another node's forum, exchange call or
assignment: what goes to the other node, under which consent, and the confirmation that sends
it; cancelling a forum registration made there; the list of exchange applications and
candidacies sent abroad (they have no local row: see council.federation.services.home.
requests)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from council.accounts.http import AuthenticatedRequest
from council.deployments.access import get_assignment_for_viewer
from council.exchanges.access import get_exchange_for_viewer
from council.federation.models import Peer
from council.federation.people import PERSON_KEYS, person_block
from council.federation.services.home.applications import cross_border_consent
from council.federation.services.home.registrations import (
    forum_peer,
    remote_register,
    remote_registration_accept,
    remote_registration_cancel,
)
from council.federation.services.home.requests import (
    MAX_MOTIVATION,
    assignment_peer,
    exchange_peer,
    remote_candidacy,
    remote_exchange_apply,
    requests_of,
)
from council.federation.views.home import FIELD_LABELS, _shown
from council.forums.access import get_forum_for_viewer, get_registration_for_person
from council.forums.models import Registration
from council.lib.forms import add_service_errors
from council.lib.views import action_view


class MotivationForm(forms.Form):
    motivation = forms.CharField(
        label=gettext_lazy("Why you"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=MAX_MOTIVATION,
        error_messages={"required": gettext_lazy("Tell the organisers why you should go.")},
    )


class ConfirmForm(forms.Form):
    pass


def _sent(user: Any, peer: Peer, day: date) -> list[tuple[str, str]]:
    block = person_block(user, peer=peer, on=day)
    return [(str(FIELD_LABELS[key]), _shown(key, block[key])) for key in PERSON_KEYS]


def _mirrored(row: Any) -> Any:
    """A mirrored row; a local one is a 404 here (it has its own page to act on)."""
    if not row.origin_node:
        raise Http404
    return row


def _confirm_page(
    request: AuthenticatedRequest,
    *,
    what: dict[str, Any],
    row: Any,
    peer_of: Callable[[Any], Peer],
    day: date,
    form: forms.Form,
    status: int = 200,
) -> HttpResponse:
    context: dict[str, Any] = {"row": row, "form": form, "peer": None, **what}
    try:
        peer = peer_of(row)
    except ValidationError as error:
        context["unavailable"] = error.messages
    else:
        context["peer"] = peer
        context["sent"] = _sent(request.user, peer, day)
    try:
        context["consent"] = cross_border_consent(request.user)
    except ValidationError:
        context["consent"] = None
    return render(request, "federation/home/remote_request.html", context, status=status)


def _act(
    request: AuthenticatedRequest,
    *,
    what: dict[str, Any],
    row: Any,
    peer_of: Callable[[Any], Peer],
    day: date,
    form_class: type[forms.Form],
    act: Callable[[forms.Form], Any],
    success: str,
    done: str,
) -> HttpResponse:
    if request.method != "POST" or request.POST.get("confirm") != "1":
        initial = request.POST.dict() if request.method == "POST" else None
        return _confirm_page(
            request, what=what, row=row, peer_of=peer_of, day=day, form=form_class(initial=initial)
        )
    form = form_class(request.POST)
    if form.is_valid():
        try:
            act(form)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, success)
            return redirect(done)
    return _confirm_page(
        request, what=what, row=row, peer_of=peer_of, day=day, form=form, status=400
    )


@login_required
def remote_register_page(request: AuthenticatedRequest, forum_pk: int) -> HttpResponse:
    forum = _mirrored(get_forum_for_viewer(user=request.user, pk=forum_pk))
    return _act(
        request,
        what={
            "title": _("Register for “%(title)s”") % {"title": forum.title},
            "back": reverse("forums:detail", args=[forum.pk]),
            "lead": _(
                "This forum is run on another country's node. Your registration is sent there, "
                "and the host's node decides on your seat. Until it answers, your registration "
                "shows as “On its way to the organiser”."
            ),
            "button": _("Send my registration"),
            "action": reverse("federation:remote_register", args=[forum.pk]),
        },
        row=forum,
        peer_of=forum_peer,
        day=forum.starts_on,
        form_class=ConfirmForm,
        act=lambda _form: remote_register(person=request.user, forum=forum),
        success=_(
            "Your registration is on its way to the host's node. You will see its answer on "
            "the forum's page."
        ),
        done=reverse("forums:detail", args=[forum.pk]),
    )


@login_required
def remote_exchange_apply_page(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    exchange = _mirrored(get_exchange_for_viewer(user=request.user, pk=pk))
    return _act(
        request,
        what={
            "title": _("Apply to “%(title)s”") % {"title": exchange},
            "back": reverse("exchanges:exchange", args=[exchange.pk]),
            "lead": _(
                "This exchange call is run on another country's node. Your application is sent "
                "there, and its panel decides on it."
            ),
            "what_else": _("Your motivation"),
            "button": _("Send my application"),
            "action": reverse("federation:remote_exchange_apply", args=[exchange.pk]),
        },
        row=exchange,
        peer_of=exchange_peer,
        day=exchange.starts_on,
        form_class=MotivationForm,
        act=lambda form: remote_exchange_apply(
            person=request.user, exchange=exchange, motivation=form.cleaned_data["motivation"]
        ),
        success=_("Your application is on its way to the organiser's node."),
        done=reverse("federation:requests_abroad"),
    )


@login_required
def remote_candidacy_page(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    assignment = _mirrored(get_assignment_for_viewer(user=request.user, pk=pk))
    return _act(
        request,
        what={
            "title": _("Apply to “%(title)s”") % {"title": assignment.title},
            "back": reverse("deployments:assignment", args=[assignment.pk]),
            "lead": _(
                "This assignment is run on another country's node. Your candidacy is sent "
                "there, and its host decides on it."
            ),
            "what_else": _("Your motivation"),
            "button": _("Send my candidacy"),
            "action": reverse("federation:remote_candidacy", args=[assignment.pk]),
        },
        row=assignment,
        peer_of=assignment_peer,
        day=assignment.starts_on,
        form_class=MotivationForm,
        act=lambda form: remote_candidacy(
            person=request.user, assignment=assignment, motivation=form.cleaned_data["motivation"]
        ),
        success=_("Your candidacy is on its way to the organiser's node."),
        done=reverse("federation:requests_abroad"),
    )


def _mirrored_registration(*, user: Any, pk: int) -> Registration:
    registration = get_registration_for_person(user=user, pk=pk)
    if not registration.forum.origin_node:
        raise Http404
    return registration


remote_registration_cancel_view = action_view(
    _mirrored_registration,
    remote_registration_cancel,
    "registration",
    actor="person",
    success=gettext_lazy("Your registration has been cancelled."),
    redirect_to=lambda registration: reverse("forums:detail", args=[registration.forum_id]),
)


remote_registration_accept_view = action_view(
    _mirrored_registration,
    remote_registration_accept,
    "registration",
    actor="person",
    success=gettext_lazy("Your answer has gone to the host's node: this page shows your seat."),
    redirect_to=lambda registration: reverse("forums:detail", args=[registration.forum_id]),
)


@login_required
@require_GET
def requests_abroad(request: AuthenticatedRequest) -> HttpResponse:
    return render(
        request,
        "federation/home/requests_abroad.html",
        {"requests": requests_of(person=request.user)},
    )


urlpatterns = [
    path(
        "federation/forums/<int:forum_pk>/register/",
        remote_register_page,
        name="remote_register",
    ),
    path(
        "federation/registrations/<int:pk>/cancel/",
        remote_registration_cancel_view,
        name="remote_registration_cancel",
    ),
    path(
        "federation/registrations/<int:pk>/accept/",
        remote_registration_accept_view,
        name="remote_registration_accept",
    ),
    path(
        "federation/exchanges/<int:pk>/apply/",
        remote_exchange_apply_page,
        name="remote_exchange_apply",
    ),
    path(
        "federation/assignments/<int:pk>/apply/",
        remote_candidacy_page,
        name="remote_candidacy",
    ),
    path("federation/me/requests/", requests_abroad, name="requests_abroad"),
]
