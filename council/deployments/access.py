"""Who may see and keep a deployment: an open assignment is public, a draft is its
managers' (the secretariat and the host's organisers); the national networks nominate."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from council.accounts.http import Viewer
from council.cooperation.access import is_secretariat
from council.deployments.models import Assignment, AssignmentStatus, Candidacy
from council.lib.found import found_if
from council.lib.mirrors import local_or_404
from council.orgs.access import memberships, organises
from council.orgs.models import Organisation, OrganisationKind


def manages_assignment(*, user: Viewer, assignment: Assignment) -> bool:
    """The secretariat and the host's admins and coordinators; nobody, for another node's
    assignment (it is managed there)."""
    if assignment.is_mirrored:
        return False
    return is_secretariat(user=user) or organises(user=user, organisation_id=assignment.host_id)


def get_assignment_for_viewer(*, user: Viewer, pk: int) -> Assignment:
    assignment: Assignment = get_object_or_404(
        Assignment.objects.select_related("council", "host", "country"), pk=pk
    )
    if assignment.status == AssignmentStatus.DRAFT and not manages_assignment(
        user=user, assignment=assignment
    ):
        raise Http404
    return assignment


def get_assignment_for_manager(*, user: Viewer, pk: int) -> Assignment:
    assignment = get_assignment_for_viewer(user=user, pk=pk)
    return found_if(manages_assignment(user=user, assignment=assignment), assignment)


def get_candidacy_for_manager(*, user: Viewer, pk: int) -> Candidacy:
    candidacy = get_object_or_404(Candidacy.objects.select_related("assignment", "person"), pk=pk)
    return found_if(manages_assignment(user=user, assignment=candidacy.assignment), candidacy)


def get_candidacy_for_person(*, user: Viewer, pk: int) -> Candidacy:
    candidacy = get_object_or_404(Candidacy.objects.select_related("assignment"), pk=pk)
    return found_if(candidacy.person_id == user.pk, candidacy)


def get_assignment_for_nominator(*, user: Viewer, pk: int) -> tuple[Assignment, list[Organisation]]:
    """An assignment that this person may see, with the national networks they nominate
    for; someone who organises no national network may look but not nominate (403), and
    learns so before anything they sent is read."""
    assignment = local_or_404(get_assignment_for_viewer(user=user, pk=pk))
    networks = nominating_networks(user=user)
    if not networks:
        raise PermissionDenied
    return assignment, networks


def nominating_networks(*, user: Viewer) -> list[Organisation]:
    """The national networks this person organises (they nominate for deployments)."""
    if not user.is_authenticated:
        return []
    organised = memberships(user, organiser=True).values("organisation_id")
    networks = Organisation.objects.filter(kind=OrganisationKind.NATIONAL_NETWORK, pk__in=organised)
    return list(networks.order_by("pk"))
