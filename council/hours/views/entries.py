"""The volunteer's hours (log, dispute) and the organiser's verification queue (verify,
reject, delete, verify many)."""

from __future__ import annotations

from functools import partial

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from council.accounts.http import AuthenticatedRequest
from council.hours import access
from council.hours.forms import DisputeForm, LogHoursForm, QueueFilterForm, RejectForm, VerifyForm
from council.hours.models import HoursEntry
from council.hours.selectors import entries_for_verifier, entries_for_volunteer, shifts_around_now
from council.hours.services import entries as entry_services
from council.lib.views import action_view, post_action, saved_or_page

# --- The volunteer -----------------------------------------------------------------------------


@login_required
def my_hours(request: AuthenticatedRequest) -> HttpResponse:
    page = Paginator(entries_for_volunteer(user=request.user), 50).get_page(request.GET.get("page"))
    return render(request, "hours/mine.html", {"page": page, "dispute_form": DisputeForm()})


@login_required
def log_hours(request: AuthenticatedRequest) -> HttpResponse:
    form = LogHoursForm(request.POST or None, volunteer=request.user)

    def log() -> HoursEntry:
        data = form.cleaned_data
        return entry_services.hours_log(
            volunteer=request.user,
            project=data["project"],
            opportunity=data["opportunity"],
            day=data["day"],
            hours=data["hours"],
            description=data["description"],
            mode=data["mode"],
            during_paid_work=data["during_paid_work"],
            isco_group=data["isco_group"],
            sdg_targets=list(data["sdg_targets"]),
        )

    return saved_or_page(
        request,
        form,
        log,
        _("Your hours are logged and wait for verification."),
        redirect_to=lambda _entry: reverse("hours:mine"),
        template="hours/log.html",
        failed=request.method == "POST",
    )


dispute = action_view(
    access.get_entry_for_volunteer,
    entry_services.hours_dispute,
    "entry",
    actor="volunteer",
    data=lambda request, _entry: {"text": DisputeForm(request.POST).checked_text()},
    success=gettext_lazy("Your dispute has been sent to the organisation."),
    redirect_to=lambda _entry: reverse("hours:mine"),
)


# --- The organiser -----------------------------------------------------------------------------


@login_required
def queue(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    organisation = access.get_organisation_for_verifier(user=request.user, pk=pk)
    form = QueueFilterForm(
        request.GET or None,
        organisation_id=organisation.pk,
        initial={"status": QueueFilterForm.DEFAULT_STATUS},
    )
    entries = entries_for_verifier(organisation_id=organisation.pk, **form.filters())
    context = {
        "organisation": organisation,
        "form": form,
        "page": Paginator(entries, 50).get_page(request.GET.get("page")),
        "shifts": shifts_around_now(organisation=organisation),
        "reject_form": RejectForm(),
        "verify_form": VerifyForm(),
    }
    return render(request, "hours/queue.html", context)


def _to_queue(organisation_id: int) -> str:
    return reverse("hours:queue", args=[organisation_id])


# The organiser's decisions on one entry of the queue; back to the queue.
_decide = partial(
    action_view,
    access.get_entry_for_verifier,
    target="entry",
    redirect_to=lambda entry: _to_queue(entry.organisation_id),
)
entry_verify = _decide(
    entry_services.hours_verify,
    data=lambda request, _entry: {"feedback": VerifyForm(request.POST).feedback_or_none()},
    success=gettext_lazy("The hours are verified."),
)
entry_reject = _decide(
    entry_services.hours_reject,
    data=lambda request, _entry: {"reason": RejectForm(request.POST).checked_reason()},
    success=gettext_lazy("The hours are rejected; the volunteer has been told why."),
)


@login_required
@require_POST
def entry_delete(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The volunteer deletes an entry not yet verified; the organisation any of its own."""
    entry, as_verifier = access.get_entry_for_remover(user=request.user, pk=pk)
    return post_action(
        request,
        lambda: entry_services.hours_delete(actor=request.user, entry=entry),
        success=_("The entry is deleted."),
        redirect_to=_to_queue(entry.organisation_id) if as_verifier else reverse("hours:mine"),
    )


@login_required
@require_POST
def bulk_verify(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    organisation = access.get_organisation_for_verifier(user=request.user, pk=pk)
    pks = [int(value) for value in request.POST.getlist("entry") if value.isdigit()]
    return post_action(
        request,
        lambda: entry_services.hours_bulk_verify(
            actor=request.user, organisation_id=organisation.pk, pks=pks
        ),
        success=lambda count: _("Entries verified: %(count)d.") % {"count": count},
        redirect_to=_to_queue(organisation.pk),
    )


urlpatterns = [
    path("hours/", my_hours, name="mine"),
    path("hours/log/", log_hours, name="log"),
    path("hours/<int:pk>/dispute/", dispute, name="dispute"),
    path("hours/orgs/<int:pk>/", queue, name="queue"),
    path("hours/orgs/<int:pk>/verify/", bulk_verify, name="bulk_verify"),
    path("hours/entries/<int:pk>/verify/", entry_verify, name="verify_entry"),
    path("hours/entries/<int:pk>/reject/", entry_reject, name="reject_entry"),
    path("hours/entries/<int:pk>/delete/", entry_delete, name="delete_entry"),
]
