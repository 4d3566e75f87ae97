"""Access helpers: the one place that decides who may see or change an organisation.

Views and the API both call these. An organisation the person has no business with is a 404
(its existence is not revealed); a member without the right role for a write gets a 403.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from council.orgs.models import Membership, MembershipRole, Organisation, OrganisationStatus
from council.orgs.selectors import coordinated_country_codes


def _membership(user: Any, organisation_pk: int) -> Membership | None:
    if not user.is_authenticated:
        return None
    return (
        Membership.objects.select_related("organisation")
        .filter(user=user, organisation_id=organisation_pk)
        .first()
    )


def get_organisation_for_viewer(*, user: Any, pk: int) -> Organisation:
    """Verified organisations are public; a pending or rejected one is seen only by its members
    and by those who verify it."""
    organisation = (
        Organisation.objects.select_related("country", "region", "city", "parent")
        .filter(pk=pk)
        .first()
    )
    if organisation is None:
        raise Http404
    if organisation.status == OrganisationStatus.VERIFIED:
        return organisation
    if _membership(user, pk) is not None or can_verify(user=user, organisation=organisation):
        return organisation
    raise Http404


def get_organisation_for_member(*, user: Any, pk: int) -> tuple[Organisation, Membership]:
    membership = _membership(user, pk)
    if membership is None:
        raise Http404
    return membership.organisation, membership


def organises(*, user: Any, organisation_id: int | None) -> bool:
    """An admin or coordinator of that organisation (its organisers)."""
    if not user.is_authenticated or organisation_id is None:
        return False
    return Membership.objects.filter(
        user=user,
        organisation_id=organisation_id,
        role__in=(MembershipRole.ADMIN, MembershipRole.COORDINATOR),
    ).exists()


def get_organisation_for_admin(*, user: Any, pk: int) -> tuple[Organisation, Membership]:
    organisation, membership = get_organisation_for_member(user=user, pk=pk)
    if membership.role != MembershipRole.ADMIN:
        raise PermissionDenied
    return organisation, membership


def can_verify(*, user: Any, organisation: Organisation) -> bool:
    """A coordinator of the verified national network of the organisation's country verifies it;
    the council secretariat may verify any (national networks themselves included)."""
    if not user.is_authenticated:
        return False
    if user.is_secretariat:
        return True
    if Membership.objects.filter(user=user, organisation=organisation).exists():
        return False  # nobody verifies their own organisation
    return organisation.country_id in coordinated_country_codes(user=user)


def get_organisation_for_verifier(*, user: Any, pk: int) -> Organisation:
    organisation = (
        Organisation.objects.select_related("country", "created_by").filter(pk=pk).first()
    )
    if organisation is None or not can_verify(user=user, organisation=organisation):
        raise Http404
    return organisation


def get_membership_for_admin(*, user: Any, organisation_pk: int, pk: int) -> Membership:
    organisation, _admin = get_organisation_for_admin(user=user, pk=organisation_pk)
    membership = (
        Membership.objects.select_related("user", "organisation")
        .filter(Q(pk=pk) & Q(organisation=organisation))
        .first()
    )
    if membership is None:
        raise Http404
    return membership
