"""Pages of delegations and of the forum's host: forming a delegation, inviting and replacing
members, the member's answer and travel details, the host's approvals and seat counts, and the
delegation's roster as CSV and XLSX."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST

from council.accounts.http import AuthenticatedRequest
from council.accounts.selectors import person_by_email
from council.forums import access
from council.forums.documents import badge_pdf, invitation_letter_pdf
from council.forums.forms import (
    DecisionForm,
    HeadForm,
    PersonByEmailForm,
    QuestionForm,
    QuotaForm,
    RespondForm,
    SessionForm,
    TravelForm,
)
from council.forums.models import Quota
from council.forums.selectors import forum_overview
from council.forums.services import delegations as services
from council.forums.services import registrations as registration_services
from council.lib import tables
from council.lib.forms import flash_errors, valid_data
from council.lib.timezones import local_datetime, place_zone


@login_required
def host_page(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    forum = access.get_forum_for_host(user=request.user, pk=pk)
    context = {
        "forum": forum,
        **forum_overview(forum=forum),
        "decision_form": DecisionForm(),
        "quota_form": QuotaForm(),
        "session_form": SessionForm(zone=forum.timezone),
        "question_form": QuestionForm(),
        "questions": forum.questions.order_by("position", "pk"),
    }
    return render(request, "forums/host.html", context)


@login_required
@require_POST
def member_decide(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    member = access.get_member_for_host(user=request.user, pk=pk)
    form = DecisionForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        services.member_decide(
            actor=request.user,
            member=member,
            approve=request.POST.get("decision") == "approve",
            reason=reason,
        )
        messages.success(request, _("The decision is recorded; the member has been told."))
    except ValidationError as error:
        flash_errors(request, error)
    return redirect("forums:host", pk=member.delegation.forum_id)


@login_required
@require_POST
def delegation_create(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    quota = Quota.objects.select_related("forum").filter(pk=pk).first()
    if quota is None or not access.can_form_delegation(user=request.user, quota=quota):
        raise Http404
    form = HeadForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError({"email": _("Enter the head's email address.")})
        delegation = services.delegation_create(
            actor=request.user, quota=quota, head=person_by_email(form.cleaned_data["email"])
        )
    except ValidationError as error:
        flash_errors(request, error)
        return redirect("forums:detail", pk=quota.forum_id)
    return redirect("forums:delegation", pk=delegation.pk)


@login_required
def delegation_page(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    delegation = access.get_delegation_for_sender(user=request.user, pk=pk)
    members = delegation.members.select_related("person", "replaces__person").order_by(
        "invited_at", "pk"
    )
    context = {
        "delegation": delegation,
        "forum": delegation.forum,
        "members": members,
        "invite_form": PersonByEmailForm(),
    }
    return render(request, "forums/delegation.html", context)


@login_required
@require_POST
def member_invite(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    delegation = access.get_delegation_for_sender(user=request.user, pk=pk)
    form = PersonByEmailForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError({"email": _("Enter a valid email address.")})
        services.member_invite(
            actor=request.user,
            delegation=delegation,
            person=person_by_email(form.cleaned_data["email"]),
        )
        messages.success(request, _("The invitation is sent."))
    except ValidationError as error:
        flash_errors(request, error)
    return redirect("forums:delegation", pk=delegation.pk)


@login_required
@require_POST
def member_substitute(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    member = access.get_member_for_sender(user=request.user, pk=pk)
    form = PersonByEmailForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError({"email": _("Enter a valid email address.")})
        services.member_substitute(
            actor=request.user, member=member, person=person_by_email(form.cleaned_data["email"])
        )
        messages.success(request, _("The member is replaced; the new member is invited."))
    except ValidationError as error:
        flash_errors(request, error)
    return redirect("forums:delegation", pk=member.delegation_id)


@login_required
@require_POST
def member_respond(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    member = access.get_member_for_person(user=request.user, pk=pk)
    form = RespondForm(request.POST)
    consent = form.cleaned_data["cross_border_consent"] if form.is_valid() else False
    try:
        services.member_respond(
            person=request.user,
            member=member,
            accept=request.POST.get("answer") == "accept",
            cross_border_consent=consent,
        )
        messages.success(request, _("Your answer is recorded."))
    except ValidationError as error:
        flash_errors(request, error)
    return redirect("forums:detail", pk=member.delegation.forum_id)


@login_required
@require_POST
def member_withdraw(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    member = access.get_member_for_person(user=request.user, pk=pk)
    try:
        services.member_withdraw(person=request.user, member=member)
        messages.success(request, _("You have withdrawn from the delegation."))
    except ValidationError as error:
        flash_errors(request, error)
    return redirect("forums:detail", pk=member.delegation.forum_id)


@login_required
@require_POST
def member_travel(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    member = access.get_member_for_person(user=request.user, pk=pk)
    form = TravelForm.for_member(member, request.POST)
    try:
        data = valid_data(form)
        # Only what the person changed is written: the rest stays as saved.
        changed = {name: data[name] for name in form.changed_data}
        services.member_travel_update(actor=request.user, member=member, **changed)
        messages.success(request, _("Your travel details are saved."))
    except ValidationError as error:
        flash_errors(request, error)
    return redirect("forums:detail", pk=member.delegation.forum_id)


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


def _roster_row(member: Any, zone: str) -> list[str]:
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
    members = delegation.members.select_related("person").order_by("invited_at", "pk")
    return tables.table_response(
        _roster_header(),
        (_roster_row(member, delegation.forum.timezone) for member in members.iterator()),
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
def badge(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    registration = access.get_registration_for_badge(user=request.user, pk=pk)
    try:
        code = registration_services.badge_code_for(registration=registration)
    except ValidationError as error:
        flash_errors(request, error)
        return redirect("forums:detail", pk=registration.forum_id)
    response = HttpResponse(badge_pdf(registration, code=code), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="badge-{code}.pdf"'
    return response


@login_required
def invitation_letter(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    member = access.get_member_for_letter(user=request.user, pk=pk)
    response = HttpResponse(invitation_letter_pdf(member), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="invitation-{member.pk}.pdf"'
    return response


@login_required
def check_in_desk(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    forum = access.get_forum_for_host(user=request.user, pk=pk)
    counts = registration_services.checkin_counts(forum=forum)
    quota_rows = [
        (quota, counts.get(f"quota_{quota.pk}", 0), counts.get(f"quota_{quota.pk}_in", 0))
        for quota in forum.quotas.select_related("delegation__organisation").order_by("kind", "pk")
    ]
    context = {"forum": forum, "quota_rows": quota_rows, "counts": counts}
    return render(request, "forums/check_in.html", context)


@login_required
def check_in_counts(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The desk's counters, read again by every desk of the forum."""
    forum = access.get_forum_for_host(user=request.user, pk=pk)
    return JsonResponse(registration_services.checkin_counts(forum=forum))


@login_required
@require_POST
def scan(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    forum = access.get_forum_for_host(user=request.user, pk=pk)
    wants_json = "application/json" in request.headers.get("Accept", "")
    try:
        result = registration_services.registration_check_in(
            actor=request.user, forum=forum, code=request.POST.get("code", "")
        )
    except ValidationError as error:
        if wants_json:
            return JsonResponse({"ok": False, "errors": error.messages}, status=400)
        flash_errors(request, error)
        return redirect("forums:check_in", pk=forum.pk)
    name = result.registration.person.display_name
    if result.counted:
        message = _("%(name)s is checked in.") % {"name": name}
    else:
        when = timezone.localtime(result.registration.checked_in_at, place_zone(forum.timezone))
        message = _("%(name)s was already checked in at %(time)s.") % {
            "name": name,
            "time": when.strftime("%H:%M"),
        }
    if wants_json:
        return JsonResponse(
            {
                "ok": True,
                "counted": result.counted,
                "message": message,
                "counts": registration_services.checkin_counts(forum=forum),
            }
        )
    (messages.success if result.counted else messages.info)(request, message)
    return redirect("forums:check_in", pk=forum.pk)
