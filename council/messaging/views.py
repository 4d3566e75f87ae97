"""The organisers' "write to everyone" pages: an opportunity (or one of its shifts), a forum
quota, a delegation; and a message's log."""

from __future__ import annotations

from typing import Any

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _

from council.accounts.http import AuthenticatedRequest
from council.lib.forms import add_service_errors
from council.messaging.access import (
    get_delegation_for_writer,
    get_message_for_writer,
    get_opportunity_for_writer,
    get_quota_for_host,
)
from council.messaging.forms import MessageForm
from council.messaging.models import Audience
from council.messaging.selectors import delivery_summary, messages_to, shifts_of
from council.messaging.services import message_send

app_name = "messaging"


def _write(
    request: AuthenticatedRequest,
    *,
    audience: str,
    target: Any,
    heading: str,
    back: str,
    shifts: list[Any] | None = None,
    zone: str = "UTC",
) -> HttpResponse:
    form = MessageForm(request.POST or None, shifts=shifts, zone=zone)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            shift_pk = form.cleaned_data.get("shift")
            shift = next((row for row in shifts or [] if row.pk == shift_pk), None)
            try:
                message = message_send(
                    actor=request.user,
                    audience=Audience.SHIFT if shift is not None else audience,
                    target=target,
                    shift=shift,
                    include_waiting=form.cleaned_data["include_waiting"],
                    **form.texts(),
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                flash.success(
                    request,
                    _("The message is on its way to %(count)d people.")
                    % {"count": message.recipients},
                )
                return redirect("messaging:message", message.pk)
        status = 400
    field = "opportunity" if audience == Audience.OPPORTUNITY else audience
    context = {
        "form": form,
        "heading": heading,
        "back": back,
        "sent": messages_to(**{field: target})[:50],
    }
    return render(request, "messaging/write.html", context, status=status)


@login_required
def write_to_opportunity(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    opportunity = get_opportunity_for_writer(user=request.user, pk=pk)
    return _write(
        request,
        audience=Audience.OPPORTUNITY,
        target=opportunity,
        heading=str(opportunity.title),
        back=f"/opportunities/{opportunity.pk}/applications/",
        shifts=shifts_of(opportunity=opportunity),
        zone=opportunity.timezone,
    )


@login_required
def write_to_quota(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    quota = get_quota_for_host(user=request.user, pk=pk)
    return _write(
        request,
        audience=Audience.QUOTA,
        target=quota,
        heading=f"{quota.forum.title} · {quota}",
        back=f"/forums/{quota.forum_id}/",
    )


@login_required
def write_to_delegation(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    delegation = get_delegation_for_writer(user=request.user, pk=pk)
    return _write(
        request,
        audience=Audience.DELEGATION,
        target=delegation,
        heading=f"{delegation.forum.title} · {delegation.organisation}",
        back=f"/forums/{delegation.forum_id}/",
    )


@login_required
def message_page(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    message = get_message_for_writer(user=request.user, pk=pk)
    context = {"message": message, "summary": delivery_summary(message=message)}
    return render(request, "messaging/message.html", context)


urlpatterns = [
    path("opportunities/<int:pk>/", write_to_opportunity, name="opportunity"),
    path("quotas/<int:pk>/", write_to_quota, name="quota"),
    path("delegations/<int:pk>/", write_to_delegation, name="delegation"),
    path("<int:pk>/", message_page, name="message"),
]
