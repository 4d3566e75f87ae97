"""Who may see or change hours, check-ins and certificates. Hours belong to the organisation
that verifies them: its admins and coordinators decide; everyone else gets a 404. A volunteer
sees their own entries, tickets and certificates only."""

from __future__ import annotations

from typing import TypeVar

from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from council.accounts.http import Viewer
from council.hours.models import (
    Certificate,
    HoursEntry,
    RecommendationLetter,
    Reference,
)
from council.orgs.access import get_organisation_for_member
from council.orgs.models import Organisation
from council.projects.models import Application, ApplicationStatus, Project, Shift

M = TypeVar("M", bound=Model)


def _signed_in(user: Viewer) -> None:
    if not user.is_authenticated:
        raise Http404


def _own(user: Viewer, rows: QuerySet[M], pk: int, **conditions: object) -> M:
    """One of the signed-in person's own rows (`volunteer_id`); anyone else gets a 404."""
    _signed_in(user)
    return get_object_or_404(rows, pk=pk, volunteer_id=user.pk, **conditions)


def _of_verifier(user: Viewer, rows: QuerySet[M], pk: int) -> M:
    """A row of an organisation (`organisation_id`) whose hours this person verifies."""
    _signed_in(user)
    row = get_object_or_404(rows, pk=pk)
    get_organisation_for_verifier(user=user, pk=row.organisation_id)  # type: ignore[attr-defined]
    return row


def get_organisation_for_verifier(*, user: Viewer, pk: int) -> Organisation:
    """An organisation whose hours queue this person works through: its admins and
    coordinators; another member gets a 403, anyone else a 404."""
    organisation, membership = get_organisation_for_member(user=user, pk=pk)
    if not membership.is_staff_role:
        raise PermissionDenied
    return organisation


def get_entry_for_verifier(*, user: Viewer, pk: int) -> HoursEntry:
    return _of_verifier(
        user,
        HoursEntry.objects.select_related("volunteer", "project", "opportunity", "organisation"),
        pk,
    )


def get_entry_for_remover(*, user: Viewer, pk: int) -> tuple[HoursEntry, bool]:
    """An entry this person may delete, and whether they act for the organisation: a
    verifier of its organisation, or else the volunteer themself (the service then refuses
    verified hours)."""
    _signed_in(user)
    entry = get_object_or_404(HoursEntry, pk=pk)
    try:
        get_organisation_for_verifier(user=user, pk=entry.organisation_id)
    except (Http404, PermissionDenied):
        if entry.volunteer_id != user.pk:
            raise Http404 from None
        return entry, False
    return entry, True


def get_entry_for_volunteer(*, user: Viewer, pk: int) -> HoursEntry:
    return _own(
        user, HoursEntry.objects.select_related("project", "opportunity", "organisation"), pk
    )


def get_project_for_volunteer_hours(*, user: Viewer, pk: int) -> Project:
    """A project the person has a confirmed place in: they may log hours for it."""
    _signed_in(user)
    project: Project = get_object_or_404(Project.objects.select_related("owner"), pk=pk)
    if not Application.objects.filter(
        volunteer_id=user.pk, opportunity__project=project, status=ApplicationStatus.CONFIRMED
    ).exists():
        raise Http404
    return project


def get_shift_for_check_in(*, user: Viewer, pk: int) -> Shift:
    """A shift of a project of an organisation this person organises for."""
    _signed_in(user)
    shift = get_object_or_404(
        Shift.objects.select_related("opportunity", "opportunity__project"), pk=pk
    )
    get_organisation_for_verifier(user=user, pk=shift.opportunity.project.owner_id)
    return shift


def get_application_for_ticket(*, user: Viewer, pk: int) -> Application:
    """The person's own confirmed place on a shift: its ticket carries the check-in code."""
    return _own(
        user,
        Application.objects.select_related("opportunity", "opportunity__project", "shift"),
        pk,
        status=ApplicationStatus.CONFIRMED,
        shift__isnull=False,
    )


def get_certificate_for_issuer(*, user: Viewer, pk: int) -> Certificate:
    return _of_verifier(user, Certificate.objects.select_related("volunteer", "project"), pk)


def get_certificate_for_holder(*, user: Viewer, pk: int) -> Certificate:
    return _own(user, Certificate.objects.select_related("organisation", "project"), pk)


# --- References and letters of recommendation ------------------------------------------------

_PLACES = Application.objects.select_related(
    "opportunity", "opportunity__project", "opportunity__project__owner", "shift", "volunteer"
)


def get_application_for_referee(*, user: Viewer, pk: int) -> Application:
    """A place on an opportunity of an organisation this person organises for: they may
    write its reference. Another member gets a 403, anyone else a 404."""
    _signed_in(user)
    application = get_object_or_404(_PLACES, pk=pk)
    get_organisation_for_verifier(user=user, pk=application.opportunity.project.owner_id)
    return application


def get_application_for_rater(*, user: Viewer, pk: int) -> Application:
    """The person's own place: they rate the experience."""
    return _own(user, _PLACES, pk)


def get_reference_for_volunteer(*, user: Viewer, pk: int) -> Reference:
    return _own(user, Reference.objects.select_related("organisation"), pk)


def get_letter_for_issuer(*, user: Viewer, pk: int) -> RecommendationLetter:
    return _of_verifier(user, RecommendationLetter.objects.select_related("volunteer"), pk)


def get_letter_for_reader(*, user: Viewer, pk: int) -> RecommendationLetter:
    """The volunteer's own letter, or a letter of an organisation whose hours this person
    verifies; anyone else gets a 404."""
    _signed_in(user)
    letter = get_object_or_404(
        RecommendationLetter.objects.select_related("organisation", "organisation__country"),
        pk=pk,
    )
    if letter.volunteer_id != user.pk:
        try:
            get_organisation_for_verifier(user=user, pk=letter.organisation_id)
        except PermissionDenied:
            raise Http404 from None
    return letter
