"""Series of shifts: the organiser adds one (on the shift page), changes or cancels "this and
all following" shifts; a volunteer signs up for the whole series (on the opportunity page)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from council.accounts.http import AuthenticatedRequest
from council.lib.timezones import place_zone
from council.lib.views import action_view, post_action, saved, saved_or_page
from council.projects.access import (
    get_opportunity_for_applicant,
    get_opportunity_for_editor,
    get_shift_for_editor,
)
from council.projects.forms.series import SeriesSignUpForm, ShiftSeriesForm, series_initial
from council.projects.models import Shift
from council.projects.services import series as services
from council.projects.services.series_sign_up import SignUp, series_sign_up
from council.projects.views.opportunities import shifts_page


def _to_shifts(shift_or_opportunity_id: int) -> str:
    return reverse("projects:shift_list", args=[shift_or_opportunity_id])


@login_required
@require_POST
def series_create(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    opportunity = get_opportunity_for_editor(user=request.user, pk=pk)
    form = ShiftSeriesForm(request.POST, zone=opportunity.timezone, prefix="series")
    series = saved(
        form,
        lambda: services.series_create(
            actor=request.user, opportunity=opportunity, **form.service_kwargs()
        ),
    )
    if series is None:
        return shifts_page(request, opportunity, failed=form)
    count = series.shifts.count()
    messages.success(
        request,
        ngettext("%(count)d shift has been added.", "%(count)d shifts have been added.", count)
        % {"count": count},
    )
    return HttpResponseRedirect(_to_shifts(opportunity.pk))


def _series_shift(user: object, pk: int) -> Shift:
    """A shift of a series, for an organiser of its project (a shift in no series: 404)."""
    shift = get_shift_for_editor(user=user, pk=pk)  # type: ignore[arg-type]
    if shift.series_id is None:
        raise Http404
    return shift


@login_required
def series_following(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Change this shift and all following ones of its series."""
    shift = _series_shift(request.user, pk)
    opportunity = shift.opportunity
    day = shift.start.astimezone(place_zone(opportunity.timezone)).date()
    initial = series_initial(shift.series, day)  # type: ignore[arg-type]
    form = ShiftSeriesForm(request.POST or None, initial=initial, zone=opportunity.timezone)
    return saved_or_page(
        request,
        form,
        lambda: services.series_update(actor=request.user, shift=shift, **form.service_kwargs()),
        _("This shift and the following ones have been changed."),
        redirect_to=lambda _series: _to_shifts(opportunity.pk),
        template="projects/manage/series_form.html",
        shift=shift,
        opportunity=opportunity,
    )


series_cancel = action_view(
    _series_shift,
    services.series_cancel,
    "shift",
    success=lambda count: (
        ngettext(
            "%(count)d shift has been cancelled.", "%(count)d shifts have been cancelled.", count
        )
        % {"count": count}
    ),
    redirect_to=lambda shift: _to_shifts(shift.opportunity_id),
)


def _signed_up(result: SignUp) -> str:
    confirmed = sum(1 for one in result.applications if one.status == "confirmed")
    text = ngettext(
        "You have applied for %(count)d shift of the series",
        "You have applied for %(count)d shifts of the series",
        len(result.applications),
    ) % {"count": len(result.applications)}
    text += " " + _("(%(confirmed)d confirmed, %(other)d waiting or under review).") % {
        "confirmed": confirmed,
        "other": len(result.applications) - confirmed,
    }
    if result.skipped:
        text += " " + ngettext(
            "%(count)d shift was skipped: %(reasons)s",
            "%(count)d shifts were skipped: %(reasons)s",
            len(result.skipped),
        ) % {
            "count": len(result.skipped),
            "reasons": " ".join(dict.fromkeys(reason for _shift, reason in result.skipped)),
        }
    return text


@login_required
@require_POST
def series_sign_up_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Apply for every upcoming shift of a series of the opportunity."""
    opportunity = get_opportunity_for_applicant(user=request.user, pk=pk)
    form = SeriesSignUpForm(request.POST, opportunity=opportunity)
    return post_action(
        request,
        lambda data: series_sign_up(
            volunteer=request.user,
            opportunity=opportunity,
            series=data["series"],
            motivation=data.get("motivation", ""),
            answers=form.answers(),
        ),
        success=_signed_up,
        redirect_to=reverse("projects:my_applications"),
        form=form,
        failure_to=reverse("projects:opportunity", args=[opportunity.pk]),
    )


urlpatterns = [
    path("opportunities/<int:pk>/shifts/series/", series_create, name="shift_series"),
    path("shifts/<int:pk>/following/", series_following, name="series_following"),
    path("shifts/<int:pk>/following/cancel/", series_cancel, name="series_cancel"),
    path("opportunities/<int:pk>/series/sign-up/", series_sign_up_view, name="series_sign_up"),
]
