"""Badges and the check-in desk: a participant's badge, the desk with its counters, and the
scan of a badge's code (as a page or, for the desk's script, as JSON)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from council.accounts.http import AuthenticatedRequest
from council.forums import access
from council.forums.documents import badge_pdf
from council.forums.models import Forum
from council.forums.selectors import check_in_desk as desk_of
from council.forums.selectors import checkin_counts
from council.forums.services import check_in as services
from council.lib.downloads import pdf_download
from council.lib.forms import flash_errors
from council.lib.timezones import place_zone


@login_required
def badge(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    registration = access.get_registration_for_badge(user=request.user, pk=pk)
    try:
        code = services.badge_code_for(registration=registration)
    except ValidationError as error:
        flash_errors(request, error)
        return redirect("forums:detail", pk=registration.forum_id)
    return pdf_download(badge_pdf(registration, code=code), f"badge-{code}.pdf")


@login_required
def check_in_desk(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    forum = access.get_forum_for_host(user=request.user, pk=pk)
    context = {"forum": forum, **desk_of(forum=forum)}
    return render(request, "forums/check_in.html", context)


@login_required
def check_in_counts(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The desk's counters, read again by every desk of the forum."""
    forum = access.get_forum_for_host(user=request.user, pk=pk)
    return JsonResponse(checkin_counts(forum=forum))


def _scanned(result: services.CheckInResult, forum: Forum) -> str:
    """What the desk says after a scan: checked in now, or when the first scan was."""
    name = result.registration.person.display_name
    if result.counted:
        return _("%(name)s is checked in.") % {"name": name}
    when = timezone.localtime(result.registration.checked_in_at, place_zone(forum.timezone))
    return _("%(name)s was already checked in at %(time)s.") % {
        "name": name,
        "time": when.strftime("%H:%M"),
    }


@login_required
@require_POST
def scan(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    forum = access.get_forum_for_host(user=request.user, pk=pk)
    wants_json = "application/json" in request.headers.get("Accept", "")
    try:
        result = services.registration_check_in(
            actor=request.user, forum=forum, code=request.POST.get("code", "")
        )
    except ValidationError as error:
        if wants_json:
            return JsonResponse({"ok": False, "errors": error.messages}, status=400)
        flash_errors(request, error)
        return redirect("forums:check_in", pk=forum.pk)
    message = _scanned(result, forum)
    if wants_json:
        counts = checkin_counts(forum=forum)
        return JsonResponse(
            {"ok": True, "counted": result.counted, "message": message, "counts": counts}
        )
    (messages.success if result.counted else messages.info)(request, message)
    return redirect("forums:check_in", pk=forum.pk)
