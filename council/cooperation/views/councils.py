"""The council's pages: the councils, a council with its countries side by side, and the
secretariat's keeping of its member organisations and roles."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from council.accounts.http import AuthenticatedRequest
from council.accounts.selectors import person_by_email
from council.cooperation import access, selectors
from council.cooperation.forms import (
    CouncilForm,
    CouncilMemberForm,
    CouncilRoleForm,
)
from council.cooperation.models import Council
from council.cooperation.selectors import council_overview
from council.cooperation.services import councils as council_services
from council.forums import access as forum_access
from council.lib.forms import valid_data
from council.lib.views import actions, create_page, form_data, list_page


def _to_council(council: Council) -> str:
    return reverse("cooperation:council", args=[council.pk])


def _role_data(request: HttpRequest, council: Council) -> dict[str, Any]:
    """The role form's data with the person it names by email."""
    data = valid_data(CouncilRoleForm(request.POST, council=council))
    return {"person": person_by_email(data.pop("email")), **data}


council_list = list_page("cooperation/council_list.html", "councils", selectors.council_list)


def council_detail(request: HttpRequest, pk: int) -> HttpResponse:
    council = access.get_council(pk=pk)
    keeper = access.keeps(user=request.user, row=council)
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
    return create_page(
        request,
        CouncilForm(request.POST or None),
        save=lambda data: council_services.council_create(actor=request.user, **data),
        success=_("The council is recorded: add its organisations."),
        redirect_to=_to_council,
        heading=_("New council"),
    )


# The secretariat's keeping of a council: the data posted to a service, back to its page.
_on_council = actions(access.get_council_for_keeper, "council", redirect_to=_to_council)
council_member_add = _on_council(
    council_services.council_member_add,
    _("The organisation joins the council."),
    data=form_data(CouncilMemberForm),
)
council_role_add = _on_council(council_services.council_role_add, _("Saved."), data=_role_data)
