"""Who may see and keep a deployment: an open assignment is public, a draft is its
managers' (the secretariat and the host's organisers); the national networks nominate."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404

from council.cooperation.access import is_secretariat
from council.deployments.models import Assignment, AssignmentStatus, Candidacy
from council.orgs.access import organises
from council.orgs.models import MembershipRole, Organisation, OrganisationKind


def manages_assignment(*, user: Any, assignment: Assignment) -> bool:
    """The secretariat and the host's admins and coordinators."""
    return is_secretariat(user=user) or organises(user=user, organisation_id=assignment.host_id)


def get_assignment_for_viewer(*, user: Any, pk: int) -> Assignment:
    assignment = (
        Assignment.objects.select_related("council", "host", "country").filter(pk=pk).first()
    )
    if assignment is None:
        raise Http404
    if assignment.status == AssignmentStatus.DRAFT and not manages_assignment(
        user=user, assignment=assignment
    ):
        raise Http404
    return assignment


def get_assignment_for_manager(*, user: Any, pk: int) -> Assignment:
    assignment = get_assignment_for_viewer(user=user, pk=pk)
    if not manages_assignment(user=user, assignment=assignment):
        raise Http404
    return assignment


def get_candidacy_for_manager(*, user: Any, pk: int) -> Candidacy:
    candidacy = Candidacy.objects.select_related("assignment", "person").filter(pk=pk).first()
    if candidacy is None or not manages_assignment(user=user, assignment=candidacy.assignment):
        raise Http404
    return candidacy


def get_candidacy_for_person(*, user: Any, pk: int) -> Candidacy:
    candidacy = Candidacy.objects.select_related("assignment").filter(pk=pk).first()
    if candidacy is None or candidacy.person_id != user.pk:
        raise Http404
    return candidacy


def get_assignment_for_nominator(*, user: Any, pk: int) -> tuple[Assignment, list[Any]]:
    """An assignment that this person may see, with the national networks they nominate
    for; someone who organises no national network may look but not nominate (403), and
    learns so before anything they sent is read."""
    assignment = get_assignment_for_viewer(user=user, pk=pk)
    networks = nominating_networks(user=user)
    if not networks:
        raise PermissionDenied
    return assignment, networks


def nominating_networks(*, user: Any) -> list[Any]:
    """The national networks this person organises (they nominate for deployments)."""
    if not user.is_authenticated:
        return []
    return list(
        Organisation.objects.filter(
            kind=OrganisationKind.NATIONAL_NETWORK,
            memberships__user=user,
            memberships__role__in=(MembershipRole.ADMIN, MembershipRole.COORDINATOR),
        ).order_by("pk")
    )
