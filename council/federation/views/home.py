"""A person's pages for acting on another node's catalogue: the application confirmation (what
goes to the other node, under which consent), withdrawing such an application, the choice of
contact details shared; and the node secretariat's log of cross-border transfers."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from council.accounts.http import AuthenticatedRequest
from council.federation import access, selectors
from council.federation.forms import TransferFilterForm
from council.federation.models import Peer
from council.federation.people import PERSON_KEYS, person_block, shares_email
from council.federation.services.home.applications import (
    cross_border_consent,
    peer_of,
    remote_apply,
    remote_withdraw,
)
from council.federation.services.home.sharing import sharing_choice_set
from council.federation.transfers import transfers_for_secretariat
from council.lib.forms import add_service_errors
from council.lib.views import action_view
from council.projects.access import get_application_for_volunteer, get_opportunity_for_viewer
from council.projects.forms.applications import ApplyForm
from council.projects.models import Application, Opportunity
from council.projects.selectors.applications import volunteer_profile_or_blank
from council.projects.services.applications import eligibility_problems
from council.volunteers.models import AgeBand

# How the confirmation page names each field of the person block.
FIELD_LABELS = {
    "ref": gettext_lazy("A reference to you that only this node can trace back"),
    "given_name": gettext_lazy("Given name"),
    "family_name": gettext_lazy("Family name"),
    "given_name_latin": gettext_lazy("Given name in Latin"),
    "family_name_latin": gettext_lazy("Family name in Latin"),
    "age_band": gettext_lazy("Age band on the day (not your date of birth)"),
    "languages": gettext_lazy("Languages and levels"),
    "skills": gettext_lazy("Skills"),
    "contact": gettext_lazy("Email address"),
    "preferred_language": gettext_lazy("Language for messages"),
    "guardian_consent": gettext_lazy("Guardian's consent given"),
}


def _mirrored_opportunity(user: Any, pk: int) -> Opportunity:
    """A mirrored opportunity the person may see; a local one is a 404 here (it has its own
    application form)."""
    opportunity = get_opportunity_for_viewer(user=user, pk=pk)
    if not opportunity.origin_node:
        raise Http404
    return opportunity


def _mirrored_application(*, user: Any, pk: int) -> Application:
    application = get_application_for_volunteer(user=user, pk=pk)
    if not application.opportunity.origin_node:
        raise Http404
    return application


def _shown(key: str, value: Any) -> str:
    if key == "age_band":
        return str(AgeBand(value).label) if value in AgeBand.values else "—"
    if key == "languages":
        return ", ".join(f"{item['code']} {item['level']}" for item in value) or "—"
    if key == "skills":
        return ", ".join(selectors.skill_names(value)) or "—"
    if key == "contact":
        return value.get("email") or _("Not shared")
    if key == "guardian_consent":
        return _("Yes") if value else _("No")
    return str(value) or "—"


def _what_is_sent(user: Any, opportunity: Opportunity, peer: Peer) -> list[tuple[str, str]]:
    first = opportunity.shifts.filter(start__gt=timezone.now()).order_by("start").first()
    day = first.start.date() if first is not None else timezone.now().date()
    block = person_block(user, peer=peer, on=day)
    return [(str(FIELD_LABELS[key]), _shown(key, block[key])) for key in PERSON_KEYS]


def _page(
    request: AuthenticatedRequest, opportunity: Opportunity, form: ApplyForm, status: int = 200
) -> HttpResponse:
    context: dict[str, Any] = {"opportunity": opportunity, "form": form, "peer": None}
    try:
        peer = peer_of(opportunity)
    except ValidationError as error:
        context["unavailable"] = error.messages
    else:
        context["peer"] = peer
        context["sent"] = _what_is_sent(request.user, opportunity, peer)
    try:
        context["consent"] = cross_border_consent(request.user)
    except ValidationError:
        context["consent"] = None
    shifts = list(opportunity.shifts.filter(start__gt=timezone.now()).order_by("start", "pk"))
    for shift in shifts:
        shift.free = max(shift.capacity - (shift.remote_taken or 0), 0)  # type: ignore[attr-defined]
    context["shifts"] = shifts
    profile = volunteer_profile_or_blank(user=request.user)
    day = shifts[0].start.date() if shifts else timezone.now().date()
    context["problems"] = eligibility_problems(
        volunteer=request.user, profile=profile, opportunity=opportunity, on=day
    )
    context["no_birth_date"] = profile.date_of_birth is None
    return render(request, "federation/home/remote_apply.html", context, status=status)


@login_required
def remote_apply_page(request: AuthenticatedRequest, opportunity_pk: int) -> HttpResponse:
    opportunity = _mirrored_opportunity(request.user, opportunity_pk)
    if request.method != "POST":
        return _page(request, opportunity, ApplyForm(opportunity=opportunity))
    if request.POST.get("confirm") != "1":
        # Sent from the opportunity's page: first show what goes to the other node, with the
        # choices made there, and apply only once the person confirms here.
        initial = ApplyForm(opportunity=opportunity, initial=request.POST.dict())
        return _page(request, opportunity, initial)
    form = ApplyForm(request.POST, opportunity=opportunity)
    if form.is_valid():
        try:
            remote_apply(
                volunteer=request.user,
                opportunity=opportunity,
                shift=form.cleaned_data.get("shift"),
                motivation=form.cleaned_data.get("motivation", ""),
                answers=form.answers(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _(
                    "Your application is on its way to the organiser's node. You will see "
                    "their answer here and receive it by email."
                ),
            )
            return redirect("projects:my_applications")
    return _page(request, opportunity, form, status=400)


remote_withdraw_view = action_view(
    _mirrored_application,
    remote_withdraw,
    "application",
    actor="volunteer",
    success=gettext_lazy("Your application has been withdrawn."),
    redirect_to=lambda _application: reverse("projects:my_applications"),
)


class SharingForm(forms.Form):
    share_email = forms.BooleanField(
        label=gettext_lazy("Send my email address to organisers in other countries I apply to"),
        required=False,
    )


@login_required
def sharing(request: AuthenticatedRequest) -> HttpResponse:
    current = shares_email(request.user)
    # An unticked box posts nothing: a POST is bound even when empty.
    data = request.POST if request.method == "POST" else None
    form = SharingForm(data, initial={"share_email": current})
    if request.method == "POST" and form.is_valid():
        sharing_choice_set(user=request.user, share_email=form.cleaned_data["share_email"])
        messages.success(request, _("Your choice has been saved."))
        return redirect("federation:sharing")
    return render(request, "federation/home/sharing.html", {"form": form})


@login_required
def transfer_log(request: AuthenticatedRequest) -> HttpResponse:
    access.require_node_secretariat(user=request.user)
    form = TransferFilterForm(request.GET or None)
    chosen = form.cleaned_data if form.is_valid() else {}
    transfers = transfers_for_secretariat(
        peer_id=chosen["peer"].pk if chosen.get("peer") else None,
        direction=chosen.get("direction") or "",
    )
    page = Paginator(transfers, 50).get_page(request.GET.get("page"))
    return render(request, "federation/home/transfer_log.html", {"form": form, "page": page})


urlpatterns = [
    path("federation/apply/<int:opportunity_pk>/", remote_apply_page, name="remote_apply"),
    path(
        "federation/applications/<int:pk>/withdraw/",
        remote_withdraw_view,
        name="remote_withdraw",
    ),
    path("federation/me/sharing/", sharing, name="sharing"),
    path("federation/transfers/", transfer_log, name="transfers"),
]
