from __future__ import annotations

from django.db.models import Q, QuerySet

from council.accounts.http import Viewer
from council.accounts.models import User
from council.lib.people import own_row
from council.orgs.models import (
    ORGANISER_ROLES,
    Invitation,
    Membership,
    Organisation,
    OrganisationKind,
    OrganisationStatus,
)


def coordinated_country_codes(*, user: Viewer) -> set[str]:
    """Countries whose verified national network this person administers or coordinates."""
    if not user.is_authenticated:
        return set()
    return set(
        Membership.objects.filter(
            user=user,
            role__in=ORGANISER_ROLES,
            organisation__kind=OrganisationKind.NATIONAL_NETWORK,
            organisation__status=OrganisationStatus.VERIFIED,
        ).values_list("organisation__country_id", flat=True)
    )


def user_has_staff_role(*, user: Viewer) -> bool:
    """Organisation admin, coordinator (incl. national coordinator), council secretariat, or
    a user of the Django admin."""
    if not user.is_authenticated:
        return False
    if user.is_secretariat or user.is_staff or user.is_superuser:
        return True
    loaded = getattr(user, "has_staff_role", None)  # set by council.orgs.backends
    if loaded is not None:
        return bool(loaded)
    return Membership.objects.filter(user=user, role__in=ORGANISER_ROLES).exists()


def organisations_public(
    *, country: str | None = None, kind: str | None = None, query: str | None = None
) -> QuerySet[Organisation]:
    qs = Organisation.objects.filter(status=OrganisationStatus.VERIFIED).select_related(
        "country", "region", "city"
    )
    if country:
        qs = qs.filter(country_id=country.upper())
    if kind:
        qs = qs.filter(kind=kind)
    if query:
        qs = qs.filter(
            Q(name_ru__icontains=query) | Q(name_kk__icontains=query) | Q(name_en__icontains=query)
        )
    return qs.order_by("name", "pk")


def membership_of(*, user: Viewer, organisation: Organisation) -> Membership | None:
    """The person's membership of the organisation, if any."""
    return own_row(organisation.memberships.all(), user, "user")


def organisations_for_member(*, user: User) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(user=user)
        .select_related("organisation", "organisation__country")
        .order_by("organisation__name")
    )


def organisations_awaiting_verification(*, user: User) -> QuerySet[Organisation]:
    pending = Organisation.objects.filter(status=OrganisationStatus.PENDING)
    if not user.is_secretariat:
        pending = pending.filter(country_id__in=coordinated_country_codes(user=user))
    return pending.select_related("country", "region", "city", "created_by", "parent").order_by(
        "created_at", "pk"
    )


def organisation_members(*, organisation: Organisation) -> QuerySet[Membership]:
    return organisation.memberships.select_related("user").order_by("role", "user__email")


def organisation_open_invitations(*, organisation: Organisation) -> QuerySet[Invitation]:
    return organisation.invitations.filter(accepted_at__isnull=True, revoked_at__isnull=True)


def national_networks(*, country: str) -> QuerySet[Organisation]:
    return Organisation.objects.filter(
        kind=OrganisationKind.NATIONAL_NETWORK,
        status=OrganisationStatus.VERIFIED,
        country_id=country,
    )
