"""Handing a shift on: the giver's page, the colleague's page behind the link and the
organiser's approval (council/projects/services/handovers.py)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from council.accounts.http import AuthenticatedRequest
from council.lib.views import action_view
from council.projects.access import (
    get_application_for_volunteer,
    get_handover_by_token,
    get_handover_for_giver,
    get_handover_for_organiser,
)
from council.projects.forms.handovers import HandoverDecisionForm, HandoverForm
from council.projects.models import OPEN_HANDOVER
from council.projects.services import handovers as services


@login_required
def hand_on(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    application = get_application_for_volunteer(user=request.user, pk=pk)
    context = {
        "application": application,
        "opportunity": application.opportunity,
        "offers": application.handovers.filter(status__in=OPEN_HANDOVER),
        "form": HandoverForm(),
    }
    return render(request, "projects/hand_on.html", context)


def _to_hand_on(application_pk: int) -> str:
    return reverse("projects:hand_on", args=[application_pk])


handover_offer = action_view(
    get_application_for_volunteer,
    services.handover_offer,
    "application",
    actor="volunteer",
    form=HandoverForm,
    success=gettext_lazy("Your colleague has been sent the offer."),
    redirect_to=lambda application: _to_hand_on(application.pk),
)
handover_cancel = action_view(
    get_handover_for_giver,
    services.handover_cancel,
    "handover",
    actor="volunteer",
    success=gettext_lazy("The offer has been cancelled."),
    redirect_to=lambda handover: _to_hand_on(handover.application_id),
)
handover_decide = action_view(
    get_handover_for_organiser,
    services.handover_decide,
    "handover",
    form=HandoverDecisionForm,
    success=gettext_lazy("The decision has been saved."),
    redirect_to=lambda handover: reverse(
        "projects:applicants", args=[handover.application.opportunity_id]
    ),
)


def handover_take(request: HttpRequest, token: str) -> HttpResponse:
    """The colleague's page behind the link: see the shift, sign in, take it or decline."""
    handover = get_handover_by_token(token=token)
    if request.method == "POST" and request.user.is_authenticated:
        action = (
            services.handover_decline if "decline" in request.POST else services.handover_accept
        )
        try:
            done = action(volunteer=request.user, handover=handover)  # type: ignore[arg-type]
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return redirect("projects:handover_take", token)
        if done.status == "declined":
            messages.success(request, _("You declined the offer."))
        elif done.status == "accepted":
            messages.success(
                request, _("Accepted: the organiser approves the swap, then the shift is yours.")
            )
        else:
            messages.success(request, _("The shift is yours: your place is confirmed."))
        return redirect("projects:my_applications")
    application = handover.application
    context = {
        "handover": handover,
        "giver": application.volunteer,
        "opportunity": application.opportunity,
        "shift": application.shift,
    }
    return render(request, "projects/handover_take.html", context)


urlpatterns = [
    path("me/applications/<int:pk>/hand-on/", hand_on, name="hand_on"),
    path("me/applications/<int:pk>/hand-on/offer/", handover_offer, name="handover_offer"),
    path("me/handovers/<int:pk>/cancel/", handover_cancel, name="handover_cancel"),
    path("handovers/<int:pk>/decide/", handover_decide, name="handover_decide"),
    path("handovers/take/<str:token>/", handover_take, name="handover_take"),
]
