"""A programme's pages: the programme with its calls, assignments and projects, and recording
one."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from council.accounts.http import AuthenticatedRequest
from council.cooperation import access, selectors
from council.cooperation.forms import (
    ProgrammeForm,
)
from council.cooperation.services.programmes import programme_create as programme_service
from council.lib.views import create_page


def programme_detail(request: HttpRequest, pk: int) -> HttpResponse:
    programme = access.get_programme(pk=pk)
    context = {"programme": programme, **selectors.programme_page(programme=programme)}
    return render(request, "cooperation/programme.html", context)


@login_required
def programme_create(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    council = access.get_council_for_keeper(user=request.user, pk=pk)
    return create_page(
        request,
        ProgrammeForm(request.POST or None, council=council),
        save=lambda data: programme_service(
            actor=request.user,
            council=council,
            countries=list(data.pop("countries")),
            organisations=list(data.pop("organisations")),
            projects=list(data.pop("projects")),
            **data,
        ),
        success=_("The programme is recorded."),
        redirect_to=lambda programme: reverse("cooperation:programme", args=[programme.pk]),
        heading=_("New programme"),
        context={"council": council},
    )
