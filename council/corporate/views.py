"""A company's employee programme: joining it, its opportunities for employees, and for the
company's organisers the totals of its employees' corporate hours (ESG/CSR), also as CSV."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from council.accounts.http import AuthenticatedRequest
from council.cooperation.access import is_secretariat
from council.corporate import services
from council.corporate.forms import DomainForm
from council.corporate.selectors import corporate_totals
from council.lib import tables
from council.lib.forms import flash_errors, valid_data
from council.orgs.access import organises
from council.orgs.models import Membership, MembershipRole, Organisation, OrganisationKind
from council.projects.models import Opportunity, ProjectStatus


def _company(pk: int) -> Organisation:
    company = Organisation.objects.filter(pk=pk, kind=OrganisationKind.COMPANY).first()
    if company is None:
        raise Http404
    return company


def _reads_totals(user: object, company: Organisation) -> bool:
    return is_secretariat(user=user) or organises(user=user, organisation_id=company.pk)


@login_required
def programme(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    company = _company(pk)
    role = (
        Membership.objects.filter(user=request.user, organisation=company)
        .values_list("role", flat=True)
        .first()
    )
    reads_totals = _reads_totals(request.user, company)
    context = {
        "company": company,
        "member": role is not None,
        "admin": role == MembershipRole.ADMIN,
        "opportunities": (
            Opportunity.objects.filter(
                project__owner=company,
                project__status=ProjectStatus.PUBLISHED,
                is_published=True,
                has_ended=False,
            )
            .select_related("project")
            .order_by("-members_only", "first_start", "pk")
            if role is not None
            else None
        ),
        "totals": corporate_totals(company=company) if reads_totals else None,
        "domain_form": DomainForm(initial={"domain": company.employee_email_domain})
        if role == MembershipRole.ADMIN
        else None,
    }
    return render(request, "corporate/corporate.html", context)


@login_required
@require_POST
def join(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    company = _company(pk)
    try:
        services.employee_join(user=request.user, company=company)
        messages.success(request, _("Welcome to the employee programme."))
    except ValidationError as error:
        flash_errors(request, error)
    return redirect("corporate:corporate", pk=company.pk)


@login_required
@require_POST
def domain_set(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    company = _company(pk)
    if not organises(user=request.user, organisation_id=company.pk):
        raise Http404
    try:
        data = valid_data(DomainForm(request.POST))
        services.company_domain_set(actor=request.user, company=company, domain=data["domain"])
        messages.success(request, _("Saved."))
    except ValidationError as error:
        flash_errors(request, error)
    return redirect("corporate:corporate", pk=company.pk)


@login_required
def totals_csv(request: AuthenticatedRequest, pk: int) -> HttpResponseBase:
    """The per-project totals as CSV, for an ESG/CSR report."""
    company = _company(pk)
    if not _reads_totals(request.user, company):
        raise Http404
    totals = corporate_totals(company=company)
    headers = [
        _("Project"),
        _("Countries"),
        _("People"),
        _("Volunteer hours"),
        _("Hours in paid time"),
    ]
    rows = [
        [
            row["title"],
            " ".join(row["project__countries"] or []),
            row["people"],
            row["volunteer_hours"],
            row["time_off_hours"],
        ]
        for row in totals.projects
    ]
    rows.append(
        [
            _("Total"),
            " ".join(totals.countries),
            totals.people,
            totals.volunteer_hours,
            totals.time_off_hours,
        ]
    )
    stamp = timezone.localdate().isoformat()
    return tables.table_response(
        headers,
        rows,
        filename=f"employee-programme-{company.pk}-{stamp}.csv",
        export_format=tables.CSV,
    )
