"""Who sees which report. Open statistics are public; the council's dashboard and the SDG
report are for the secretariat and the organisers of the councils' member organisations; an
organisation's dashboard is for its own organisers (another organisation's is a 404). The
export of every entry is the secretariat's for every country, and a national coordinator's
for their own country only."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404

from council.accounts.http import Viewer
from council.accounts.models import User
from council.cooperation.access import is_secretariat, secretariat_or_organiser
from council.cooperation.models import CouncilMember
from council.orgs.access import get_organisation_for_member
from council.orgs.models import ORGANISER_ROLES, Organisation, OrganisationKind
from council.reports.models import ExportJob


def sees_council_reports(*, user: Viewer) -> bool:
    members = CouncilMember.objects.values("organisation_id")
    return secretariat_or_organiser(user=user, organisations=members)


def require_council_reports(*, user: Viewer) -> None:
    if not sees_council_reports(user=user):
        raise Http404


def entries_countries(*, user: Viewer) -> tuple[str, ...] | None:
    """The countries whose entries this person may export one by one: every country (None)
    for the secretariat; for the organisers of the councils' member organisations, those
    organisations' countries (a national coordinator's own country)."""
    if is_secretariat(user=user):
        return None
    if not user.is_authenticated:
        return ()
    codes = Organisation.objects.filter(
        memberships__user=user,
        memberships__role__in=ORGANISER_ROLES,
        pk__in=CouncilMember.objects.values("organisation_id"),
    ).values_list("country_id", flat=True)
    return tuple(sorted(set(codes)))


def get_organisation_for_reports(*, user: Viewer, pk: int) -> Organisation:
    """An organisation whose dashboard this person sees: its admins and coordinators."""
    if not user.is_authenticated:
        raise Http404
    organisation, membership = get_organisation_for_member(user=user, pk=pk)
    if membership.role not in ORGANISER_ROLES:
        raise Http404
    return organisation


def get_export_for_requester(*, user: Viewer, pk: int) -> ExportJob:
    """An export is the business of the person who asked for it only."""
    if not user.is_authenticated:
        raise Http404
    return get_object_or_404(ExportJob.objects.filter(requested_by_id=user.pk), pk=pk)


def get_network_for_reports(*, user: Viewer, pk: int) -> Organisation:
    """A national network whose country dashboard this person sees: its organisers."""
    organisation = get_organisation_for_reports(user=user, pk=pk)
    if organisation.kind != OrganisationKind.NATIONAL_NETWORK:
        raise Http404
    return organisation


def organised(*, user: User) -> list[Organisation]:
    """The organisations whose dashboards this person sees (as an admin or coordinator)."""
    return list(
        Organisation.objects.filter(
            memberships__user=user, memberships__role__in=ORGANISER_ROLES
        ).order_by("name")
    )


def get_company_for_reports(*, user: Viewer, pk: int) -> Organisation:
    """A company whose employee programme figures this person sees: its organisers."""
    organisation = get_organisation_for_reports(user=user, pk=pk)
    if organisation.kind != OrganisationKind.COMPANY:
        raise Http404
    return organisation
