"""The council's pages: the councils, a council with its countries side by side, and the
secretariat's keeping of its member organisations and roles."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
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
from council.cooperation.views.form_page import form_page
from council.forums import access as forum_access
from council.lib.forms import valid_data
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
    return form_page(
        request,
        CouncilForm(request.POST or None),
        save=lambda data: council_services.council_create(actor=request.user, **data),
        success=_("The council is recorded: add its organisations."),
        redirect_to=lambda council: reverse("cooperation:council", args=[council.pk]),
        heading=_("New council"),
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
