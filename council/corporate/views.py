"""A company's employee programme: joining it, its opportunities for employees, and for the
company's organisers the totals of its employees' corporate hours (ESG/CSR), also as CSV."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from council.accounts.http import AuthenticatedRequest
from council.accounts.models import User
from council.corporate import access, selectors, services
from council.corporate.forms import DomainForm
from council.lib import tables
from council.lib.views import actions, page
from council.orgs.models import MembershipRole, Organisation


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


def _company(*, user: User, pk: int) -> Organisation:
    """Any company: whether this person may join it is the service's to say."""
    return access.get_company(pk=pk)


_on_company = actions(
    access.get_company_for_organiser, "company", redirect_to=page("corporate:corporate")
)
join = _on_company(
    services.employee_join, _("Welcome to the employee programme."), fetch=_company, actor="user"
)
domain_set = _on_company(services.company_domain_set, _("Saved."), form=DomainForm)
