"""Who may see a company's employee programme: any signed-in person sees the page, its
members the opportunities, the secretariat and the company's organisers the totals."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404

from council.accounts.http import Viewer
from council.cooperation.access import is_secretariat
from council.orgs.access import organises
from council.orgs.models import Organisation, OrganisationKind


def get_company(*, pk: int) -> Organisation:
    return get_object_or_404(Organisation.objects.filter(kind=OrganisationKind.COMPANY), pk=pk)


def reads_totals(*, user: Viewer, company: Organisation) -> bool:
    return is_secretariat(user=user) or organises(user=user, organisation_id=company.pk)


def get_company_for_reader_of_totals(*, user: Viewer, pk: int) -> Organisation:
    company = get_company(pk=pk)
    if not reads_totals(user=user, company=company):
        raise Http404
    return company


def get_company_for_organiser(*, user: Viewer, pk: int) -> Organisation:
    company = get_company(pk=pk)
    if not organises(user=user, organisation_id=company.pk):
        raise Http404
    return company
