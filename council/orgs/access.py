"""Access helpers: the one place that decides who may see or change an organisation.

Views and the API both call these. An organisation the person has no business with is a 404
(its existence is not revealed); a member without the right role for a write gets a 403.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from council.accounts.http import Viewer
from council.lib.mirrors import local_or_404
from council.orgs.models import (
    ORGANISER_ROLES,
    Invitation,
    Membership,
    MembershipRole,
    Organisation,
    OrganisationStatus,
)
from council.orgs.selectors import coordinated_country_codes


def _membership(user: Viewer, organisation_pk: int) -> Membership | None:
    rows = memberships(user).filter(organisation_id=organisation_pk)
    return rows.select_related("organisation").first()


def get_organisation_for_viewer(*, user: Viewer, pk: int) -> Organisation:
    """Verified organisations are public; a pending or rejected one is seen only by its members
    and by those who verify it."""
    organisation: Organisation = get_object_or_404(
        Organisation.objects.select_related("country", "region", "city", "parent"), pk=pk
    )
    if organisation.status == OrganisationStatus.VERIFIED:
        return organisation
    if _membership(user, pk) is not None or can_verify(user=user, organisation=organisation):
        return organisation
    raise Http404


def get_organisation_for_member(*, user: Viewer, pk: int) -> tuple[Organisation, Membership]:
    membership = _membership(user, pk)
    if membership is None:
        raise Http404
    return local_or_404(membership.organisation), membership


def memberships(
    user: Viewer, *, organisations: Any = None, organiser: bool = False
) -> QuerySet[Membership]:
    """The person's memberships (none for the anonymous): of one of `organisations` (their
    pks, or a query of them) when given; as an admin or coordinator (an organiser) when
    `organiser`."""
    if not user.is_authenticated:
        return Membership.objects.none()
    rows = Membership.objects.filter(user=user)
    if organisations is not None:
        rows = rows.filter(organisation_id__in=organisations)
    if organiser:
        rows = rows.filter(role__in=ORGANISER_ROLES)
    return rows


def organises(*, user: Viewer, organisation_id: int | None) -> bool:
    """An admin or coordinator of that organisation (its organisers)."""
    if organisation_id is None:
        return False
    return memberships(user, organisations=[organisation_id], organiser=True).exists()


def get_organisation_for_admin(*, user: Viewer, pk: int) -> tuple[Organisation, Membership]:
    organisation, membership = get_organisation_for_member(user=user, pk=pk)
    if membership.role != MembershipRole.ADMIN:
        raise PermissionDenied
    return organisation, membership


def can_verify(*, user: Viewer, organisation: Organisation) -> bool:
    """A coordinator of the verified national network of the organisation's country verifies it;
    the council secretariat may verify any (national networks themselves included)."""
    if not user.is_authenticated or organisation.is_mirrored:
        return False  # another node's organisation is verified there
    if user.is_secretariat:
        return True
    if Membership.objects.filter(user=user, organisation=organisation).exists():
        return False  # nobody verifies their own organisation
    return organisation.country_id in coordinated_country_codes(user=user)


def get_organisation_for_verifier(*, user: Viewer, pk: int) -> Organisation:
    organisation: Organisation = get_object_or_404(
        Organisation.objects.select_related("country", "created_by"), pk=pk
    )
    if not can_verify(user=user, organisation=organisation):
        raise Http404
    return local_or_404(organisation)


def get_membership_for_admin(*, user: Viewer, organisation_pk: int, pk: int) -> Membership:
    organisation, _admin = get_organisation_for_admin(user=user, pk=organisation_pk)
    return get_object_or_404(
        Membership.objects.select_related("user", "organisation"),
        pk=pk,
        organisation=organisation,
    )


def get_invitation_for_admin(*, user: Viewer, organisation_pk: int, pk: int) -> Invitation:
    organisation, _admin = get_organisation_for_admin(user=user, pk=organisation_pk)
    return get_object_or_404(Invitation, pk=pk, organisation=organisation)


def get_invitation_by_token(*, token: str) -> Invitation:
    """An invitation is found by its secret token alone: whoever holds the link may see it."""
    return get_object_or_404(
        Invitation.objects.select_related("organisation", "invited_by"), token=token
    )
