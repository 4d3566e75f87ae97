"""A programme's pages: the programme with its calls, assignments and projects, and recording
one."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from council.cooperation import access, selectors
from council.cooperation.forms import (
    ProgrammeForm,
)
from council.cooperation.services.programmes import programme_create as programme_service
from council.cooperation.views.under_council import council_create_page
from council.lib.views import page


def programme_detail(request: HttpRequest, pk: int) -> HttpResponse:
    programme = access.get_programme(pk=pk)
    context = {"programme": programme, **selectors.programme_page(programme=programme)}
    return render(request, "cooperation/programme.html", context)


programme_create = council_create_page(
    ProgrammeForm,
    programme_service,
    lists=("countries", "organisations", "projects"),
    success=_("The programme is recorded."),
    redirect_to=page("cooperation:programme"),
    heading=_("New programme"),
)
