"""A company's employee programme: joining it, its opportunities for employees, and for the
company's organisers the totals of its employees' corporate hours (ESG/CSR), also as CSV."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from council.accounts.http import AuthenticatedRequest
from council.corporate import access, selectors, services
from council.corporate.forms import DomainForm
from council.lib import tables
from council.lib.views import post_action
from council.orgs.models import MembershipRole


@login_required
def programme(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    company = access.get_company(pk=pk)
    role = selectors.membership_role(user=request.user, company=company)
    reads_totals = access.reads_totals(user=request.user, company=company)
    admin = role == MembershipRole.ADMIN
    context = {
        "company": company,
        "member": role is not None,
        "admin": admin,
        "opportunities": (
            selectors.company_opportunities(company=company) if role is not None else None
        ),
        "totals": selectors.corporate_totals(company=company) if reads_totals else None,
        "domain_form": (
            DomainForm(initial={"domain": company.employee_email_domain}) if admin else None
        ),
    }
    return render(request, "corporate/corporate.html", context)


@login_required
@require_POST
def join(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    company = access.get_company(pk=pk)
    return post_action(
        request,
        lambda: services.employee_join(user=request.user, company=company),
        success=_("Welcome to the employee programme."),
        redirect_to=reverse("corporate:corporate", args=[company.pk]),
    )


@login_required
@require_POST
def domain_set(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    company = access.get_company_for_organiser(user=request.user, pk=pk)
    return post_action(
        request,
        lambda data: services.company_domain_set(
            actor=request.user, company=company, domain=data["domain"]
        ),
        success=_("Saved."),
        redirect_to=reverse("corporate:corporate", args=[company.pk]),
        form=DomainForm(request.POST),
    )


@login_required
def totals_csv(request: AuthenticatedRequest, pk: int) -> HttpResponseBase:
    """The per-project totals as CSV, for an ESG/CSR report."""
    company = access.get_company_for_reader_of_totals(user=request.user, pk=pk)
    headers, rows = selectors.totals_table(totals=selectors.corporate_totals(company=company))
    stamp = timezone.localdate().isoformat()
    return tables.table_response(
        headers,
        rows,
        filename=f"employee-programme-{company.pk}-{stamp}.csv",
        export_format=tables.CSV,
    )
