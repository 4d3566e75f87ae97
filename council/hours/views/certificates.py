"""Certificates: the volunteer's own (and their PDF), the organiser's issuing and revoking,
and the public verification page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from council.accounts.http import AuthenticatedRequest
from council.accounts.models import User
from council.hours import access
from council.hours.documents import certificate_pdf
from council.hours.forms import IssueForPeriodForm, IssueForProjectForm, RevokeForm, VerifyCodeForm
from council.hours.selectors import (
    certificates_for_volunteer,
    certificates_of_organisation,
    volunteer_by_email,
)
from council.hours.services import certificates as certificate_services
from council.hours.services.letters import letter_by_code
from council.lib.downloads import pdf_download
from council.lib.forms import add_service_errors
from council.lib.views import action_view
from council.orgs.models import Organisation

# --- The volunteer -----------------------------------------------------------------------------


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
    return pdf_download(pdf, f"certificate-{certificate.code}.pdf")


# --- Anyone ------------------------------------------------------------------------------------


def verify(request: HttpRequest, code: str = "") -> HttpResponse:
    form = VerifyCodeForm(request.GET or None)
    if not code and form.is_valid():
        return redirect("hours:verify", code=form.cleaned_data["code"].strip())
    certificate = certificate_services.certificate_by_code(code=code) if code else None
    # A letter of recommendation is checked on the same page, by its own code.
    letter = letter_by_code(code=code) if code and certificate is None else None
    status = 404 if code and certificate is None and letter is None else 200
    return render(
        request,
        "hours/verify.html",
        {"form": form, "code": code, "certificate": certificate, "letter": letter},
        status=status,
    )


# --- The organiser -----------------------------------------------------------------------------


def _issue(
    actor: User, organisation: Organisation, form: IssueForProjectForm | IssueForPeriodForm
) -> str:
    """Issue what the valid form asks for; the message that says what was issued."""
    data = form.cleaned_data
    if isinstance(form, IssueForProjectForm):
        issued = certificate_services.certificates_issue_for_project(
            actor=actor, project=data["project"]
        )
        return _("Certificates issued: %(count)d.") % {"count": len(issued)}
    certificate_services.certificate_issue(
        actor=actor,
        organisation=organisation,
        volunteer=volunteer_by_email(email=data["email"]),
        kind=data["kind"],
        project=data["project"],
        period_start=data["period_start"],
        period_end=data["period_end"],
    )
    return _("The certificate is issued.")


@login_required
def organisation_certificates(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The organisation's certificates, and its two forms: for every volunteer of a project,
    or for one volunteer (by email) over a period or a project."""
    organisation = access.get_organisation_for_verifier(user=request.user, pk=pk)
    posted = request.POST if request.method == "POST" else None
    for_project = posted is not None and posted.get("issue") == "project"
    project_form = IssueForProjectForm(
        posted if for_project else None, organisation_id=organisation.pk
    )
    single_form = IssueForPeriodForm(
        None if for_project else posted, organisation_id=organisation.pk
    )
    form: IssueForProjectForm | IssueForPeriodForm = project_form if for_project else single_form
    if posted is not None and form.is_valid():
        try:
            messages.success(request, _issue(request.user, organisation, form))
            return redirect("hours:org_certificates", pk=organisation.pk)
        except ValidationError as error:
            add_service_errors(form, error)
    context = {
        "organisation": organisation,
        "project_form": project_form,
        "single_form": single_form,
        "certificates": certificates_of_organisation(organisation=organisation),
        "revoke_form": RevokeForm(),
    }
    return render(
        request, "hours/org_certificates.html", context, status=200 if posted is None else 400
    )


certificate_revoke = action_view(
    access.get_certificate_for_issuer,
    certificate_services.certificate_revoke,
    "certificate",
    data=lambda request, _certificate: {"reason": RevokeForm(request.POST).checked_reason()},
    success=gettext_lazy("The certificate is revoked."),
    redirect_to=lambda certificate: reverse(
        "hours:org_certificates", args=[certificate.organisation_id]
    ),
)


urlpatterns = [
    path("hours/certificates/", my_certificates, name="certificates"),
    path("hours/certificates/<int:pk>.pdf", certificate_download, name="certificate_pdf"),
    path("hours/certificates/<int:pk>/revoke/", certificate_revoke, name="revoke"),
    path("hours/orgs/<int:pk>/certificates/", organisation_certificates, name="org_certificates"),
    path("verify/", verify, name="verify_form"),
    path("verify/<str:code>/", verify, name="verify"),
]
