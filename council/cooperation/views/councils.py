"""The council's pages: the councils, a council with its countries side by side, and the
secretariat's keeping of its member organisations and roles."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from council.accounts.http import AuthenticatedRequest
from council.accounts.selectors import person_by_email
from council.cooperation import access, selectors
from council.cooperation.forms import (
    CouncilForm,
    CouncilMemberForm,
    CouncilRoleForm,
)
from council.cooperation.selectors import council_overview
from council.cooperation.services import councils as council_services
from council.forums import access as forum_access
from council.lib.forms import add_service_errors, valid_data
from council.lib.views import post_action


def _role_data(form: CouncilRoleForm) -> dict[str, Any]:
    """The role form's data with the person it names by email."""
    data = valid_data(form)
    return {"person": person_by_email(data.pop("email")), **data}


def council_list(request: HttpRequest) -> HttpResponse:
    councils = selectors.council_list()
    return render(request, "cooperation/council_list.html", {"councils": councils})


def council_detail(request: HttpRequest, pk: int) -> HttpResponse:
    council = access.get_council(pk=pk)
    keeper = access.is_secretariat(user=request.user)
    overview = council_overview(council=council)
    delegations = [d for column in overview["columns"] for d in column.delegations]
    context = {
        "council": council,
        "is_secretariat": keeper,
        "member_form": CouncilMemberForm() if keeper else None,
        "role_form": CouncilRoleForm(council=council) if keeper else None,
        # A delegation links to its own page for those who may open it, else to its forum.
        "delegations_seen": forum_access.delegations_seen_by(
            user=request.user, delegations=delegations
        ),
        **overview,
    }
    return render(request, "cooperation/council.html", context)


@login_required
def council_create(request: AuthenticatedRequest) -> HttpResponse:
    if not access.is_secretariat(user=request.user):
        raise Http404
    form = CouncilForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            council = council_services.council_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The council is recorded: add its organisations."))
            return redirect("cooperation:council", pk=council.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "cooperation/form_page.html",
        {"form": form, "heading": _("New council")},
        status=status,
    )


@login_required
@require_POST
def council_member_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    council = access.get_council_for_keeper(user=request.user, pk=pk)
    return post_action(
        request,
        lambda: council_services.council_member_add(
            actor=request.user, council=council, **valid_data(CouncilMemberForm(request.POST))
        ),
        success=_("The organisation joins the council."),
        redirect_to=reverse("cooperation:council", args=[council.pk]),
    )


@login_required
@require_POST
def council_role_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    council = access.get_council_for_keeper(user=request.user, pk=pk)
    form = CouncilRoleForm(request.POST, council=council)
    return post_action(
        request,
        lambda: council_services.council_role_add(
            actor=request.user, council=council, **_role_data(form)
        ),
        success=_("Saved."),
        redirect_to=reverse("cooperation:council", args=[council.pk]),
    )
