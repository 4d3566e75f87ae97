"""Who may see or change hours, check-ins and certificates. Hours belong to the organisation
that verifies them: its admins and coordinators decide; everyone else gets a 404. A volunteer
sees their own entries, tickets and certificates only."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404

from council.hours.models import Certificate, HoursEntry
from council.orgs.access import get_organisation_for_member
from council.orgs.models import Organisation
from council.projects.models import Application, ApplicationStatus, Project, Shift


def get_organisation_for_verifier(*, user: Any, pk: int) -> Organisation:
    """An organisation whose hours queue this person works through: its admins and
    coordinators; another member gets a 403, anyone else a 404."""
    organisation, membership = get_organisation_for_member(user=user, pk=pk)
    if not membership.is_staff_role:
        raise PermissionDenied
    return organisation


def get_entry_for_verifier(*, user: Any, pk: int) -> HoursEntry:
    entry = (
        HoursEntry.objects.select_related("volunteer", "project", "opportunity", "organisation")
        .filter(pk=pk)
        .first()
    )
    if entry is None or not user.is_authenticated:
        raise Http404
    get_organisation_for_verifier(user=user, pk=entry.organisation_id)
    return entry


def get_entry_for_remover(*, user: Any, pk: int) -> tuple[HoursEntry, bool]:
    """An entry this person may delete, and whether they act for the organisation: a
    verifier of its organisation, or else the volunteer themself (the service then refuses
    verified hours)."""
    if not user.is_authenticated:
        raise Http404
    entry = HoursEntry.objects.filter(pk=pk).first()
    if entry is None:
        raise Http404
    try:
        get_organisation_for_verifier(user=user, pk=entry.organisation_id)
    except (Http404, PermissionDenied):
        if entry.volunteer_id != user.pk:
            raise Http404 from None
        return entry, False
    return entry, True


def get_entry_for_volunteer(*, user: Any, pk: int) -> HoursEntry:
    if not user.is_authenticated:
        raise Http404
    entry = (
        HoursEntry.objects.select_related("project", "opportunity", "organisation")
        .filter(pk=pk, volunteer_id=user.pk)
        .first()
    )
    if entry is None:
        raise Http404
    return entry


def get_project_for_volunteer_hours(*, user: Any, pk: int) -> Project:
    """A project the person has a confirmed place in: they may log hours for it."""
    project = Project.objects.select_related("owner").filter(pk=pk).first()
    if project is None or not user.is_authenticated:
        raise Http404
    if not Application.objects.filter(
        volunteer_id=user.pk, opportunity__project=project, status=ApplicationStatus.CONFIRMED
    ).exists():
        raise Http404
    return project


def get_shift_for_check_in(*, user: Any, pk: int) -> Shift:
    """A shift of a project of an organisation this person organises for."""
    shift = (
        Shift.objects.select_related("opportunity", "opportunity__project").filter(pk=pk).first()
    )
    if shift is None or not user.is_authenticated:
        raise Http404
    get_organisation_for_verifier(user=user, pk=shift.opportunity.project.owner_id)
    return shift


def get_application_for_ticket(*, user: Any, pk: int) -> Application:
    """The person's own confirmed place on a shift: its ticket carries the check-in code."""
    if not user.is_authenticated:
        raise Http404
    application = (
        Application.objects.select_related("opportunity", "opportunity__project", "shift")
        .filter(
            pk=pk,
            volunteer_id=user.pk,
            status=ApplicationStatus.CONFIRMED,
            shift__isnull=False,
        )
        .first()
    )
    if application is None:
        raise Http404
    return application


def get_certificate_for_issuer(*, user: Any, pk: int) -> Certificate:
    certificate = Certificate.objects.select_related("volunteer", "project").filter(pk=pk).first()
    if certificate is None or not user.is_authenticated:
        raise Http404
    get_organisation_for_verifier(user=user, pk=certificate.organisation_id)
    return certificate


def get_certificate_for_holder(*, user: Any, pk: int) -> Certificate:
    if not user.is_authenticated:
        raise Http404
    certificate = (
        Certificate.objects.select_related("organisation", "project")
        .filter(pk=pk, volunteer_id=user.pk)
        .first()
    )
    if certificate is None:
        raise Http404
    return certificate
