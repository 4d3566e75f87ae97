"""Pages of delegations: forming a delegation, inviting and replacing members, the member's
answer and travel details, the delegation's roster as CSV and XLSX, and the visa-support
letter."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST

from council.accounts.http import AuthenticatedRequest
from council.forums import access
from council.forums.documents import invitation_letter_pdf
from council.forums.forms import HeadForm, PersonByEmailForm, RespondForm, TravelForm
from council.forums.models import DelegationMember
from council.forums.selectors import delegation_members
from council.forums.services import delegations as services
from council.lib import tables
from council.lib.forms import flash_errors
from council.lib.timezones import local_datetime
from council.lib.views import post_action


@login_required
@require_POST
def delegation_create(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    quota = access.get_quota_for_sender(user=request.user, pk=pk)
    form = HeadForm(request.POST)
    try:
        delegation = services.delegation_create(actor=request.user, quota=quota, head=form.person())
    except ValidationError as error:
        flash_errors(request, error)
        return redirect("forums:detail", pk=quota.forum_id)
    return redirect("forums:delegation", pk=delegation.pk)


@login_required
def delegation_page(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    delegation = access.get_delegation_for_sender(user=request.user, pk=pk)
    context = {
        "delegation": delegation,
        "forum": delegation.forum,
        "members": delegation_members(delegation=delegation, with_replaced=True),
        "invite_form": PersonByEmailForm(),
    }
    return render(request, "forums/delegation.html", context)


@login_required
@require_POST
def member_invite(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    delegation = access.get_delegation_for_sender(user=request.user, pk=pk)
    form = PersonByEmailForm(request.POST)
    return post_action(
        request,
        lambda: services.member_invite(
            actor=request.user, delegation=delegation, person=form.person()
        ),
        success=_("The invitation is sent."),
        redirect_to=reverse("forums:delegation", args=[delegation.pk]),
    )


@login_required
@require_POST
def member_substitute(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    member = access.get_member_for_sender(user=request.user, pk=pk)
    form = PersonByEmailForm(request.POST)
    return post_action(
        request,
        lambda: services.member_substitute(actor=request.user, member=member, person=form.person()),
        success=_("The member is replaced; the new member is invited."),
        redirect_to=reverse("forums:delegation", args=[member.delegation_id]),
    )


def _as_member(
    request: AuthenticatedRequest,
    pk: int,
    act: Callable[[DelegationMember], object],
    success: str,
) -> HttpResponse:
    """An action of the member on their own membership; back to the forum's page."""
    member = access.get_member_for_person(user=request.user, pk=pk)
    return post_action(
        request,
        lambda: act(member),
        success=success,
        redirect_to=reverse("forums:detail", args=[member.delegation.forum_id]),
    )


@login_required
@require_POST
def member_respond(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    answer = RespondForm(request.POST)
    return _as_member(
        request,
        pk,
        lambda own: services.member_respond(person=request.user, member=own, **answer.answer()),
        _("Your answer is recorded."),
    )


@login_required
@require_POST
def member_withdraw(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _as_member(
        request,
        pk,
        lambda own: services.member_withdraw(person=request.user, member=own),
        _("You have withdrawn from the delegation."),
    )


@login_required
@require_POST
def member_travel(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _as_member(
        request,
        pk,
        lambda own: services.member_travel_update(
            actor=request.user,
            member=own,
            **TravelForm.for_member(own, request.POST).changes(),
        ),
        _("Your travel details are saved."),
    )


def _roster_header() -> list[str]:
    return [
        pgettext("person", "Name"),
        _("Name in Latin"),
        _("Email address"),
        _("Status"),
        _("Arrival"),
        _("Departure"),
        _("Transport"),
        _("Needs accommodation"),
        _("Needs visa support"),
    ]


def _roster_row(member: DelegationMember, zone: str) -> list[str]:
    """A member's row; arrival and departure on the forum's clock, as the reader's locale
    writes them."""
    person = member.person
    return [
        str(person.display_name),
        f"{person.given_name_latin} {person.family_name_latin}".strip(),
        person.email,
        str(member.get_status_display()),
        local_datetime(member.arrival, zone, format_name="SHORT_DATETIME_FORMAT"),
        local_datetime(member.departure, zone, format_name="SHORT_DATETIME_FORMAT"),
        str(member.get_transport_display()) if member.transport else "",
        _("yes") if member.accommodation_needed else _("no"),
        _("yes") if member.visa_support_needed else _("no"),
    ]


def _roster(request: AuthenticatedRequest, pk: int, export_format: str) -> HttpResponseBase:
    delegation = access.get_delegation_for_sender(user=request.user, pk=pk)
    members = delegation_members(delegation=delegation).iterator()
    return tables.table_response(
        _roster_header(),
        (_roster_row(member, delegation.forum.timezone) for member in members),
        filename=f"delegation-{delegation.pk}.{export_format}",
        export_format=export_format,
    )


@login_required
def roster_csv(request: AuthenticatedRequest, pk: int) -> HttpResponseBase:
    return _roster(request, pk, tables.CSV)


@login_required
def roster_xlsx(request: AuthenticatedRequest, pk: int) -> HttpResponseBase:
    return _roster(request, pk, tables.XLSX)


@login_required
def invitation_letter(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    member = access.get_member_for_letter(user=request.user, pk=pk)
    response = HttpResponse(invitation_letter_pdf(member), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="invitation-{member.pk}.pdf"'
    return response
