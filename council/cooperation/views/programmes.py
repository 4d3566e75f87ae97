"""A programme's pages: the programme with its calls, assignments and projects, and recording
one."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from council.accounts.http import AuthenticatedRequest
from council.cooperation import access, selectors
from council.cooperation.forms import (
    ProgrammeForm,
)
from council.cooperation.services.programmes import programme_create as programme_service
from council.lib.forms import add_service_errors


def programme_detail(request: HttpRequest, pk: int) -> HttpResponse:
    programme = access.get_programme(pk=pk)
    context = {"programme": programme, **selectors.programme_page(programme=programme)}
    return render(request, "cooperation/programme.html", context)


@login_required
def programme_create(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    council = access.get_council_for_keeper(user=request.user, pk=pk)
    form = ProgrammeForm(request.POST or None, council=council)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            programme = programme_service(
                actor=request.user,
                council=council,
                countries=list(data.pop("countries")),
                organisations=list(data.pop("organisations")),
                projects=list(data.pop("projects")),
                **data,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The programme is recorded."))
            return redirect("cooperation:programme", pk=programme.pk)
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "council": council}
    return render(
        request,
        "cooperation/form_page.html",
        {**context, "heading": _("New programme")},
        status=status,
    )
