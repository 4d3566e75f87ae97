"""Pages of delegations: forming a delegation, inviting and replacing members, the member's
answer and travel details, the delegation's roster as CSV and XLSX, and the visa-support
letter."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from council.accounts.http import AuthenticatedRequest
from council.forums import access
from council.forums.documents import invitation_letter_pdf
from council.forums.forms import HeadForm, PersonByEmailForm, RespondForm, TravelForm
from council.forums.models import Delegation, DelegationMember
from council.forums.selectors import delegation_members
from council.forums.services import delegations as services
from council.lib import tables
from council.lib.downloads import pdf_download
from council.lib.timezones import local_datetime
from council.lib.views import action_view, object_page

delegation_create = action_view(
    access.get_quota_for_sender,
    services.delegation_create,
    "quota",
    data=lambda request, _quota: {"head": HeadForm(request.POST).person()},
    success=None,
    redirect_to=lambda quota: reverse("forums:detail", args=[quota.forum_id]),
    result_to=lambda delegation: reverse("forums:delegation", args=[delegation.pk]),
)


def _delegation(_request: HttpRequest, delegation: Delegation) -> dict[str, Any]:
    """The delegation's forum, its members (those replaced too) and the invitation's form."""
    return {
        "forum": delegation.forum,
        "members": delegation_members(delegation=delegation, with_replaced=True),
        "invite_form": PersonByEmailForm(),
    }


delegation_page = object_page(
    access.get_delegation_for_sender, "delegation", "forums/delegation.html", _delegation
)


def _person(request: HttpRequest, _on: object) -> dict[str, Any]:
    """The person named by the address posted (a ValidationError on `email` when none)."""
    return {"person": PersonByEmailForm(request.POST).person()}


def _to_delegation(found: Delegation | DelegationMember) -> str:
    """The page of the delegation (or of the member's delegation)."""
    pk = found.pk if isinstance(found, Delegation) else found.delegation_id
    return reverse("forums:delegation", args=[pk])


# The sender's actions naming a person by email; back to the delegation's page.
_naming_person = partial(action_view, data=_person, redirect_to=_to_delegation)
member_invite = _naming_person(
    access.get_delegation_for_sender,
    services.member_invite,
    "delegation",
    success=gettext_lazy("The invitation is sent."),
)
member_substitute = _naming_person(
    access.get_member_for_sender,
    services.member_substitute,
    "member",
    success=gettext_lazy("The member is replaced; the new member is invited."),
)

# The member's actions on their own membership; back to the forum's page.
_as_member = partial(
    action_view,
    access.get_member_for_person,
    target="member",
    actor="person",
    redirect_to=lambda member: reverse("forums:detail", args=[member.delegation.forum_id]),
)
member_respond = _as_member(
    services.member_respond,
    data=lambda request, _member: RespondForm(request.POST).answer(),
    success=gettext_lazy("Your answer is recorded."),
)
member_withdraw = _as_member(
    services.member_withdraw, success=gettext_lazy("You have withdrawn from the delegation.")
)
member_travel = _as_member(
    services.member_travel_update,
    actor="actor",
    data=lambda request, member: TravelForm.for_member(member, request.POST).changes(),
    success=gettext_lazy("Your travel details are saved."),
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
    return pdf_download(invitation_letter_pdf(member), f"invitation-{member.pk}.pdf")
