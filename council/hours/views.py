"""Pages of hours: the volunteer's hours, record book, tickets and certificates; the
organiser's verification queue, check-in desk and certificates; the public verification
page and the platform's public signing keys."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from council.accounts.http import AuthenticatedRequest
from council.accounts.models import User
from council.hours import access
from council.hours.documents import certificate_pdf, record_book_pdf, record_book_signed
from council.hours.forms import (
    DisputeForm,
    IssueForPeriodForm,
    IssueForProjectForm,
    LogHoursForm,
    QueueFilterForm,
    RejectForm,
    RevokeForm,
    ScanForm,
    ShiftHoursForm,
    VerifyCodeForm,
    VerifyForm,
)
from council.hours.models import CheckIn, EntryStatus
from council.hours.selectors import (
    certificates_for_volunteer,
    entries_for_verifier,
    entries_for_volunteer,
    record_book_for,
)
from council.hours.services import certificates as certificate_services
from council.hours.services import checkin as checkin_services
from council.hours.services import entries as entry_services
from council.hours.services.signing import published_keys
from council.lib.forms import add_service_errors, flash_errors
from council.lib.numbers import format_number
from council.lib.qr import qr_svg
from council.lib.timezones import place_zone
from council.projects.models import Application, ApplicationStatus, Shift

# --- The volunteer -----------------------------------------------------------------------------


@login_required
def my_hours(request: AuthenticatedRequest) -> HttpResponse:
    page = Paginator(entries_for_volunteer(user=request.user), 50).get_page(request.GET.get("page"))
    return render(request, "hours/mine.html", {"page": page, "dispute_form": DisputeForm()})


@login_required
def log_hours(request: AuthenticatedRequest) -> HttpResponse:
    form = LogHoursForm(request.POST or None, volunteer=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            entry_services.hours_log(
                volunteer=request.user,
                project=form.cleaned_data["project"],
                opportunity=form.cleaned_data["opportunity"],
                day=form.cleaned_data["day"],
                hours=form.cleaned_data["hours"],
                description=form.cleaned_data["description"],
                mode=form.cleaned_data["mode"],
                during_paid_work=form.cleaned_data["during_paid_work"],
                isco_group=form.cleaned_data["isco_group"],
                sdg_targets=list(form.cleaned_data["sdg_targets"]),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your hours are logged and wait for verification."))
            return redirect("hours:mine")
    status = 400 if request.method == "POST" else 200
    return render(request, "hours/log.html", {"form": form}, status=status)


@login_required
@require_POST
def dispute(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    entry = access.get_entry_for_volunteer(user=request.user, pk=pk)
    form = DisputeForm(request.POST)
    if not form.is_valid():
        flash_errors(request, ValidationError(list(form.errors["text"])))
        return redirect("hours:mine")
    try:
        entry_services.hours_dispute(
            volunteer=request.user, entry=entry, text=form.cleaned_data["text"]
        )
        messages.success(request, _("Your dispute has been sent to the organisation."))
    except ValidationError as error:
        flash_errors(request, error)
    return redirect("hours:mine")


@login_required
def record_book(request: AuthenticatedRequest) -> HttpResponse:
    book = record_book_for(user=request.user)
    return render(request, "hours/record_book.html", {"book": book})


@login_required
def record_book_as_pdf(request: AuthenticatedRequest) -> HttpResponse:
    book = record_book_for(user=request.user)
    response = HttpResponse(
        record_book_pdf(user=request.user, book=book, language=translation.get_language()),
        content_type="application/pdf",
    )
    response["Content-Disposition"] = 'attachment; filename="record-book.pdf"'
    return response


@login_required
def record_book_as_json(request: AuthenticatedRequest) -> HttpResponse:
    signed = record_book_signed(user=request.user, book=record_book_for(user=request.user))
    response = JsonResponse(signed, json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Disposition"] = 'attachment; filename="record-book.json"'
    return response


def signing_keys(request: HttpRequest) -> HttpResponse:
    """The public keys that verify signed record books (a JSON Web Key Set)."""
    response = JsonResponse({"keys": published_keys()})
    response["Cache-Control"] = "public, max-age=3600"
    return response


@login_required
def ticket(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    application = access.get_application_for_ticket(user=request.user, pk=pk)
    row = checkin_services.ticket_for(application=application)
    return render(
        request,
        "hours/ticket.html",
        {
            "application": application,
            "ticket": row,
            "qr": qr_svg(row.code),
            "zone": application.opportunity.timezone,
        },
    )


@login_required
def my_certificates(request: AuthenticatedRequest) -> HttpResponse:
    return render(
        request,
        "hours/certificates.html",
        {"certificates": certificates_for_volunteer(user=request.user)},
    )


@login_required
def certificate_download(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    certificate = access.get_certificate_for_holder(user=request.user, pk=pk)
    # In the language the page is read in, as every document downloaded in the browser.
    pdf = certificate_pdf(certificate, language=translation.get_language())
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="certificate-{certificate.code}.pdf"'
    return response


# --- Anyone ------------------------------------------------------------------------------------


def verify(request: HttpRequest, code: str = "") -> HttpResponse:
    form = VerifyCodeForm(request.GET or None)
    if not code and form.is_valid():
        return redirect("hours:verify", code=form.cleaned_data["code"].strip())
    certificate = certificate_services.certificate_by_code(code=code) if code else None
    status = 404 if code and certificate is None else 200
    return render(
        request,
        "hours/verify.html",
        {"form": form, "code": code, "certificate": certificate},
        status=status,
    )


# --- The organiser -----------------------------------------------------------------------------


@login_required
def queue(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    organisation = access.get_organisation_for_verifier(user=request.user, pk=pk)
    form = QueueFilterForm(
        request.GET or None,
        organisation_id=organisation.pk,
        initial={"status": EntryStatus.SUBMITTED},
    )
    filters = form.cleaned_data if form.is_valid() else {}
    status = filters.get("status") if request.GET else EntryStatus.SUBMITTED
    project = filters.get("project")
    entries = entries_for_verifier(
        organisation_id=organisation.pk, status=status, project_id=project.pk if project else None
    )
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    shifts = (
        Shift.objects.filter(
            opportunity__project__owner=organisation,
            start__lte=timezone.now() + timedelta(days=1),
            end__gte=timezone.now() - timedelta(days=2),
        )
        .select_related("opportunity")
        .order_by("start")[:20]
    )
    context = {
        "organisation": organisation,
        "form": form,
        "page": page,
        "shifts": shifts,
        "reject_form": RejectForm(),
        "verify_form": VerifyForm(),
    }
    return render(request, "hours/queue.html", context)


@login_required
@require_POST
def entry_verify(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    entry = access.get_entry_for_verifier(user=request.user, pk=pk)
    form = VerifyForm(request.POST)
    feedback = form.cleaned_data["feedback"] if form.is_valid() else ""
    try:
        entry_services.hours_verify(actor=request.user, entry=entry, feedback=feedback)
        messages.success(request, _("The hours are verified."))
    except ValidationError as error:
        flash_errors(request, error)
    return redirect("hours:queue", pk=entry.organisation_id)


@login_required
@require_POST
def entry_reject(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    entry = access.get_entry_for_verifier(user=request.user, pk=pk)
    form = RejectForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError({"reason": _("Give a reason for the rejection.")})
        entry_services.hours_reject(
            actor=request.user, entry=entry, reason=form.cleaned_data["reason"]
        )
        messages.success(request, _("The hours are rejected; the volunteer has been told why."))
    except ValidationError as error:
        flash_errors(request, error)
    return redirect("hours:queue", pk=entry.organisation_id)


@login_required
@require_POST
def entry_delete(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The volunteer deletes an entry not yet verified; the organisation any of its own."""
    entry, as_verifier = access.get_entry_for_remover(user=request.user, pk=pk)
    try:
        entry_services.hours_delete(actor=request.user, entry=entry)
        messages.success(request, _("The entry is deleted."))
    except ValidationError as error:
        flash_errors(request, error)
    if as_verifier:
        return redirect("hours:queue", pk=entry.organisation_id)
    return redirect("hours:mine")


@login_required
@require_POST
def bulk_verify(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    organisation = access.get_organisation_for_verifier(user=request.user, pk=pk)
    pks = [int(value) for value in request.POST.getlist("entry") if value.isdigit()]
    count = entry_services.hours_bulk_verify(
        actor=request.user, organisation_id=organisation.pk, pks=pks
    )
    messages.success(request, _("Entries verified: %(count)d.") % {"count": count})
    return redirect("hours:queue", pk=organisation.pk)


@login_required
def check_in_desk(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    shift = access.get_shift_for_check_in(user=request.user, pk=pk)
    applications = (
        Application.objects.filter(shift=shift, status=ApplicationStatus.CONFIRMED)
        .select_related("volunteer", "check_in__entry")
        .order_by("volunteer__family_name", "volunteer__given_name", "pk")
    )
    context = {
        "shift": shift,
        "opportunity": shift.opportunity,
        "applications": applications,
        "counts": checkin_services.shift_counts(shift=shift),
        "form": ScanForm(),
        "shift_form": ShiftHoursForm(),
        "zone": place_zone(shift.opportunity.timezone),
    }
    return render(request, "hours/check_in.html", context)


def _scan_message(result: checkin_services.ScanResult) -> str:
    row: CheckIn = result.check_in
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


def _desk_row(application_id: int) -> Application:
    return Application.objects.select_related("volunteer", "check_in__entry").get(pk=application_id)


def _wants_json(request: HttpRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "")


@login_required
@require_POST
def scan(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """One scan or typed code at the desk. The desk's script sends JSON-accepting requests
    (and scans made offline with the time they were made); without it the form posts."""
    shift = access.get_shift_for_check_in(user=request.user, pk=pk)
    form = ScanForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(
                {field: errors for field, errors in form.errors.items() if field != "__all__"}
                or _("Enter the code from the volunteer's ticket.")
            )
        service = (
            checkin_services.check_out
            if form.cleaned_data["action"] == "out"
            else checkin_services.check_in
        )
        result = service(
            actor=request.user,
            shift=shift,
            code=form.cleaned_data["code"] or None,
            application_id=form.cleaned_data["application"],
            at=form.cleaned_data["at"],
        )
    except ValidationError as error:
        if _wants_json(request):
            return JsonResponse({"ok": False, "errors": error.messages}, status=400)
        flash_errors(request, error)
        return redirect("hours:check_in", pk=shift.pk)
    message = _scan_message(result)
    if _wants_json(request):
        return JsonResponse(
            {
                "ok": True,
                "outcome": result.outcome,
                "counted": result.counted,
                "message": message,
                "counts": checkin_services.shift_counts(shift=shift),
                # The volunteer's row of the roster as it now reads, so that the desk shows
                # the check-in or check-out (and the hours) without a reload.
                "application": result.check_in.application_id,
                "row": render_to_string(
                    "hours/includes/desk_row.html",
                    {"application": _desk_row(result.check_in.application_id)},
                    request=request,
                ),
            }
        )
    (messages.success if result.counted else messages.info)(request, message)
    return redirect("hours:check_in", pk=shift.pk)


@login_required
@require_POST
def log_shift(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    shift = access.get_shift_for_check_in(user=request.user, pk=pk)
    form = ShiftHoursForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(list(form.errors.get("hours") or [_("Check the hours.")]))
        entries = entry_services.hours_log_for_shift(
            actor=request.user,
            shift=shift,
            hours=form.cleaned_data["hours"],
            description=form.cleaned_data["description"],
        )
        messages.success(
            request,
            ngettext(
                "Hours logged for %(count)d volunteer.",
                "Hours logged for %(count)d volunteers.",
                len(entries),
            )
            % {"count": len(entries)},
        )
    except ValidationError as error:
        flash_errors(request, error)
    return redirect("hours:check_in", pk=shift.pk)


@login_required
def organisation_certificates(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    organisation = access.get_organisation_for_verifier(user=request.user, pk=pk)
    project_form = IssueForProjectForm(organisation_id=organisation.pk)
    single_form = IssueForPeriodForm(organisation_id=organisation.pk)
    status = 200
    if request.method == "POST":
        status = 400
        try:
            if request.POST.get("issue") == "project":
                project_form = IssueForProjectForm(request.POST, organisation_id=organisation.pk)
                if project_form.is_valid():
                    issued = certificate_services.certificates_issue_for_project(
                        actor=request.user, project=project_form.cleaned_data["project"]
                    )
                    messages.success(
                        request, _("Certificates issued: %(count)d.") % {"count": len(issued)}
                    )
                    return redirect("hours:org_certificates", pk=organisation.pk)
            else:
                single_form = IssueForPeriodForm(request.POST, organisation_id=organisation.pk)
                if single_form.is_valid():
                    data = single_form.cleaned_data
                    volunteer = User.objects.filter(email__iexact=data["email"]).first()
                    if volunteer is None:
                        raise ValidationError({"email": _("Nobody has this email address here.")})
                    certificate_services.certificate_issue(
                        actor=request.user,
                        organisation=organisation,
                        volunteer=volunteer,
                        kind=data["kind"],
                        project=data["project"],
                        period_start=data["period_start"],
                        period_end=data["period_end"],
                    )
                    messages.success(request, _("The certificate is issued."))
                    return redirect("hours:org_certificates", pk=organisation.pk)
        except ValidationError as error:
            add_service_errors(
                project_form if request.POST.get("issue") == "project" else single_form, error
            )
    certificates = organisation.certificates.select_related("project").order_by(
        "-issued_at", "-pk"
    )[:200]
    context = {
        "organisation": organisation,
        "project_form": project_form,
        "single_form": single_form,
        "certificates": certificates,
        "revoke_form": RevokeForm(),
    }
    return render(request, "hours/org_certificates.html", context, status=status)


@login_required
@require_POST
def certificate_revoke(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    certificate = access.get_certificate_for_issuer(user=request.user, pk=pk)
    form = RevokeForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError({"reason": _("Give a reason for the revocation.")})
        certificate_services.certificate_revoke(
            actor=request.user, certificate=certificate, reason=form.cleaned_data["reason"]
        )
        messages.success(request, _("The certificate is revoked."))
    except ValidationError as error:
        flash_errors(request, error)
    return redirect("hours:org_certificates", pk=certificate.organisation_id)
