"""The volunteer's ticket and the organiser's check-in desk: the roster, scans (by the desk's
script as JSON, or by the plain form) and logging a whole shift."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from council.accounts.http import AuthenticatedRequest
from council.hours import access
from council.hours.forms import ScanForm, ShiftHoursForm
from council.hours.selectors import desk_roster, desk_row
from council.hours.services import checkin as checkin_services
from council.hours.services import entries as entry_services
from council.lib.forms import flash_errors
from council.lib.numbers import format_number
from council.lib.qr import qr_svg
from council.lib.timezones import place_zone
from council.lib.views import action_view, object_page
from council.projects.models import Application, Shift


def _ticket(_request: HttpRequest, application: Application) -> dict[str, Any]:
    """The application's ticket with its code as a QR image, on the opportunity's clock."""
    row = checkin_services.ticket_for(application=application)
    return {"ticket": row, "qr": qr_svg(row.code), "zone": application.opportunity.timezone}


ticket = object_page(access.get_application_for_ticket, "application", "hours/ticket.html", _ticket)


def _desk(_request: HttpRequest, shift: Shift) -> dict[str, Any]:
    """The shift's roster and counters, the forms of the scan and of the shift's hours."""
    return {
        "opportunity": shift.opportunity,
        "applications": desk_roster(shift=shift),
        "counts": checkin_services.shift_counts(shift=shift),
        "form": ScanForm(),
        "shift_form": ShiftHoursForm(),
        "zone": place_zone(shift.opportunity.timezone),
    }


check_in_desk = object_page(access.get_shift_for_check_in, "shift", "hours/check_in.html", _desk)


def _scan_message(result: checkin_services.ScanResult) -> str:
    row = result.check_in
    zone = place_zone(row.application.opportunity.timezone)
    names = {"name": result.volunteer_name}
    if result.outcome == "checked_in":
        return _("%(name)s is checked in.") % names
    if result.outcome == "checked_out":
        return _("%(name)s is checked out: %(hours)s h.") % {
            **names,
            # The hours read as the reader's language writes numbers ("0,25" in ru and kk).
            "hours": format_number(row.entry.hours) if row.entry else "",
        }
    if result.outcome == "already_in":
        return _("%(name)s was already checked in at %(time)s.") % {
            **names,
            "time": timezone.localtime(row.checked_in_at, zone).strftime("%H:%M"),
        }
    if result.outcome == "already_out":
        return _("%(name)s was already checked out at %(time)s.") % {
            **names,
            "time": timezone.localtime(row.checked_out_at, zone).strftime("%H:%M"),
        }
    return _("%(name)s has not been checked in.") % names


def _wants_json(request: HttpRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _scan_answer(
    request: HttpRequest, shift: Shift, result: checkin_services.ScanResult
) -> dict[str, object]:
    """What the desk's script shows after a scan: the message, the counters, and the
    volunteer's row of the roster as it now reads (the check-in or check-out, and the hours,
    without a reload)."""
    application_id = result.check_in.application_id
    return {
        "ok": True,
        "outcome": result.outcome,
        "counted": result.counted,
        "message": _scan_message(result),
        "counts": checkin_services.shift_counts(shift=shift),
        "application": application_id,
        "row": render_to_string(
            "hours/includes/desk_row.html",
            {"application": desk_row(application_id=application_id)},
            request=request,
        ),
    }


@login_required
@require_POST
def scan(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """One scan or typed code at the desk. The desk's script sends JSON-accepting requests
    (and scans made offline with the time they were made); without it the form posts."""
    shift = access.get_shift_for_check_in(user=request.user, pk=pk)
    form = ScanForm(request.POST)
    desk = reverse("hours:check_in", args=[shift.pk])
    try:
        result = checkin_services.scan(actor=request.user, shift=shift, **form.checked())
    except ValidationError as error:
        if _wants_json(request):
            return JsonResponse({"ok": False, "errors": error.messages}, status=400)
        flash_errors(request, error)
        return HttpResponseRedirect(desk)
    if _wants_json(request):
        return JsonResponse(_scan_answer(request, shift, result))
    (messages.success if result.counted else messages.info)(request, _scan_message(result))
    return HttpResponseRedirect(desk)


def _logged(entries: list[object]) -> str:
    count = len(entries)
    return ngettext(
        "Hours logged for %(count)d volunteer.", "Hours logged for %(count)d volunteers.", count
    ) % {"count": count}


log_shift = action_view(
    access.get_shift_for_check_in,
    entry_services.hours_log_for_shift,
    "shift",
    data=lambda request, _shift: ShiftHoursForm(request.POST).checked(),
    success=_logged,
    redirect_to=lambda shift: reverse("hours:check_in", args=[shift.pk]),
)


urlpatterns = [
    path("hours/tickets/<int:pk>/", ticket, name="ticket"),
    path("hours/shifts/<int:pk>/check-in/", check_in_desk, name="check_in"),
    path("hours/shifts/<int:pk>/scan/", scan, name="scan"),
    path("hours/shifts/<int:pk>/log/", log_shift, name="log_shift"),
]
